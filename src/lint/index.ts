export * from './apply-fixes.js';
export * from './format.js';
export * from './lint-list.js';
export * from './preset.js';
export * from './types.js';
