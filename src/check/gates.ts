import { UserError } from '../errors.js';
import type { RunResult, FigureEnvelope } from '../simulate/simulate.js';
import type { SourceDoc } from '../scenario/load.js';
import { parseGate, holds, thresholdText, type GateExpr } from './expr/parse.js';
import type { EnvelopeField, ExpectEntry } from './expectSchema.js';
import type { GateResult } from './types.js';
import { formatValue } from './values.js';

/** A gate ready to evaluate: parsed expression, severity, envelope field and where it was written. */
export interface GateSpec {
  expr: GateExpr;
  name: string;
  severity: 'fail' | 'warn';
  on: EnvelopeField;
  file: string;
  line?: number;
}

/** Gates of an `expect:` list (scenario or policy file); `source` points each at its line. */
export function gateSpecs(entries: readonly ExpectEntry[] | undefined, source: SourceDoc): GateSpec[] {
  return (entries ?? []).map((e, i) => {
    const o = typeof e === 'string' ? { gate: e, severity: 'fail' as const, on: 'mean' as const, name: undefined } : e;
    const line = source.lineOf(['expect', i]);
    return { expr: parseGate(o.gate), name: o.name ?? o.gate.trim(), severity: o.severity, on: o.on, file: source.file, ...(line !== undefined ? { line } : {}) };
  });
}

/**
 * The figure a gate reads in this result. A `{class}` placeholder takes the only class; naming a
 * class, pool or figure the result lacks is a UserError (exit 2) pointing at the gate's line.
 */
export function resolveFigure(g: GateSpec, result: RunResult): string {
  let fig = g.expr.figure;
  const classes = result.classes.map((c) => c.name);
  const where = { file: g.file, ...(g.line !== undefined ? { line: g.line } : {}) };
  if (fig.includes('{class}')) {
    if (classes.length !== 1) throw new UserError(`gate ${JSON.stringify(g.expr.text)}: name the class (class=…), the scenario has several: ${classes.join(', ')}`, where);
    fig = fig.replace('{class}', classes[0]);
  }
  if (!(fig in result.summary)) {
    const m = /^class\.([^.]+)\./.exec(fig) ?? /^pool\.([^.]+)\./.exec(fig);
    const known = fig.startsWith('class.') ? `classes: ${classes.join(', ')}` : fig.startsWith('pool.') ? `pools: ${result.pools.map((p) => p.name).join(', ')}` : 'see docs/check.md for figure names';
    const what = m ? `${fig.startsWith('class.') ? 'class' : 'pool'} ${JSON.stringify(m[1])} or figure ${JSON.stringify(fig)}` : `figure ${JSON.stringify(fig)}`;
    throw new UserError(`gate ${JSON.stringify(g.expr.text)}: the scenario has no ${what} (${known})`, where);
  }
  return fig;
}

/** Evaluates one gate on a result's envelope. An undefined figure (no completions) fails the gate. */
export function evaluateGate(g: GateSpec, result: RunResult, scenario: string): GateResult {
  const figure = resolveFigure(g, result);
  const env: FigureEnvelope = result.summary[figure];
  const v = env[g.on];
  const ok = v !== null && holds(g.expr.comparison, v);
  const kind = g.expr.kind;
  const at = g.on === 'mean' ? `mean of ${env.n}` : `${g.on} of ${env.n}`;
  const band = (env.n ?? 0) > 1 && env.p5 !== null && env.p95 !== null ? ` [p5–p95 ${formatValue(kind, env.p5)}–${formatValue(kind, env.p95)}]` : '';
  const message = v === null
    ? `${figure} is undefined (no data in this run), threshold ${thresholdText(g.expr.comparison)}`
    : `${figure} = ${formatValue(kind, v)} (${at})${band}, threshold ${thresholdText(g.expr.comparison)}`;
  return {
    scenario, file: g.file, ...(g.line !== undefined ? { line: g.line } : {}), source: 'expect', name: g.name, severity: g.severity,
    status: ok ? 'pass' : g.severity, figure, kind, value: v, threshold: thresholdText(g.expr.comparison), message,
  };
}
