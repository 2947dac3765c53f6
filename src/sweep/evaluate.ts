import { UserError } from '../errors.js';
import { simulate, type RunResult } from '../simulate/simulate.js';
import { evaluateChecks, evaluateGates, isFeasible, type Check, type Constraint, type GateCheck } from './checks.js';
import { materializeVariant, parseCached, type Override } from './variant.js';

/** What a worker is asked to do: simulate the base document with overrides at a seed. Plain data. */
export interface EvalTask {
  text: string;
  file: string;
  overrides: Override[];
  /** Replaces the scenario seed (replication seeds derive from it); undefined keeps the file's. */
  seed?: number;
  constraints?: Constraint[];
}

export type EvalOutput =
  | { ok: true; result: RunResult; checks: Check[]; gates: GateCheck[]; feasible: boolean }
  | { ok: false; error: string; exitCode: number };

/**
 * Evaluates one task: materialize, simulate every replication, check SLOs, constraints and the
 * scenario's `expect:` gates (feasible: all of them hold, `warn` gates aside). Pure
 * (the same task gives the same output on any thread or machine). A user error in the variant is
 * returned, not thrown, so one bad variant does not stop a sweep.
 */
export function evaluateTask(t: EvalTask): EvalOutput {
  try {
    const v = materializeVariant(parseCached(t.text, t.file), t.overrides, t.seed);
    const result = simulate(v.resolved);
    const checks = evaluateChecks(v.resolved, result, t.constraints);
    const gates = evaluateGates(v.scenario, v.source, result);
    return { ok: true, result, checks, gates, feasible: isFeasible(checks, gates) };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: e.preformatted ? e.message : [e.file, e.path, e.message].filter(Boolean).join(': '), exitCode: e.exitCode };
    throw e;
  }
}
