// Whether `--arxiv-url` names a saved feed, for the CLI (which may not reach into src/arxiv),
// without loading the feed parser.
export { isReplayUrl } from '../arxiv/replay-url.js';
