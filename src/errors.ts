/**
 * A mistake the user can fix (bad file, bad config, bad flag). Doors print `message` (and `hint`)
 * as one clear line and exit 2; anything else that escapes is a bug in awesome-curator.
 *
 * This file is the one module every folder may import: an error type is not a dependency on a
 * sibling's behaviour (see docs/decisions.md).
 */
export class CuratorError extends Error {
  override readonly name = 'CuratorError';
  /** What to do about it, shown after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/** One line for a terminal: "what is wrong (where). What to do." */
export function describeError(error: CuratorError): string {
  return error.hint ? `${error.message}. ${error.hint}` : error.message;
}
