import type { RunResult, FigureEnvelope } from '../simulate/simulate.js';
import type { Comparison } from './compare.js';
import { formatDiff, signedPct } from './compare.js';
import { formatFigure } from './format.js';
import { scorecard, type ScoreLine } from './scorecard.js';
import { formatDuration } from '../scenario/units.js';

const esc = (s: string) => s.replace(/\|/g, '\\|');

function mdTable(rows: readonly (readonly string[])[], align: ('l' | 'r')[]): string {
  const head = `| ${rows[0].map(esc).join(' | ')} |`;
  const sep = `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`;
  return [head, sep, ...rows.slice(1).map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** "mean [p5–p95]" for a figure, or the mean alone when there is no band. */
export function withBand(key: string, e: FigureEnvelope | undefined): string {
  if (!e || e.mean === null) return '—';
  const m = formatFigure(key, e.mean);
  if ((e.n ?? 0) > 1 && e.p5 !== null && e.p95 !== null && e.p5 !== e.p95) return `${m} [${formatFigure(key, e.p5)}–${formatFigure(key, e.p95)}]`;
  return m;
}

function ci(key: string, e: FigureEnvelope | undefined): string {
  if (!e || e.ci95Low === null || e.ci95High === null) return '—';
  return `${formatFigure(key, e.ci95Low)}–${formatFigure(key, e.ci95High)}`;
}

/** Headline figures of a run: [figure name, label]. */
export function headlineFigures(r: RunResult): [string, string][] {
  const rows: [string, string][] = [];
  for (const c of r.classes) {
    rows.push([`class.${c.name}.ttft.p95`, `${c.name}: p95 TTFT`], [`class.${c.name}.tpot.p95`, `${c.name}: p95 TPOT`],
      [`class.${c.name}.e2e.p95`, `${c.name}: p95 end-to-end`], [`class.${c.name}.sloAttainment`, `${c.name}: SLO attainment`],
      [`class.${c.name}.throughput`, `${c.name}: throughput`]);
  }
  rows.push(['fleet.utilization', 'GPU utilization'], ['fleet.gpuHours', 'GPU-hours'], ['cost.total', 'cost'],
    ['cost.per1kRequests', 'cost per 1,000 requests'], ['cost.perSuccessfulOutcome', 'cost per successful outcome'],
    ['tokens.perSuccessfulOutcome', 'tokens per successful outcome'], ['energy.facilityJ', 'energy (facility)'],
    ['energy.per1kRequestsJ', 'energy per 1,000 requests'], ['power.meanW', 'mean power (IT)'], ['power.peakW', 'peak 5-min power (IT)'],
    ['carbon.kg', 'carbon']);
  return rows;
}

function scoreTable(lines: readonly ScoreLine[]): string {
  return mdTable([['check', 'value', 'status', 'why'], ...lines.map((l) => [l.label, l.value, l.status === 'pass' ? '✅ pass' : '⚠️ warn', l.reason])], ['l', 'r', 'l', 'l']);
}

/** A Markdown report of one run (for a pull-request comment, a wiki page or a step summary). */
export function runMarkdown(r: RunResult, charts: readonly { file: string; title: string }[] = []): string {
  const s = r.scenario;
  const out: string[] = [];
  out.push(`# fleetsim — ${s.name}`, '');
  out.push(`Seed ${s.seed}, horizon ${s.horizonS === null ? 'until every class is exhausted' : formatDuration(s.horizonS)}, warm-up ${formatDuration(s.warmupS)}, ` +
    `${s.replications} replication${s.replications === 1 ? '' : 's'}, ${s.fidelity} mode. Figures: mean across replications [p5–p95 across seeds]; ` +
    `95 % CI: confidence interval of the mean.`, '');
  out.push('## Key figures', '');
  out.push(mdTable([['figure', 'mean [p5–p95]', '95 % CI of the mean'], ...headlineFigures(r).filter(([k]) => r.summary[k]).map(([k, label]) => [label, withBand(k, r.summary[k]), ci(k, r.summary[k])])], ['l', 'r', 'r']));
  out.push('', '## Scorecard', '', scoreTable(scorecard(r)), '');
  out.push('## Pools', '');
  out.push(mdTable([['pool', 'hardware', 'region', 'replicas', 'utilization', 'cost', 'peak temp'], ...r.pools.map((p) => {
    const k = `pool.${p.name}`;
    return [p.name, p.kind === 'llm' ? `${p.model} on ${p.tp}× ${p.gpu}` : 'service', p.region, String(p.replicas),
      withBand(`${k}.utilization`, r.summary[`${k}.utilization`]), withBand(`${k}.cost`, r.summary[`${k}.cost`]), withBand(`${k}.peakTemperatureC`, r.summary[`${k}.peakTemperatureC`])];
  })], ['l', 'l', 'l', 'r', 'r', 'r', 'r']));
  if (charts.length > 0) {
    out.push('', '## Charts', '');
    for (const c of charts) out.push(`![${c.title}](${c.file})`, '');
  }
  if (r.warnings.length > 0) out.push('', '## Warnings', '', ...r.warnings.map((w) => `- ${w}`));
  return `${out.join('\n').trimEnd()}\n`;
}

/** A Markdown report of a comparison: release profile, the side-by-side table and the scorecards. */
export function compareMarkdown(c: Comparison): string {
  const out: string[] = ['# fleetsim compare', ''];
  for (const p of c.profiles) out.push(`**Release profile** — ${p}`, '');
  const head = ['figure', c.labels[0]];
  for (const l of c.labels.slice(1)) head.push(l, `Δ vs ${c.labels[0]}`, 'Δ %', 'verdict');
  const rows = c.figures.map((f) => {
    const row = [f.label, formatFigure(f.key, f.means[0])];
    f.diffs.forEach((d, j) => row.push(formatFigure(f.key, f.means[j + 1]), formatDiff(f.key, d.abs), signedPct(d.rel), d.verdict === 'significant' ? '**significant**' : d.verdict === 'noise' ? 'within noise' : 'n/a'));
    return row;
  });
  out.push(mdTable([head, ...rows], head.map((_, i) => (i === 0 ? 'l' : 'r'))), '');
  out.push(`Significance: ${c.rule}`, '');
  c.labels.forEach((l, i) => out.push(`## Scorecard — ${l}`, '', scoreTable(c.scorecards[i]), ''));
  return `${out.join('\n').trimEnd()}\n`;
}
