export { createArxivClient, type ArxivClient, type ArxivClientOptions } from './client.js';
export { buildSearchQuery, type ArxivSearch } from './build-query.js';
export { parseAtomFeed, type ArxivEntry, type FeedPage } from './parse-atom.js';
export { parseRetryAfter } from './retry-after.js';
export { splitArxivId } from './split-id.js';
export { venueOf } from './venue-of.js';
export { createReplayClient, isReplayUrl, replayPath } from './replay.js';
