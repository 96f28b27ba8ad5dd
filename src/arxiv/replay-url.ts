/**
 * Whether an arXiv API URL names a saved Atom feed to replay (`file:`) rather than a server. On
 * its own, so that a command can ask without loading the feed parser.
 */
export function isReplayUrl(url: string): boolean {
  return /^file:/i.test(url.trim());
}
