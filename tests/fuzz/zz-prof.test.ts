import fc from 'fast-check';
import { it } from 'vitest';
import { lintText } from '../../src/lint/index.js';
import { parseList, LineIndex, scanTables, scanOutline } from '../../src/list/index.js';
import { markdown } from './arbitraries.js';
it('prof', () => {
  const samples = fc.sample(markdown, { numRuns: 2000, seed: 20250917 });
  const res: [number, number, string, boolean][] = [];
  for (const text of samples) {
    const s = performance.now(); parseList(text); parseList(text, 'x', {fastPath:false}); lintText(text, 'x'); const ms = performance.now() - s;
    const lines = new LineIndex(text);
    const sc = scanTables(lines);
    const so = scanOutline(lines, sc.map(t => ({ first: t.header.line, last: Math.max(t.bodyLast, t.delimiter.line) })));
    res.push([ms, text.length, text, so === null]);
  }
  const total = res.reduce((a, r) => a + r[0], 0);
  const remark = res.filter(r => r[3]);
  console.log('total', total.toFixed(0), 'remark docs', remark.length, 'remark time', remark.reduce((a, r) => a + r[0], 0).toFixed(0));
  res.sort((a, b) => b[0] - a[0]);
  console.log(res.slice(0, 20).map(r => `${r[0].toFixed(1)}ms ${r[1]}ch remark=${r[3]} nest=${/(  ){50}/.test(r[2])} q=${/(> ){50}/.test(r[2])} br=${/\[{100}/.test(r[2])}`).join('\n'));
  console.log('top20 total', res.slice(0, 20).reduce((a, r) => a + r[0], 0).toFixed(0), 'top100', res.slice(0, 100).reduce((a, r) => a + r[0], 0).toFixed(0));
}, 600000);
