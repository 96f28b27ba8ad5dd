/**
 * A list file's bytes and its text, for the callers that may not reach into src/list (the CLI):
 * UTF-8 checked, the byte-order mark set aside and put back, so that a file written back differs
 * from the one read only in the rows an edit touched.
 */
export { decodeMarkdown, encodeMarkdown } from '../list/index.js';
