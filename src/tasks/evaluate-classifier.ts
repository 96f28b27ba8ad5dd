/**
 * Use case: score the offline classifier on a labelled set (`npm run eval`).
 *
 * 1. Read the list's guidelines and build the classifier.
 * 2. Classify every labelled paper.
 * 3. Count per-class precision, recall and F1, macro-F1 and the confusion matrix.
 */
import { readGuidelines } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import { categorySections, parseList } from '../list/index.js';

export interface LabelledPaper {
  id: string;
  title: string;
  abstract: string;
  label: string | null;
}

export interface Evaluation {
  labels: string[];
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  macroF1: number;
  accuracy: number;
  /** confusion[expected][predicted] */
  confusion: Record<string, Record<string, number>>;
  mistakes: { id: string; title: string; expected: string; predicted: string; rationale: string }[];
}

export const NONE = 'none';

export function evaluateClassifier(listText: string, papers: LabelledPaper[]): Evaluation {
  const list = parseList(listText, 'README.md');
  const classifier = offlineClassifier(readGuidelines(list, categorySections(list)));
  const labels = [...new Set(papers.map((p) => p.label ?? NONE))].sort((a, b) =>
    a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b),
  );
  const confusion: Evaluation['confusion'] = Object.fromEntries(
    labels.map((l) => [l, Object.fromEntries(labels.map((m) => [m, 0]))]),
  );
  const mistakes: Evaluation['mistakes'] = [];
  for (const p of papers) {
    const v = classifier.classify(p);
    const expected = p.label ?? NONE;
    const predicted = v.category ?? NONE;
    const row = confusion[expected]!;
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (expected !== predicted)
      mistakes.push({ id: p.id, title: p.title, expected, predicted, rationale: v.rationale });
  }
  const perClass = labels.map((label) => {
    const tp = confusion[label]![label] ?? 0;
    const predicted = labels.reduce((n, e) => n + (confusion[e]![label] ?? 0), 0);
    const support = labels.reduce((n, m) => n + (confusion[label]![m] ?? 0), 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const correct = labels.reduce((n, l) => n + (confusion[l]![l] ?? 0), 0);
  return {
    labels,
    perClass,
    macroF1: perClass.reduce((n, c) => n + c.f1, 0) / perClass.length,
    accuracy: correct / papers.length,
    confusion,
    mistakes,
  };
}

export function formatEvaluation(e: Evaluation, heading: string): string {
  const pct = (n: number) => n.toFixed(2);
  const out = [
    heading,
    '',
    '| class | precision | recall | F1 | papers |',
    '| :--- | ---: | ---: | ---: | ---: |',
  ];
  for (const c of e.perClass)
    out.push(
      `| ${c.label} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.f1)} | ${c.support} |`,
    );
  out.push(
    '',
    `macro-F1 ${pct(e.macroF1)}, accuracy ${pct(e.accuracy)}`,
    '',
    `Confusion matrix (rows: label, columns: verdict):`,
    '',
    `| | ${e.labels.join(' | ')} |`,
    `| :--- |${e.labels.map(() => ' ---: |').join('')}`,
  );
  for (const l of e.labels)
    out.push(`| ${l} | ${e.labels.map((m) => e.confusion[l]![m]).join(' | ')} |`);
  return `${out.join('\n')}\n`;
}
