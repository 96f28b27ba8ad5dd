/**
 * What a reader throws when it needs the Markdown parser and the parser is not loaded yet (only in
 * the CLI's build, where remark is loaded on demand: see markdown-lazy.ts).
 */
export class MarkdownNotLoaded extends Error {
  constructor() {
    super('The Markdown parser is needed and not loaded yet; call loadMarkdown() first.');
    this.name = 'MarkdownNotLoaded';
  }
}

/**
 * Run `work`; if it needed the Markdown parser before it was loaded, load it and run `work` again.
 * `work` must be safe to run twice up to the point where it throws (it reads, it does not write).
 */
export async function withMarkdown<T>(
  work: () => Promise<T>,
  load: () => Promise<void>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MarkdownNotLoaded)) throw error;
    await load();
    return work();
  }
}
