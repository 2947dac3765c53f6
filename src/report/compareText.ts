import type { Comparison } from './compare.js';
import { formatDiff, signedPct } from './compare.js';
import { formatFigure } from './format.js';
import { fitTable, paint, type TermStyle } from './terminal.js';

/** The terminal table of `fleetsim compare`: release profiles, figures side by side, scorecards. */
export function compareText(c: Comparison, style: TermStyle = { color: false }): string {
  const out: string[] = [`fleetsim compare — baseline ${c.labels[0]}`, ''];
  for (const p of c.profiles) out.push(`release profile: ${p}`);
  out.push('');
  const head = ['figure', c.labels[0]];
  for (const l of c.labels.slice(1)) head.push(l, 'Δ', 'Δ %', '');
  const rows = [head, ...c.figures.map((f) => {
    const row = [f.label, formatFigure(f.key, f.means[0])];
    f.diffs.forEach((d, j) => row.push(formatFigure(f.key, f.means[j + 1]), formatDiff(f.key, d.abs), signedPct(d.rel),
      d.verdict === 'significant' ? paint('significant', 'bold', style) : paint(d.verdict === 'noise' ? 'within noise' : 'n/a', 'dim', style)));
    return row;
  })];
  // Narrow terminals lose the absolute differences first.
  const drop = c.labels.slice(1).map((_, j) => 3 + 4 * j);
  out.push(fitTable(rows, style, drop));
  out.push('', `  significance: ${c.rule}`);
  c.labels.forEach((l, i) => {
    out.push('', `Scorecard — ${l}`);
    out.push(fitTable(c.scorecards[i].map((s) => [s.label, s.value, s.status === 'pass' ? paint('pass', 'green', style) : paint('warn', 'yellow', style), s.reason]), style, [3], [0, 2, 3]));
  });
  return `${out.join('\n')}\n`;
}
