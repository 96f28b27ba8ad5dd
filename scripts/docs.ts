// `npm run docs`: regenerate docs/rules.md, docs/config.md and the README's config reference.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigDoc, renderRulesDoc, withConfigReference } from '../src/tasks/render-docs.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc());
writeFileSync(new URL('../docs/config.md', import.meta.url), renderConfigDoc());
const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withConfigReference(readFileSync(readme, 'utf8')));
process.stdout.write('wrote docs/rules.md, docs/config.md and the config reference in README.md\n');
