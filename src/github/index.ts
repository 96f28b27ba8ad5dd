export * from './client.js';
export * from './comments.js';
export * from './check-run.js';
export * from './files.js';
export * from './review.js';
export * from './git.js';
