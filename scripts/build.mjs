// Builds the CLI into build/ with esbuild: one bundled entry plus lazily loaded chunks (the config
// loader with zod and yaml is only loaded when a config file exists). A bundle starts in about
// half the time of the same code as separate modules, which matters for a linter run per commit.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';

// Old chunks would pile up (their names carry content hashes).
rmSync('build', { recursive: true, force: true });

const common = {
  external: ['probot'],
  outdir: 'build',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies (yaml) are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

/**
 * The bundles load remark on demand (src/list/markdown-lazy.ts in place of src/list/markdown.ts):
 * most lint runs never need it, and remark with micromark is a large part of what a start would
 * otherwise compile.
 */
const lazyMarkdown = {
  name: 'lazy-markdown',
  setup(b) {
    const eager = resolve('src/list/markdown.ts');
    b.onResolve({ filter: /(^|\/)markdown\.js$/ }, (args) => {
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      return target === eager ? { path: resolve('src/list/markdown-lazy.ts') } : undefined;
    });
  },
};

await build({
  ...common,
  entryPoints: {
    cli: 'src/cli/run.ts',
    'lint-worker': 'src/cli/lint-worker.ts',
    // app: the Probot app, for `probot run ./build/app.mjs` (probot itself stays a dependency).
    // It loads remark as it starts (src/bot/app.ts); the CLI when a file needs it (lint-local.ts).
    app: 'src/bot/app.ts',
    lambda: 'src/bot/lambda.ts',
  },
  plugins: [lazyMarkdown],
});
