import pkg from '../../package.json' with { type: 'json' };

/** The package's version (`curator --version`, SARIF's tool version). */
export const VERSION: string = pkg.version;

/** The project's home page: SARIF's informationUri, and the base of its rule help links. */
export const HOMEPAGE: string =
  (pkg as { homepage?: string }).homepage ?? 'https://github.com/awesome-curator/awesome-curator';
