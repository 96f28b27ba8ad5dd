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
  /** The kind of method (eval/README.md), for per-family figures. */
  family?: string;
}

export interface Reliability {
  /** Expected calibration error over ten equal-width confidence bins. */
  ece: number;
  bins: { from: number; to: number; count: number; accuracy: number; confidence: number }[];
  /** Verdicts at or above each threshold: how many, and how many of them are right. */
  atThresholds: { threshold: number; count: number; accuracy: number }[];
}

/** The confidence thresholds the product acts on: the placement rule (0.5), scan (0.6), and 0.8. */
export const THRESHOLDS = [0.5, 0.6, 0.8];

export function reliability(
  outcomes: readonly { confidence: number; correct: boolean }[],
  thresholds: readonly number[] = THRESHOLDS,
): Reliability {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    count: 0,
    right: 0,
    sum: 0,
  }));
  for (const o of outcomes) {
    const bin = bins[Math.min(9, Math.floor(o.confidence * 10))]!;
    bin.count += 1;
    bin.sum += o.confidence;
    if (o.correct) bin.right += 1;
  }
  const n = outcomes.length || 1;
  const ece = bins.reduce(
    (e, b) => (b.count ? e + (b.count / n) * Math.abs(b.right / b.count - b.sum / b.count) : e),
    0,
  );
  return {
    ece,
    bins: bins
      .filter((b) => b.count > 0)
      .map((b) => ({
        from: b.from,
        to: b.to,
        count: b.count,
        accuracy: b.right / b.count,
        confidence: b.sum / b.count,
      })),
    atThresholds: thresholds.map((threshold) => {
      const above = outcomes.filter((o) => o.confidence >= threshold);
      return {
        threshold,
        count: above.length,
        accuracy: above.length ? above.filter((o) => o.correct).length / above.length : 0,
      };
    }),
  };
}

export interface Evaluation {
  labels: string[];
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  macroF1: number;
  accuracy: number;
  /** confusion[expected][predicted] */
  confusion: Record<string, Record<string, number>>;
  mistakes: { id: string; title: string; expected: string; predicted: string; rationale: string }[];
  /** Per family (papers without one are left out): papers and how many were placed right. */
  families: { family: string; label: string; papers: number; correct: number }[];
  reliability: Reliability;
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
  const outcomes: { confidence: number; correct: boolean }[] = [];
  const families = new Map<
    string,
    { family: string; label: string; papers: number; correct: number }
  >();
  for (const p of papers) {
    const v = classifier.classify(p);
    const expected = p.label ?? NONE;
    const predicted = v.category ?? NONE;
    outcomes.push({ confidence: v.confidence, correct: expected === predicted });
    if (p.family) {
      const f = families.get(p.family) ?? {
        family: p.family,
        label: expected,
        papers: 0,
        correct: 0,
      };
      f.papers += 1;
      if (expected === predicted) f.correct += 1;
      families.set(p.family, f);
    }
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
    families: [...families.values()].sort(
      (a, b) =>
        labels.indexOf(a.label) - labels.indexOf(b.label) || a.family.localeCompare(b.family),
    ),
    reliability: reliability(outcomes),
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
  if (e.families.length) {
    out.push(
      '',
      'Per family:',
      '',
      '| label | family | papers | right | accuracy |',
      '| :--- | :--- | ---: | ---: | ---: |',
    );
    for (const f of e.families)
      out.push(
        `| ${f.label} | ${f.family} | ${f.papers} | ${f.correct} | ${pct(f.correct / f.papers)} |`,
      );
  }
  const r = e.reliability;
  out.push(
    '',
    `Calibration: expected calibration error ${r.ece.toFixed(3)} (ten bins).`,
    '',
    '| confidence | verdicts | mean confidence | accuracy |',
    '| :--- | ---: | ---: | ---: |',
    ...r.bins.map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${pct(b.confidence)} | ${pct(b.accuracy)} |`,
    ),
    '',
    '| verdicts at confidence ≥ | verdicts | accuracy |',
    '| :--- | ---: | ---: |',
    ...r.atThresholds.map((t) => `| ${t.threshold} | ${t.count} | ${pct(t.accuracy)} |`),
  );
  return `${out.join('\n')}\n`;
}
