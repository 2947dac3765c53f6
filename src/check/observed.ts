import { UserError } from '../errors.js';
import { empiricalQuantile, empiricalTable } from '../workload/empirical.js';
import type { TraceStats } from '../workload/fit/index.js';
import type { GateResult } from './types.js';

/** Warn and fail thresholds on the relative drift |observed − plan| / plan. */
export interface DriftTolerance {
  warn: number;
  fail: number;
}
export const DEFAULT_DRIFT: DriftTolerance = { warn: 0.1, fail: 0.25 };

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

type Dist = number | { dist: string; [k: string]: unknown };

/**
 * The p-quantile (0 < p < 1) of a length distribution as the scenario defines it, before
 * rounding: lognormal exp(ln median + σ·z_p), normal mean + sd·z_p, uniform min + p·(max − min),
 * empirical by linear interpolation between its percentile points; clamped to [min, max] when
 * given. Undefined for a shape it does not know.
 */
export function planQuantile(dist: Dist, p: number): number | undefined {
  if (typeof dist === 'number') return dist;
  const n = (k: string): number | undefined => (typeof dist[k] === 'number' ? (dist[k] as number) : undefined);
  const clamp = (x: number) => Math.min(n('max') ?? Infinity, Math.max(n('min') ?? 0, x));
  switch (dist.dist) {
    case 'constant':
      return n('value');
    case 'lognormal':
      return clamp(Math.exp(Math.log(n('median')!) + n('sigma')! * normalQuantile(p)));
    case 'normal':
      return clamp(n('mean')! + n('sd')! * normalQuantile(p));
    case 'uniform': {
      const lo = Math.min(n('min')!, n('max')!);
      const hi = Math.max(n('min')!, n('max')!);
      return lo + p * (hi - lo);
    }
    case 'empirical': {
      return empiricalQuantile(empiricalTable(dist.percentiles as Record<string, number>), p);
    }
    default:
      return undefined;
  }
}

/** The plan's coefficient of variation of inter-arrival gaps, or undefined for a process without one. */
export function planCv(arrival: unknown): number | undefined {
  if (arrival === 'poisson') return 1;
  if (arrival && typeof arrival === 'object') {
    const a = arrival as { process?: string; cv?: number };
    if (a.process === 'poisson') return 1;
    if (a.process === 'gamma') return a.cv;
    if (a.process === 'constant') return 0;
  }
  return undefined;
}

/** What the plan assumes for one class: plain values read from the validated scenario. */
export interface PlanAssumptions {
  className: string;
  /** Mean rate (req/s) and peak rate (with the rate profile's largest multiplier), when rate-based. */
  rate?: number;
  peakRate?: number;
  cv?: number;
  prompt?: Dist;
  output?: Dist;
  /** Why some assumptions are not compared. */
  notes: string[];
}

/** Reads the assumptions of `className` from a validated scenario class (shape-tolerant). */
export function planAssumptions(className: string, cls: Record<string, unknown>, profileMax?: number): PlanAssumptions {
  const notes: string[] = [];
  const a: PlanAssumptions = { className, notes };
  const cv = planCv(cls.arrival);
  if (typeof cls.rate === 'number' && cv !== undefined) {
    a.rate = cls.rate;
    a.peakRate = cls.rate * (profileMax ?? 1);
    a.cv = cv;
  } else notes.push('the arrival process has no fixed rate (trace, schedule or closed loop): rate and burstiness not compared');
  const composed = cls.retrieval !== undefined || cls.session !== undefined || cls.agent !== undefined;
  const system = typeof cls.system === 'number' ? cls.system : 0;
  if (composed) notes.push('the prompt is composed (retrieval, session or agent): prompt lengths not compared');
  else if (cls.prompt !== undefined) a.prompt = system > 0 ? shift(cls.prompt as Dist, system) : (cls.prompt as Dist);
  if (cls.output !== undefined) a.output = cls.output as Dist;
  return a;
}

/** A distribution plus a constant (the system prompt). */
function shift(d: Dist, k: number): Dist {
  return { dist: 'shifted', base: d, k } as Dist;
}

function quantileOf(d: Dist, p: number): number | undefined {
  if (typeof d === 'object' && d.dist === 'shifted') {
    const q = planQuantile(d.base as Dist, p);
    return q === undefined ? undefined : q + (d.k as number);
  }
  return planQuantile(d, p);
}

const fmtN = (x: number, unit: string): string => `${x.toLocaleString('en-US', { maximumFractionDigits: x < 10 ? 3 : 0 })}${unit}`;

/**
 * Drift gates: each assumption against the trace. Relative drift beyond `tol.fail` fails, beyond
 * `tol.warn` warns. Messages read "p90 prompt length is 22 % above the plan's assumption".
 */
export function driftGates(args: { scenario: string; file: string; line?: number; plan: PlanAssumptions; stats: TraceStats; trace: string; tol: DriftTolerance; overrides?: Readonly<Record<string, DriftTolerance>> }): GateResult[] {
  const { plan, stats } = args;
  if (stats.count < 2) throw new UserError(`observed trace has ${stats.count} request(s); at least 2 are needed to compare`, { file: args.trace });
  const out: GateResult[] = [];
  const add = (key: string, what: string, planV: number | undefined, obs: number, unit: string) => {
    if (planV === undefined || !Number.isFinite(obs)) return;
    const tol = args.overrides?.[key] ?? args.tol;
    const drift = planV !== 0 ? (obs - planV) / planV : obs === 0 ? 0 : Infinity;
    const mag = Math.abs(drift);
    const status = mag > tol.fail ? 'fail' : mag > tol.warn ? 'warn' : 'pass';
    const pct = Number.isFinite(drift) ? `${Math.round(mag * 100)} %` : 'infinitely';
    const dir = drift > 0 ? 'above' : 'below';
    const message = mag === 0 ? `${what} matches the plan's assumption (${fmtN(planV, unit)})`
      : `${what} is ${pct} ${dir} the plan's assumption (observed ${fmtN(obs, unit)} vs plan ${fmtN(planV, unit)})`;
    out.push({
      scenario: args.scenario, file: args.file, ...(args.line !== undefined ? { line: args.line } : {}), source: 'observed', name: `observed: ${plan.className}.${key}`,
      severity: status === 'warn' ? 'warn' : 'fail', status, figure: `${plan.className}.${key}`, kind: 'number', value: obs,
      threshold: `plan ${fmtN(planV, unit)} ±${Math.round(tol.warn * 100)}% warn, ±${Math.round(tol.fail * 100)}% fail`, message,
    });
  };
  add('rate.mean', 'the mean arrival rate', plan.rate, stats.meanRate, ' req/s');
  if (plan.peakRate !== undefined && stats.ratePerWindow.length > 1) {
    add('rate.peak', `the peak ${stats.windowSeconds}-s window rate`, plan.peakRate, Math.max(...stats.ratePerWindow), ' req/s');
  }
  add('burstiness.cv', 'the inter-arrival CV (burstiness)', plan.cv, stats.interArrival.cv, '');
  for (const [q, p] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
    if (plan.prompt !== undefined) add(`prompt.${q}`, `${q} prompt length`, quantileOf(plan.prompt, p), stats.prompt[q], ' tokens');
    if (plan.output !== undefined) add(`output.${q}`, `${q} output length`, quantileOf(plan.output, p), stats.output[q], ' tokens');
  }
  return out;
}
