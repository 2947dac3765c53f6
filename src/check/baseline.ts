import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { RunResult } from '../simulate/simulate.js';
import { figureDirection, figureGlob, figureKind, type Direction } from './figures.js';
import { toleranceFor, type ToleranceRule } from './tolerance.js';
import type { GateResult } from './types.js';
import { formatValue } from './values.js';

export const BASELINE_SCHEMA = 'fleetsim.baseline/1';

const figureSchema = z.strictObject({
  mean: z.number().nullable(),
  sd: z.number().nullable(),
  n: z.number().int().min(0),
  ci95Low: z.number().nullable(),
  ci95High: z.number().nullable(),
});
export const baselineSchema = z.strictObject({
  schema: z.literal(BASELINE_SCHEMA),
  scenario: z.string(),
  seed: z.number(),
  replications: z.number().int(),
  fidelity: z.string(),
  figures: z.record(z.string(), figureSchema),
});
/** A compact subset of a result: every summary figure's mean, sd, n and 95 % CI. */
export type Baseline = z.infer<typeof baselineSchema>;
export type BaselineFigure = z.infer<typeof figureSchema>;

/** File name of a scenario's baseline: `<name>.json`, the name made safe for file systems. */
export function baselinePath(dir: string, scenario: string): string {
  return join(dir, `${scenario.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

const round = (x: number | null): number | null => (x === null ? null : Number(x.toPrecision(10)));

/** The baseline of a result (figures rounded to 10 significant digits so files diff cleanly). */
export function baselineOf(scenario: string, r: RunResult): Baseline {
  const figures: Record<string, BaselineFigure> = {};
  for (const k of Object.keys(r.summary).sort()) {
    const e = r.summary[k];
    figures[k] = { mean: round(e.mean), sd: round(e.sd), n: e.n ?? 0, ci95Low: round(e.ci95Low), ci95High: round(e.ci95High) };
  }
  return { schema: BASELINE_SCHEMA, scenario, seed: r.scenario.seed, replications: r.scenario.replications, fidelity: r.scenario.fidelity, figures };
}

/** Reads a baseline; undefined when the file does not exist; UserError when it is malformed. */
export function readBaseline(path: string): Baseline | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`baseline is not valid JSON: ${(e as Error).message}`, { file: path });
  }
  const r = baselineSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new UserError(`not a fleetsim baseline (${BASELINE_SCHEMA}): ${i.path.join('.') || '(root)'}: ${i.message}; rewrite it with --update-baseline`, { file: path });
  }
  return r.data;
}

/** Which figures to compare, with their direction: defaults plus policy additions (pattern → direction). */
export interface BaselineSelection {
  patterns: readonly { re: RegExp; direction?: Direction }[];
}

export function selectFigures(names: Iterable<string>, sel: BaselineSelection): { figure: string; direction: Direction }[] {
  const out: { figure: string; direction: Direction }[] = [];
  for (const f of names) {
    let hit: Direction | undefined;
    for (const p of sel.patterns) if (p.re.test(f)) hit = p.direction ?? figureDirection(f);
    if (hit !== undefined) out.push({ figure: f, direction: hit });
  }
  return out;
}

export function selection(defaults: readonly string[], extra: Readonly<Record<string, Direction>> = {}): BaselineSelection {
  return { patterns: [...defaults.map((p) => ({ re: figureGlob(p) })), ...Object.entries(extra).map(([p, d]) => ({ re: figureGlob(p), direction: d }))] };
}

/** Half-width of the 95 % CI of a mean; 0 when unknown (one replication). */
const halfWidth = (e: { mean: number | null; ci95High: number | null }): number =>
  e.mean !== null && e.ci95High !== null ? Math.max(0, e.ci95High - e.mean) : 0;

/**
 * Compares a result with its baseline, one gate per selected figure.
 *
 * Rule: with Δ = current mean − baseline mean, tolerance T = max(rel·|baseline mean|, abs) and
 * noise band N = √(h_b² + h_c²) (h = the 95 % CI half-width of each mean across replications),
 * a figure regresses when Δ goes the worse way and |Δ| > T and |Δ| > N. A move the better way
 * past both is reported as improved (pass). A figure defined in one run but not the other fails.
 */
export function compareBaseline(args: {
  scenario: string; file: string; line?: number; baseline: Baseline; result: RunResult; rules: readonly ToleranceRule[];
  selection: BaselineSelection; severity?: 'fail' | 'warn';
}): GateResult[] {
  const { baseline, result } = args;
  const sev = args.severity ?? 'fail';
  const names = new Set([...Object.keys(baseline.figures), ...Object.keys(result.summary)]);
  const out: GateResult[] = [];
  for (const { figure, direction } of selectFigures([...names].sort(), args.selection)) {
    const kind = figureKind(figure);
    const b = baseline.figures[figure];
    const c = result.summary[figure];
    const base = { scenario: args.scenario, file: args.file, ...(args.line !== undefined ? { line: args.line } : {}), source: 'baseline' as const, name: `baseline: ${figure}`, severity: sev, figure, kind };
    const fmt = (v: number | null | undefined) => formatValue(kind, v);
    if (!b || !c || (b.mean === null) !== (c.mean === null)) {
      if ((b?.mean ?? null) === null && (c?.mean ?? null) === null) continue;
      const msg = !b ? `${figure} is new (not in the baseline): ${fmt(c.mean)}` : !c ? `${figure} is in the baseline (${fmt(b.mean)}) but no longer in the result` : `${figure} was ${fmt(b.mean)}, now ${fmt(c.mean)}`;
      out.push({ ...base, status: sev, value: c?.mean ?? null, threshold: `baseline ${fmt(b?.mean)}`, message: `${msg}; update the baseline if intended` });
      continue;
    }
    if (b.mean === null || c.mean === null) continue;
    const tol = toleranceFor(figure, args.rules);
    const delta = c.mean - b.mean;
    const T = Math.max(tol.rel * Math.abs(b.mean), tol.abs);
    const N = Math.hypot(halfWidth(b), halfWidth(c));
    const worse = direction === 'lower' ? delta > 0 : direction === 'higher' ? delta < 0 : delta !== 0;
    const beyond = Math.abs(delta) > T && Math.abs(delta) > N;
    const pct = b.mean !== 0 ? ` (${delta >= 0 ? '+' : ''}${((delta / Math.abs(b.mean)) * 100).toFixed(1)}%)` : '';
    const change = `${fmt(b.mean)} → ${fmt(c.mean)}${pct}`;
    const limits = `tolerance ±${fmt(T)} (${(tol.rel * 100).toFixed(1)}%, ${fmt(tol.abs)}), noise band ±${fmt(N)}`;
    const threshold = `baseline ${fmt(b.mean)}, ${limits}`;
    let status: GateResult['status'] = 'pass';
    let message: string;
    if (beyond && worse) {
      status = sev;
      message = `${figure} regressed: ${change}, beyond ${limits}`;
    } else if (beyond) message = `${figure} improved: ${change}; update the baseline to keep the gain`;
    else if (delta === 0) message = `${figure} unchanged: ${fmt(c.mean)}`;
    else message = `${figure} ${change}, within ${Math.abs(delta) <= T ? 'tolerance' : 'the noise band'}`;
    out.push({ ...base, status, value: c.mean, threshold, message });
  }
  return out;
}

/** Lines describing what an update changes, for `--update-baseline` (never silent). */
export function baselineChanges(old: Baseline | undefined, next: Baseline, limit = 12): string[] {
  if (!old) return [`new baseline with ${Object.keys(next.figures).length} figures`];
  const lines: string[] = [];
  for (const [k, v] of Object.entries(next.figures)) {
    const o = old.figures[k];
    if (!o) lines.push(`+ ${k} ${formatValue(figureKind(k), v.mean)}`);
    else if (o.mean !== v.mean) lines.push(`~ ${k} ${formatValue(figureKind(k), o.mean)} → ${formatValue(figureKind(k), v.mean)}`);
  }
  for (const k of Object.keys(old.figures)) if (!(k in next.figures)) lines.push(`- ${k}`);
  if (old.replications !== next.replications || old.seed !== next.seed) lines.unshift(`seed/replications ${old.seed}/${old.replications} → ${next.seed}/${next.replications}`);
  if (lines.length === 0) return ['unchanged'];
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more changes`] : lines;
}
