/**
 * What `curator lint` loads before it reads a file (issue 20, start-up): the modules it reaches by
 * static imports. The LLM client, the arXiv client and its XML parser, zod (config and verdict
 * schemas) and the glob library are each loaded only by the commands or inputs that need them;
 * a lint of named files compiles none of them.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every module reached from `entry` by static imports (and dynamic ones with `dynamic`). */
async function staticClosure(entry: string, dynamic = false): Promise<Set<string>> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['probot'],
    outdir: 'unused',
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const edge of inputs[file]?.imports ?? []) {
      const followed =
        edge.kind === 'import-statement' || (dynamic && edge.kind === 'dynamic-import');
      if (!followed || seen.has(edge.path)) continue;
      seen.add(edge.path);
      queue.push(edge.path);
    }
  }
  return seen;
}

const packages = (files: Set<string>): Set<string> =>
  new Set(
    [...files]
      .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1])
      .filter((p): p is string => p !== undefined),
  );

describe('start-up: what curator lint loads', () => {
  it('loads no LLM client, XML parser, zod or glob library by static import', async () => {
    const lint = await staticClosure('src/cli/lint-command.ts');
    // The walk is real: the lint reaches the list parser and the rules.
    expect(lint.has('src/list/parse-list.ts')).toBe(true);
    expect(lint.has('src/lint/rules/category.ts')).toBe(true);
    const loaded = packages(lint);
    for (const heavy of ['openai', 'fast-xml-parser', 'zod', 'tinyglobby', 'picomatch', 'yaml'])
      expect(loaded, heavy).not.toContain(heavy);
  });

  it('classify, sync and translate load the LLM client and the XML parser only when they ask', async () => {
    for (const command of ['classify', 'sync', 'translate']) {
      const loaded = packages(await staticClosure(`src/cli/${command}-command.ts`));
      expect(loaded, command).not.toContain('openai');
      expect(loaded, command).not.toContain('fast-xml-parser');
    }
  });

  it('the commands that need them still reach them', async () => {
    // The guards above would pass on a walk that finds nothing: the same walk finds zod from the
    // config loader, the XML parser from the arXiv client, and the LLM client's package through
    // its dynamic import (loaded by the first request).
    expect(packages(await staticClosure('src/config/load-config.ts'))).toContain('zod');
    expect(packages(await staticClosure('src/classifier/verdict-schema.ts'))).toContain('zod');
    expect(packages(await staticClosure('src/arxiv/index.ts'))).toContain('fast-xml-parser');
    expect(packages(await staticClosure('src/llm/client.ts'))).not.toContain('openai');
    expect(packages(await staticClosure('src/llm/client.ts', true))).toContain('openai');
    const classifyAll = packages(await staticClosure('src/cli/classify-command.ts', true));
    expect(classifyAll).toContain('openai');
    expect(classifyAll).toContain('fast-xml-parser');
  });
});
