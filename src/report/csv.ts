import type { RunResult } from '../simulate/simulate.js';

/** Quotes a CSV cell when it needs it (RFC 4180). */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`;
}

/**
 * The time series as CSV: one row per window, `start_s,end_s,warmup`, then `<field>_mean,<field>_p5,
 * <field>_p95` for every field of result.timeseries (units as in docs/results.md). Empty cells where
 * a value is undefined.
 */
export function timeseriesCsv(r: RunResult): string {
  const f = r.timeseries.fields;
  const head = ['start_s', 'end_s', 'warmup', ...f.flatMap((k) => [`${k}_mean`, `${k}_p5`, `${k}_p95`])];
  const rows = r.timeseries.points.map((p) => [
    p.start, p.end, p.end <= r.scenario.warmupS,
    ...f.flatMap((k) => [p.values[k]?.mean ?? null, p.values[k]?.p5 ?? null, p.values[k]?.p95 ?? null]),
  ]);
  return csvLines([head, ...rows]);
}

/** The summary envelopes as CSV: one row per figure (figure,n,mean,sd,p5,p95,ci95_low,ci95_high). */
export function summaryCsv(r: RunResult): string {
  const rows = Object.entries(r.summary).map(([k, e]) => [k, e.n, e.mean, e.sd, e.p5, e.p95, e.ci95Low, e.ci95High]);
  return csvLines([['figure', 'n', 'mean', 'sd', 'p5', 'p95', 'ci95_low', 'ci95_high'], ...rows]);
}
