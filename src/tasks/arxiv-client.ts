/** The arXiv client, for the CLI (which may not reach into src/arxiv); loaded where ids are looked up. */
export { createArxivClient, type ArxivClient } from '../arxiv/index.js';
