import { expect, it } from 'vitest';

it('every test file refuses live API hosts (nock), whatever the machine can reach', async () => {
  for (const url of [
    'https://api.github.com/zen',
    'https://export.arxiv.org/api/query?id_list=2403.12968',
    'https://api.openai.com/v1/models',
  ]) {
    const error = await fetch(url).then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(String(error?.cause?.message ?? error?.message)).toMatch(/Disallowed net connect/);
  }
});
