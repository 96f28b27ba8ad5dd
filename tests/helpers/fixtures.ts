import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

export const SEED_EN = (): string => fixture('lists/seed-like/README.md');
export const SEED_CN = (): string => fixture('lists/seed-like/README_CN.md');

/** A paper the seed-like list lacks (a KV-cache method), as a row of each file: the usual addition. */
export const NEW_ROW =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
export const NEW_ROW_CN =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `驱逐` | - | 解码时给较低层分配更多的KV缓存预算。 |';
