// `npm run docs`: regenerate docs/rules.md and docs/config.md from the code.
import { writeFileSync } from 'node:fs';
import { renderConfigDoc, renderRulesDoc } from '../src/tasks/render-docs.js';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesDoc());
writeFileSync(new URL('../docs/config.md', import.meta.url), renderConfigDoc());
process.stdout.write('wrote docs/rules.md and docs/config.md\n');
