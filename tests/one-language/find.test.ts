/**
 * How the translation is found: the config's word first, else the usual names in their order,
 * next to the primary file; through GitHub from what an event shows, else one listing.
 */
import { describe, expect, it } from 'vitest';
import {
  findTranslation,
  TRANSLATION_NAMES,
  translationCandidates,
  type CuratorConfig,
} from '../../src/config/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createGitHubClient } from '../../src/github/index.js';
import { RULE_IDS } from '../../src/lint/index.js';
import {
  filesIn,
  findTranslationOnGitHub,
  pushedFiles,
  removedTranslation,
} from '../../src/tasks/find-translation.js';
import { startFakeGitHub } from '../helpers/fake-github.js';

const load = (text: string) => loadConfig(text, '.github/curator.yml', RULE_IDS);
const having = (...paths: string[]) => {
  const asked: string[] = [];
  return {
    asked,
    exists: (path: string) => {
      asked.push(path);
      return paths.includes(path);
    },
  };
};

describe('files.translation', () => {
  it('not set: the first usual name is assumed until a door looks', () => {
    expect(load('').files).toEqual({
      primary: 'README.md',
      translation: 'README_CN.md',
      translationSource: 'assumed',
    });
    expect(load('files:\n  primary: docs/LIST.md\n').files.translationSource).toBe('assumed');
  });

  it('set: a path, or null for one language on purpose (an empty value is null too)', () => {
    expect(load('files:\n  translation: README_zh.md\n').files).toEqual({
      primary: 'README.md',
      translation: 'README_zh.md',
    });
    expect(load('files:\n  translation: null\n').files).toEqual({
      primary: 'README.md',
      translation: null,
    });
    expect(load('files:\n  translation:\n').files.translation).toBeNull();
  });

  it('the usual names, in order, next to the primary file, never the primary itself', () => {
    expect(TRANSLATION_NAMES).toEqual([
      'README_CN.md',
      'README_zh.md',
      'README.zh-CN.md',
      'README-zh.md',
      'README_ZH.md',
      'README.zh.md',
      'README_zh-CN.md',
    ]);
    expect(translationCandidates('README.md')).toEqual([...TRANSLATION_NAMES]);
    expect(translationCandidates('docs/README.md')[0]).toBe('docs/README_CN.md');
    expect(translationCandidates('./README.md')[0]).toBe('README_CN.md');
    expect(translationCandidates('README_CN.md')).not.toContain('README_CN.md');
  });
});

describe('findTranslation', () => {
  it('takes the first usual name that exists and asks no further', async () => {
    const fs = having('README.zh-CN.md', 'README.zh.md');
    const config = await findTranslation(load(''), fs.exists);
    expect(config.files).toEqual({
      primary: 'README.md',
      translation: 'README.zh-CN.md',
      translationSource: 'found',
    });
    expect(fs.asked).toEqual(['README_CN.md', 'README_zh.md', 'README.zh-CN.md']);
  });

  it('none: a one-language list', async () => {
    const config = await findTranslation(load(''), having().exists);
    expect(config.files).toEqual({
      primary: 'README.md',
      translation: null,
      translationSource: 'found',
    });
  });

  it('leaves a config that names the translation, or null, as it is, and asks nothing', async () => {
    for (const text of ['files:\n  translation: LISTE.md\n', 'files:\n  translation: null\n']) {
      const fs = having('README_CN.md');
      const config = load(text);
      expect(await findTranslation(config, fs.exists)).toBe(config);
      expect(fs.asked).toEqual([]);
    }
  });

  it('does not change the config it was given', async () => {
    const config: CuratorConfig = load('');
    await findTranslation(config, having('README_zh.md').exists);
    expect(config.files.translation).toBe('README_CN.md');
    expect(config.files.translationSource).toBe('assumed');
  });
});

describe('through GitHub', () => {
  it('one listing of the root (a commit tree) or of the primary file’s folder; none when an event settles it', async () => {
    const fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: {
        'README.md': '# list\n',
        'README_zh.md': '# 列表\n',
        'docs/README.md': '# list\n',
        'docs/README-zh.md': '# 列表\n',
      },
    });
    try {
      const octokit = createGitHubClient({ token: 'x', baseUrl: fake.url, userAgent: 'test' });
      const r = { owner: 'octo', repo: 'papers' };
      expect(await filesIn(octokit, r, '', 'main')).toEqual(new Set(['README.md', 'README_zh.md']));
      expect(await filesIn(octokit, r, 'docs', 'main')).toEqual(
        new Set(['docs/README.md', 'docs/README-zh.md']),
      );
      expect(await filesIn(octokit, r, 'nowhere', 'main')).toEqual(new Set());

      fake.requests.length = 0;
      const root = await findTranslationOnGitHub(octokit, r, load(''), { ref: 'main' });
      expect(root.files.translation).toBe('README_zh.md');
      const docs = await findTranslationOnGitHub(
        octokit,
        r,
        load('files:\n  primary: docs/README.md\n'),
        { ref: 'main' },
      );
      expect(docs.files.translation).toBe('docs/README-zh.md');
      expect(fake.requests.map((q) => q.op)).toEqual(['git/get-tree', 'repos/get-content']);

      // The first usual name is known to be there (touched by the event): no request.
      fake.requests.length = 0;
      const known = await findTranslationOnGitHub(octokit, r, load(''), {
        ref: 'main',
        known: new Map([['README_CN.md', true]]),
      });
      expect(known.files.translation).toBe('README_CN.md');
      expect(fake.requests).toEqual([]);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('a push: what its commits left of each file, and the translation it removed', () => {
    const pushed = pushedFiles([
      { added: ['README_zh.md'], modified: ['README.md'] },
      { removed: ['README_CN.md', 'README_zh.md'] },
      { added: ['README_zh.md'] },
    ]);
    expect([...pushed]).toEqual([
      ['README_zh.md', true],
      ['README.md', true],
      ['README_CN.md', false],
    ]);
    expect(removedTranslation('README.md', pushed)).toBe('README_CN.md');
    expect(removedTranslation('README.md', pushedFiles([{ modified: ['README.md'] }]))).toBe(
      undefined,
    );
  });
});
