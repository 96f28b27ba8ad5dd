// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The dependency rule from docs/architecture.md, enforced with `no-restricted-imports`.
 * Leaves (list, config) import no sibling; lint -> list; tasks -> anything below;
 * doors (cli, bot, action) -> tasks and config only.
 */
const sibling = (name) => ({
  group: [`../${name}/*`, `../../${name}/*`],
  message: `see docs/architecture.md: this folder may not import src/${name}`,
});
const restrict = (...names) => ({
  'no-restricted-imports': ['error', { patterns: names.map(sibling) }],
});

export default tseslint.config(
  {
    ignores: [
      'build/',
      'dist/',
      'coverage/',
      'node_modules/',
      'bench/out/',
      'examples/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/list/**'],
    rules: restrict(
      'lint',
      'config',
      'tasks',
      'cli',
      'classifier',
      'sync',
      'arxiv',
      'llm',
      'github',
      'bot',
      'action',
    ),
  },
  {
    files: ['src/config/**'],
    rules: restrict(
      'list',
      'lint',
      'tasks',
      'cli',
      'classifier',
      'sync',
      'arxiv',
      'llm',
      'github',
      'bot',
      'action',
    ),
  },
  {
    files: ['src/lint/**'],
    rules: restrict(
      'config',
      'tasks',
      'cli',
      'classifier',
      'sync',
      'arxiv',
      'llm',
      'github',
      'bot',
      'action',
    ),
  },
  {
    files: ['src/arxiv/**', 'src/llm/**', 'src/github/**'],
    rules: restrict(
      'list',
      'lint',
      'config',
      'tasks',
      'cli',
      'classifier',
      'sync',
      'arxiv',
      'llm',
      'github',
      'bot',
      'action',
    ),
  },
  {
    files: ['src/classifier/**'],
    rules: restrict('lint', 'config', 'tasks', 'cli', 'sync', 'arxiv', 'github', 'bot', 'action'),
  },
  {
    files: ['src/sync/**'],
    rules: restrict(
      'lint',
      'config',
      'tasks',
      'cli',
      'classifier',
      'arxiv',
      'github',
      'bot',
      'action',
    ),
  },
  { files: ['src/tasks/**'], rules: restrict('cli', 'bot', 'action') },
  {
    files: ['src/cli/**'],
    rules: restrict(
      'list',
      'lint',
      'classifier',
      'sync',
      'arxiv',
      'llm',
      'github',
      'bot',
      'action',
    ),
  },
  // The App and the Action: tasks, config and the GitHub adapter (for their own replies,
  // reactions and annotations); never the engine's inner folders, never each other.
  {
    files: ['src/bot/**'],
    rules: restrict('list', 'lint', 'classifier', 'sync', 'arxiv', 'llm', 'cli', 'action'),
  },
  {
    files: ['src/action/**'],
    rules: restrict('list', 'lint', 'classifier', 'sync', 'arxiv', 'llm', 'cli', 'bot'),
  },
  {
    files: ['src/**'],
    ignores: ['src/cli/**', 'src/bot/**', 'src/action/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'only the doors (cli, bot, action) read process.env',
        },
      ],
    },
  },
);
