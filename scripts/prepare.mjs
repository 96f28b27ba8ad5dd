// `prepare` runs on `npm ci`/`npm install` in this folder, on `npm pack`, and when npm installs
// awesome-curator from a git URL (with its dev dependencies). It builds build/ when esbuild is
// installed; a production install (`npm ci --omit=dev`) has no esbuild, so it keeps the build/
// already there (shipped in the package, or built by an earlier `npm ci`) instead of failing.
import { existsSync } from 'node:fs';

let esbuild = true;
try {
  await import('esbuild');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  esbuild = false;
}

if (esbuild) {
  await import('./build.mjs');
} else if (existsSync(new URL('../build/cli.mjs', import.meta.url))) {
  console.log(
    'awesome-curator: esbuild is not installed (production install): keeping the existing build/.',
  );
} else {
  console.warn(
    'awesome-curator: esbuild is not installed and build/ is missing: run `npm ci` (with dev dependencies) once to build it, then `npm prune --omit=dev`.',
  );
}
