import { distance } from 'fastest-levenshtein';
import { code, type Rule } from '../types.js';

/** Variation selectors and joiners are invisible; a link written without them is the same to a reader. */
const fold = (s: string): string =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\uFE00-\uFE0F\u200D]/g, '');

function decode(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

export const tocAnchor: Rule = {
  id: 'toc-anchor',
  description:
    "Every in-page link `(#anchor)` points at a heading (by GitHub's anchor rules) or an HTML `id`/`name`.",
  rationale:
    "GitHub makes a heading's anchor by lowercasing its text, dropping punctuation and emoji, and turning spaces into `-` (duplicates get `-1`, `-2`). A table of contents written by hand drifts when a heading is renamed. The fix points the link at the closest heading. Invisible emoji variation selectors are ignored when comparing.",
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [
      {
        markdown:
          '- [Explicit](#-explicit-compression)\n- [中文](#-显式压缩提示层面)\n\n## 📝 Explicit Compression\n\n## 📝 显式压缩（提示层面）\n',
      },
    ],
    notOk: [
      {
        markdown: '- [Explicit](#-explicit-compresion)\n\n## 📝 Explicit Compression\n',
        findings: [{ line: 1, column: 3 }],
        fixed: '- [Explicit](#-explicit-compression)\n\n## 📝 Explicit Compression\n',
      },
      {
        markdown: '- [Nowhere](#something-else-entirely)\n\n## Papers\n',
        findings: [{ line: 1, column: 3 }],
      },
    ],
  },
  create({ list, report }) {
    const targets = new Map<string, string>();
    for (const h of list.outline.headings) targets.set(fold(h.slug), h.slug);
    for (const a of list.outline.htmlAnchors) targets.set(fold(a), a);
    for (const link of list.outline.anchorLinks) {
      if (link.anchor === '' || link.anchor === 'top' || targets.has(fold(decode(link.anchor))))
        continue;
      let best: string | null = null;
      let bestDistance = Infinity;
      for (const [folded, slug] of targets) {
        const d = distance(fold(decode(link.anchor)), folded);
        if (d < bestDistance) [best, bestDistance] = [slug, d];
      }
      const close =
        best !== null && bestDistance <= Math.max(3, Math.floor(link.anchor.length / 3));
      const lineText = link.line <= list.lines.count ? list.lines.line(link.line) : null;
      const canFix = close && lineText && list.text.slice(link.start, link.end) === link.anchor;
      report({
        line: link.line,
        column: link.column,
        message: `Unexpected link to ${code(`#${link.anchor}`)}, no heading has that anchor${close ? `; expected ${code(`#${best}`)}` : ''}`,
        ...(canFix
          ? {
              fix: {
                line: link.line,
                text:
                  lineText.text.slice(0, link.start - lineText.start) +
                  best +
                  lineText.text.slice(link.end - lineText.start),
              },
            }
          : {}),
      });
    }
    return {};
  },
};
