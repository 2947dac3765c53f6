import { UserError } from '../errors.js';
import type { SourceDoc } from '../scenario/load.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunResult } from '../simulate/simulate.js';
import type { Comparison } from '../check/expr/parse.js';
import { evaluateGate, gateSpecs } from '../check/gates.js';

/** One condition a plan must meet, evaluated on a result. */
export interface Check {
  /** e.g. `chat ttft p95 ≤ 0.8 s`, `chat drops = 0`, `class.x.queueWait.mean <= 0.5`. */
  name: string;
  figure: string;
  op: '<=' | '>=';
  limit: number;
  /** The figure's value (mean across replications), or null when undefined. */
  value: number | null;
  /** Relative headroom: (limit − value)/limit for ≤, (value − limit)/limit for ≥; absolute when limit = 0. */
  margin: number | null;
  ok: boolean;
}

/** A constraint on a summary figure: `figure <= number` or `figure >= number` (SI units). */
export interface Constraint { figure: string; op: '<=' | '>='; limit: number }

export function parseConstraint(s: string): Constraint {
  const m = /^\s*([\w.@:-]+)\s*(<=|>=|≤|≥)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*$/i.exec(s);
  if (!m) throw new UserError(`invalid constraint ${JSON.stringify(s)}: expected "figure <= number" or "figure >= number", e.g. "class.chat.queueWait.mean <= 0.5"`);
  return { figure: m[1], op: m[2] === '<=' || m[2] === '≤' ? '<=' : '>=', limit: Number(m[3]) };
}

const SUMMARY_PCTS = new Set([50, 90, 95, 99]);

/** Percentile `p` of a class latency: the summary figure when it exists, else read off the pooled CDF. */
function classPercentile(r: RunResult, cls: string, metric: 'ttft' | 'tpot' | 'e2e', p: number): number | null {
  if (SUMMARY_PCTS.has(p)) return r.summary[`class.${cls}.${metric}.p${p}`]?.mean ?? null;
  const cdf = r.classes.find((c) => c.name === cls)?.cdf[metric];
  if (!cdf || cdf.x.length === 0) return null;
  const q = p / 100;
  for (let i = 1; i < cdf.p.length; i++) {
    if (cdf.p[i] >= q) {
      const [p0, p1, x0, x1] = [cdf.p[i - 1], cdf.p[i], cdf.x[i - 1], cdf.x[i]];
      return p1 === p0 ? x1 : x0 + ((q - p0) / (p1 - p0)) * (x1 - x0);
    }
  }
  return cdf.x[cdf.x.length - 1];
}

function make(name: string, figure: string, op: '<=' | '>=', limit: number, value: number | null): Check {
  let margin: number | null = null;
  if (value !== null) margin = limit === 0 ? (op === '<=' ? limit - value : value - limit) : (op === '<=' ? (limit - value) / limit : (value - limit) / limit);
  const ok = value !== null && (op === '<=' ? value <= limit : value >= limit);
  return { name, figure, op, limit, value, margin, ok };
}

/**
 * Every SLO of every class (its percentile of TTFT, TPOT and end-to-end within the target), no
 * dropped request in any class, and the extra constraints. A class with an SLO that completed no
 * request fails its SLO (value null).
 */
export function evaluateChecks(s: ResolvedScenario, r: RunResult, constraints: readonly Constraint[] = []): Check[] {
  const out: Check[] = [];
  for (const c of s.classes) {
    if (c.slo) {
      const p = c.slo.percentile;
      for (const m of ['ttft', 'tpot', 'e2e'] as const) {
        const limit = c.slo[m];
        if (limit === undefined) continue;
        out.push(make(`${c.name} ${m} p${p} ≤ ${limit} s`, `class.${c.name}.${m}.p${p}`, '<=', limit, classPercentile(r, c.name, m, p)));
      }
    }
    out.push(make(`${c.name} drops = 0`, `class.${c.name}.dropped`, '<=', 0, r.summary[`class.${c.name}.dropped`]?.mean ?? 0));
  }
  for (const k of constraints) {
    const fig = r.summary[k.figure];
    if (fig === undefined) throw new UserError(`constraint on unknown figure "${k.figure}"; see the summary of \`fleetsim run --json\` for figure names`);
    out.push(make(`${k.figure} ${k.op} ${k.limit}`, k.figure, k.op, k.limit, fig.mean));
  }
  return out;
}

/** One `expect:` gate of the scenario evaluated on a result (by `fleetsim check`'s own evaluator). */
export interface GateCheck {
  /** The gate's name (its expression unless named). */
  name: string;
  severity: 'fail' | 'warn';
  figure: string;
  /** Envelope value compared (`mean`, `p95`, …). */
  on: string;
  /** Readable threshold, e.g. `< 800ms`. */
  threshold: string;
  value: number | null;
  /** Relative headroom to the threshold (as for SLOs; the nearer bound for `between`; null for ==, != or no value). */
  margin: number | null;
  ok: boolean;
  /** check's one-sentence finding, e.g. `class.chat.ttft.p95 = 412ms (mean of 2), threshold < 800ms`. */
  message: string;
}

/** Headroom of x to a comparison: > 0 inside, < 0 outside; relative to the threshold unless it is 0. */
export function comparisonMargin(c: Comparison, x: number | null): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const rel = (d: number, t: number) => (t === 0 ? d : d / Math.abs(t));
  switch (c.op) {
    case '<': case '<=': return rel(c.value.value - x, c.value.value);
    case '>': case '>=': return rel(x - c.value.value, c.value.value);
    case 'between': return Math.min(rel(x - c.low.value, c.low.value), rel(c.high.value - x, c.high.value));
    default: return null;
  }
}

/**
 * The scenario's `expect:` gates on a result, evaluated with `fleetsim check`'s `evaluateGate`
 * (same figures, envelope field and pass rule). A gate naming a class, pool or figure the result
 * lacks is a UserError.
 */
export function evaluateGates(scenario: Pick<Scenario, 'expect' | 'name'>, source: SourceDoc, r: RunResult): GateCheck[] {
  return gateSpecs(scenario.expect, source).map((g) => {
    const res = evaluateGate(g, r, scenario.name ?? 'scenario');
    const value = res.value ?? null;
    return {
      name: g.name, severity: g.severity, figure: res.figure ?? g.expr.figure, on: g.on, threshold: res.threshold, value,
      margin: comparisonMargin(g.expr.comparison, value), ok: res.status === 'pass', message: res.message,
    };
  });
}

/** A run is feasible when every SLO, drop check and constraint holds and no `fail` gate breaks. */
export function isFeasible(checks: readonly Check[], gates: readonly GateCheck[] = []): boolean {
  return checks.every((c) => c.ok) && gates.every((g) => g.ok || g.severity !== 'fail');
}
