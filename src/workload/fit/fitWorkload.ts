import type { TraceCursor } from '../traces/types.js';
import type { PercentilePoints } from '../empirical.js';
import type { QuantileSample } from './quantileSample.js';
import { rateWindows } from './rateWindows.js';
import { statsOf, type TraceStats } from './traceStats.js';
import { TraceSummary } from './traceSummary.js';

/** A fitted length distribution: percentile points for the piecewise-linear sampler. */
export interface EmpiricalFit {
  dist: 'empirical';
  percentiles: PercentilePoints;
}

/** The lognormal alternative: median = exp(mean ln x), sigma = sd of ln x (x clamped to ≥ 1). */
export interface LognormalFit {
  dist: 'lognormal';
  median: number;
  sigma: number;
}

/** A rate profile: multipliers (arithmetic mean 1) of consecutive windows, repeating. */
export interface RateProfile {
  windowSeconds: number;
  multipliers: number[];
}

/** The workload block that reproduces a trace. */
export interface FittedWorkload {
  arrival: { process: 'poisson' | 'gamma'; rate: number; cv?: number; profile?: RateProfile };
  promptTokens: EmpiricalFit;
  outputTokens: EmpiricalFit;
}

/** `fitWorkload`'s result: the block, the alternatives and figures behind it. */
export interface FitResult {
  workload: FittedWorkload;
  alternatives: { promptTokens: LognormalFit; outputTokens: LognormalFit };
  /** Inter-arrival CV before and after dividing out the rate profile (the burstiness the block keeps). */
  cvRaw: number;
  cvWithinProfile: number;
  stats: TraceStats;
  /** Plain-language remarks for the YAML comments. */
  notes: string[];
}

/** Options of {@link fitWorkload}. */
export interface FitOptions {
  /** Profile window, seconds; default 3600 for traces of 2 days or more, else 600. A multiple of 60 unless given. */
  windowSeconds?: number;
  /** Fold the profile onto a day (24 h) or week (168 h) cycle; default 'week' for ≥ 14 days, 'day' for ≥ 2 days, else 'none'. */
  fold?: 'none' | 'day' | 'week';
  /** Fewest windows for a profile to be fitted (default 3). */
  minWindows?: number;
  /** Gamma arrivals are chosen when |CV − 1| exceeds max(this, 3/√n) (default 0.1). */
  cvTolerance?: number;
}

const KEYS: [string, number][] = [
  ['p0', 0], ['p1', 0.01], ['p5', 0.05], ['p10', 0.1], ['p25', 0.25], ['p50', 0.5], ['p75', 0.75],
  ['p90', 0.9], ['p95', 0.95], ['p99', 0.99], ['p99.9', 0.999], ['p100', 1],
];

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Fits a workload block to a trace in one streaming pass (closing the cursor): empirical length
 * percentiles (with a lognormal alternative), the mean rate, a windowed rate profile when the trace
 * spans enough windows, and Gamma arrivals when inter-arrivals, with the profile divided out, are
 * burstier or smoother than Poisson.
 */
export function fitWorkload(cursor: TraceCursor, opts: FitOptions = {}): FitResult {
  const s = TraceSummary.of(cursor, opts.windowSeconds ?? 60);
  const T = s.duration;
  const ws = opts.windowSeconds ?? (T >= 2 * 86400 ? 3600 : 600);
  const stats = statsOf(s, ws);
  const notes: string[] = [];
  const rate = stats.meanRate;
  const win = s.count > 1 ? rateWindows(s, ws) : undefined;
  let profile: RateProfile | undefined;
  let cvWithin = stats.interArrival.cv;
  if (win && win.rates.length >= (opts.minWindows ?? 3)) {
    const keptT = win.covered.reduce((a, b) => a + b, 0);
    const keptRate = win.rates.reduce((a, r, i) => a + r * win.covered[i], 0) / keptT;
    const m = win.rates.map((r) => r / keptRate);
    const gapsKept = Math.round(win.rates.reduce((a, r, i) => a + r * win.covered[i], 0)) - (win.droppedTail ? 0 : 1);
    cvWithin = rescaledCv(win.gapSum, win.gapSq, m, gapsKept);
    const fold = opts.fold ?? (T >= 14 * 86400 ? 'week' : T >= 2 * 86400 ? 'day' : 'none');
    const folded = fold === 'none' ? m : foldCycle(m, win.covered, Math.round((fold === 'day' ? 86400 : 604800) / ws));
    // The engine cycles through the windows with equal weight: normalise to an arithmetic mean of 1.
    const mean = folded.reduce((a, b) => a + b, 0) / folded.length;
    const multipliers = folded.map((x) => x / mean);
    profile = { windowSeconds: ws, multipliers: multipliers.map((x) => round(x, 4)) };
    notes.push(`profile: ${win.rates.length} windows of ${ws} s from the first arrival${fold === 'none' ? '' : `, folded onto a ${fold}`}; it repeats when the run is longer`);
    if (win.droppedTail) notes.push(`the last ${win.droppedTail} arrivals fall in a window under half full, left out of the profile (not of the rate)`);
  } else notes.push(`no rate profile: the trace spans fewer than ${opts.minWindows ?? 3} windows of ${ws} s`);
  const tol = Math.max(opts.cvTolerance ?? 0.1, 3 / Math.sqrt(Math.max(1, s.gapCount)));
  const bursty = Number.isFinite(cvWithin) && Math.abs(cvWithin - 1) > tol;
  notes.push(`inter-arrival CV ${round(stats.interArrival.cv, 3)} raw, ${round(cvWithin, 3)} with the profile divided out; tolerance ±${round(tol, 3)} → ${bursty ? 'gamma' : 'poisson'}`);
  return {
    workload: {
      arrival: { process: bursty ? 'gamma' : 'poisson', rate: round(rate, 6), ...(bursty ? { cv: round(cvWithin, 3) } : {}), ...(profile ? { profile } : {}) },
      promptTokens: empirical(s.prompt),
      outputTokens: empirical(s.output),
    },
    alternatives: { promptTokens: lognormal(s.prompt), outputTokens: lognormal(s.output) },
    cvRaw: stats.interArrival.cv,
    cvWithinProfile: cvWithin,
    stats,
    notes,
  };
}

function empirical(q: QuantileSample): EmpiricalFit {
  const percentiles: PercentilePoints = {};
  for (const [k, p] of KEYS) if (k !== 'p99.9' || q.count >= 1000) percentiles[k] = round(q.quantile(p));
  return { dist: 'empirical', percentiles };
}

function lognormal(q: QuantileSample): LognormalFit {
  return { dist: 'lognormal', median: round(q.logMedian, 1), sigma: round(q.logSigma, 4) };
}

/** CV of gaps each multiplied by its window's multiplier (time rescaling to unit rate). */
function rescaledCv(g1: number[], g2: number[], m: number[], n: number): number {
  let s1 = 0;
  let s2 = 0;
  for (let w = 0; w < m.length; w++) {
    s1 += m[w] * g1[w];
    s2 += m[w] * m[w] * g2[w];
  }
  const mean = s1 / n;
  const v = (s2 - n * mean * mean) / (n - 1);
  return mean > 0 ? Math.sqrt(Math.max(0, v)) / mean : NaN;
}

/** Averages multipliers with the same position in a cycle of `len` windows (weighted by coverage). */
function foldCycle(m: number[], covered: number[], len: number): number[] {
  const sum = new Array<number>(len).fill(0);
  const wt = new Array<number>(len).fill(0);
  m.forEach((x, i) => {
    sum[i % len] += x * covered[i];
    wt[i % len] += covered[i];
  });
  return sum.map((x, i) => (wt[i] > 0 ? x / wt[i] : 1));
}
