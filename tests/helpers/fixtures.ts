import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
}

export const SEED_EN = (): string => fixture('lists/seed-like/README.md');
export const SEED_CN = (): string => fixture('lists/seed-like/README_CN.md');
