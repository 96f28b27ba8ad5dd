import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { arxivIdsIn } from '../../src/tasks/answer-command.js';

const form = parse(
  readFileSync(
    new URL('../../examples/.github/ISSUE_TEMPLATE/suggest-paper.yml', import.meta.url),
    'utf8',
  ),
) as {
  name: string;
  description: string;
  body: { type: string; id?: string; attributes: Record<string, string> }[];
};

it('the example issue form has the keys GitHub requires, and the links it asks for are read', () => {
  expect(form.name).toBeTruthy();
  expect(form.description).toBeTruthy();
  const ids = form.body.filter((b) => b.id).map((b) => b.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const b of form.body) expect(['markdown', 'textarea', 'input']).toContain(b.type);
  const links = form.body.find((b) => b.id === 'papers')!;
  expect(arxivIdsIn(links.attributes['placeholder']!)).toEqual(['2403.12968']);
  // An issue made from the form: GitHub renders each field under its label.
  const issueBody = `### arXiv links\n\nhttps://arxiv.org/abs/2403.12968\nhttps://arxiv.org/pdf/2310.01801v2\n\n### Why it belongs (optional)\n\n_No response_`;
  expect(arxivIdsIn(issueBody)).toEqual(['2403.12968', '2310.01801']);
});
