// Bundles the GitHub Action into one file, dist/index.js (committed: a workflow runs it as is,
// with no npm install). `node scripts/bundle.mjs --out FILE` writes elsewhere, which the
// staleness test uses to compare a fresh bundle with the committed one.
import { build } from 'esbuild';

const at = process.argv.indexOf('--out');
const outfile = at > 0 ? process.argv[at + 1] : 'dist/index.js';

await build({
  entryPoints: ['src/action/index.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  // The Action runs on node24; node20 code runs there unchanged.
  target: 'node20',
  legalComments: 'none',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
