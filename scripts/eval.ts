// `npm run eval`: the offline classifier on the labelled set in eval/papers.jsonl, classifying into
// the seed-like list of tests/fixtures (the list this project started from, in our words).
import { readFileSync } from 'node:fs';
import {
  evaluateClassifier,
  formatEvaluation,
  type LabelledPaper,
} from '../src/tasks/evaluate-classifier.js';

const papers: LabelledPaper[] = readFileSync(
  new URL('../eval/papers.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LabelledPaper);
const list = readFileSync(
  new URL('../tests/fixtures/lists/seed-like/README.md', import.meta.url),
  'utf8',
);
const started = performance.now();
const e = evaluateClassifier(list, papers);
const ms = performance.now() - started;
process.stdout.write(
  formatEvaluation(e, `Offline classifier on eval/papers.jsonl (${papers.length} papers)`),
);
process.stdout.write(
  `\nClassified ${papers.length} papers in ${ms.toFixed(0)} ms, guidelines included.\n`,
);
if (process.argv.includes('--mistakes')) {
  process.stdout.write('\nMistakes:\n');
  for (const m of e.mistakes)
    process.stdout.write(
      `- ${m.id} ${m.title}: expected ${m.expected}, got ${m.predicted}. ${m.rationale}\n`,
    );
}
