/**
 * A mistake the user can fix (bad file, bad config, bad flag). Doors print `message` (and `hint`)
 * as one clear line and exit 2 ({@link ServiceUnavailableError}, a service that did not answer, exits
 * 4); anything else that escapes is a bug in awesome-curator (exit 3).
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

/**
 * A service the command needs (arXiv, the LLM server) did not answer: it is down, busy past its
 * retries, or the network is. Nothing the user typed is wrong, so doors exit 4, not 2, and say to
 * run again later.
 */
export class ServiceUnavailableError extends CuratorError {
  /** Which service, for the message: "arXiv", "the LLM server". */
  readonly service: string;

  constructor(service: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options);
    this.service = service;
  }
}

/**
 * The CLI's exit codes. 0 and 1 are a command's own answer (no findings / findings); the others
 * come from what stopped it.
 */
export const EXIT = {
  ok: 0,
  findings: 1,
  /** A usage, file or config problem (CuratorError). */
  usage: 2,
  /** A bug in awesome-curator (anything else that escapes). */
  internal: 3,
  /** arXiv or the LLM server did not answer, or the network is down (ServiceUnavailableError). */
  unavailable: 4,
} as const;

/** Why a file could not be read, in words a user acts on (`no such file`, `permission denied`). */
export function readFailure(cause: unknown): string {
  const code = (cause as { code?: string }).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EISDIR'
      ? 'is a directory, not a file'
      : code === 'EACCES'
        ? 'permission denied'
        : `cannot be read (${code ?? String(cause)})`;
}
