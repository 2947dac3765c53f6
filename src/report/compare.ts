import type { RunResult } from '../simulate/simulate.js';
import { welchTest } from './internal/welch.js';
import { scorecard, type ScoreLine } from './scorecard.js';
import { formatFigure } from './format.js';

export const COMPARE_SCHEMA = 'fleetsim.compare/1';

/** Family-wise significance level of one comparison (baseline vs one other scenario). */
export const ALPHA = 0.05;

export const SIGNIFICANCE_RULE =
  "Welch's t-test on the per-replication values of each figure (two-sided), Holm–Bonferroni corrected across the figures of " +
  'the table at a family-wise α = 0.05. Zero variance on both sides: significant iff the means differ. ' +
  'A side with fewer than 2 replications has no band: never significant.';

export interface CompareInput {
  label: string;
  result: RunResult;
}

export type Verdict = 'significant' | 'noise' | 'n/a';

export interface FigureDiff {
  key: string;
  label: string;
  /** Which direction is better, for coloring and the scorecard; null when neither is. */
  better: 'lower' | 'higher' | null;
  /** Mean per input (same order as the inputs), null when undefined. */
  means: (number | null)[];
  /** Per input after the first: the difference to the baseline (input 0). */
  diffs: { abs: number | null; rel: number | null; p: number | null; verdict: Verdict }[];
}

export interface Comparison {
  schema: typeof COMPARE_SCHEMA;
  rule: string;
  alpha: number;
  labels: string[];
  figures: FigureDiff[];
  /** Scorecard per input; cost/tokens/energy lines warn when significantly worse than the baseline. */
  scorecards: ScoreLine[][];
  /** One release-profile sentence per input after the first. */
  profiles: string[];
}

/** The key figures compared, in table order. Class figures for every class of any input. */
export function keyFigures(results: readonly RunResult[]): { key: string; label: string; better: 'lower' | 'higher' | null }[] {
  const classes = [...new Set(results.flatMap((r) => r.classes.map((c) => c.name)))];
  const out: { key: string; label: string; better: 'lower' | 'higher' | null }[] = [];
  for (const c of classes) {
    out.push({ key: `class.${c}.ttft.p95`, label: `${c}: p95 TTFT`, better: 'lower' });
    out.push({ key: `class.${c}.tpot.p95`, label: `${c}: p95 TPOT`, better: 'lower' });
    out.push({ key: `class.${c}.e2e.p95`, label: `${c}: p95 end-to-end`, better: 'lower' });
    out.push({ key: `class.${c}.sloAttainment`, label: `${c}: SLO attainment`, better: 'higher' });
    out.push({ key: `class.${c}.throughput`, label: `${c}: throughput`, better: 'higher' });
  }
  out.push(
    { key: 'fleet.utilization', label: 'GPU utilization', better: null },
    { key: 'cost.total', label: 'cost', better: 'lower' },
    { key: 'cost.per1kRequests', label: 'cost per 1,000 requests', better: 'lower' },
    { key: 'cost.perSuccessfulOutcome', label: 'cost per successful outcome', better: 'lower' },
    { key: 'cost.per1MTokens', label: 'cost per 1M tokens', better: 'lower' },
    { key: 'tokens.perSuccessfulOutcome', label: 'tokens per successful outcome', better: 'lower' },
    { key: 'energy.facilityJ', label: 'energy (facility)', better: 'lower' },
    { key: 'energy.per1kRequestsJ', label: 'energy per 1,000 requests', better: 'lower' },
    { key: 'power.meanW', label: 'mean power (IT)', better: 'lower' },
    { key: 'power.peakW', label: 'peak 5-min power (IT)', better: 'lower' },
    { key: 'carbon.kg', label: 'carbon', better: 'lower' },
  );
  return out;
}

function perReplication(r: RunResult, key: string): number[] {
  return r.replications.map((x) => x.figures[key]).filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
}

/** Compares results against the first (the baseline). Pure and deterministic. */
export function compare(inputs: readonly CompareInput[]): Comparison {
  if (inputs.length < 2) throw new RangeError('compare: give at least two results');
  const results = inputs.map((i) => i.result);
  const base = results[0];
  const figs = keyFigures(results).filter((f) => results.some((r) => r.summary[f.key]?.mean !== null && r.summary[f.key] !== undefined));
  const figures: FigureDiff[] = figs.map((f) => ({
    ...f,
    means: results.map((r) => r.summary[f.key]?.mean ?? null),
    diffs: [],
  }));
  for (let j = 1; j < results.length; j++) {
    const ps = figures.map((f) => {
      const a = perReplication(base, f.key);
      const b = perReplication(results[j], f.key);
      const p = welchTest(a, b).p;
      return Number.isFinite(p) ? p : null;
    });
    const sig = holm(ps, ALPHA);
    figures.forEach((f, i) => {
      const a = f.means[0];
      const b = f.means[j];
      const abs = a !== null && b !== null ? b - a : null;
      const rel = abs !== null && a !== null && a !== 0 ? abs / Math.abs(a) : null;
      f.diffs.push({ abs, rel, p: ps[i], verdict: ps[i] === null ? 'n/a' : sig[i] ? 'significant' : 'noise' });
    });
  }
  const scorecards = results.map((r, j) => {
    const lines = scorecard(r);
    if (j === 0) return lines;
    return lines.map((l) => {
      if (!['cost.per1kRequests', 'tokens.perSuccessfulOutcome', 'energy.per1kRequestsJ'].includes(l.key)) return l;
      const f = figures.find((x) => x.key === l.key);
      const d = f?.diffs[j - 1];
      if (l.status === 'pass' && d && d.verdict === 'significant' && d.abs !== null && d.abs > 0) {
        return { ...l, status: 'warn' as const, reason: `significantly higher than ${inputs[0].label} (${signedPct(d.rel)})` };
      }
      return l;
    });
  });
  const labels = inputs.map((i) => i.label);
  const profiles = results.slice(1).map((_, k) => releaseProfile(labels[0], labels[k + 1], figures, k, results));
  return { schema: COMPARE_SCHEMA, rule: SIGNIFICANCE_RULE, alpha: ALPHA, labels, figures, scorecards, profiles };
}

/** Holm–Bonferroni step-down: which of the p-values are rejected at family-wise level alpha. */
export function holm(ps: readonly (number | null)[], alpha: number): boolean[] {
  const idx = ps.map((p, i) => ({ p, i })).filter((x): x is { p: number; i: number } => x.p !== null).sort((x, y) => x.p - y.p || x.i - y.i);
  const out = ps.map(() => false);
  const m = idx.length;
  for (let r = 0; r < m; r++) {
    if (idx[r].p > alpha / (m - r)) break;
    out[idx[r].i] = true;
  }
  return out;
}

export function signedPct(rel: number | null): string {
  if (rel === null || !Number.isFinite(rel)) return 'n/a';
  const pct = rel * 100;
  const digits = Math.abs(pct) < 1 ? 1 : Math.abs(pct) < 10 ? 1 : 0;
  const s = pct.toFixed(digits);
  if (Number(s) === 0) return `${(0).toFixed(digits)} %`;
  return `${pct > 0 ? '+' : '−'}${s.replace('-', '')} %`;
}

/**
 * "variant vs baseline: tokens per successful outcome +15 %, cost per 1,000 requests +0.0 % (within
 * noise), p95 TTFT +27 %, energy +1.4 %". Each part says "(within noise)" when not significant.
 */
function releaseProfile(baseLabel: string, label: string, figures: readonly FigureDiff[], k: number, results: readonly RunResult[]): string {
  const classes = results[0].classes.filter((c) => c.slo?.ttft !== undefined || results[0].classes.length === 1).map((c) => c.name);
  const parts: [string, string][] = [
    ['tokens.perSuccessfulOutcome', 'tokens per successful outcome'],
    ['cost.per1kRequests', 'cost per 1,000 requests'],
    ['cost.perSuccessfulOutcome', 'cost per successful outcome'],
    ...classes.map((c): [string, string] => [`class.${c}.ttft.p95`, classes.length > 1 ? `p95 TTFT (${c})` : 'p95 TTFT']),
    ['energy.facilityJ', 'energy'],
  ];
  const text = parts
    .map(([key, name]) => {
      const d = figures.find((f) => f.key === key)?.diffs[k];
      if (!d) return null;
      const tag = d.verdict === 'significant' ? '' : d.verdict === 'noise' ? ' (within noise)' : ' (no band)';
      return `${name} ${signedPct(d.rel)}${tag}`;
    })
    .filter((x): x is string => x !== null);
  return `${label} vs ${baseLabel}: ${text.join(', ')}`;
}

/** Formats a figure difference in the figure's unit, with a sign. */
export function formatDiff(key: string, abs: number | null): string {
  if (abs === null) return '—';
  // Energy differences in kWh whatever their size, so they read against the kWh means.
  const s = /energy\..*J$/.test(key) ? `${(Math.abs(abs) / 3.6e6).toPrecision(3)} kWh` : formatFigure(key, Math.abs(abs));
  return `${abs < 0 ? '−' : '+'}${s}`;
}
