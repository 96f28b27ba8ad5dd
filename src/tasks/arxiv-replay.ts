// The CLI reaches arXiv through tasks (the dependency rule): a saved feed replayed for it.
export { createReplayClient, isReplayUrl } from '../arxiv/index.js';
