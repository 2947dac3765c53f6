import { UserError } from '../errors.js';
import { simulate, type RunResult } from '../simulate/simulate.js';
import { evaluateChecks, type Check, type Constraint } from './checks.js';
import { materialize, parseCached, type Override } from './variant.js';

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
  | { ok: true; result: RunResult; checks: Check[]; feasible: boolean }
  | { ok: false; error: string; exitCode: number };

/**
 * Evaluates one task: materialize, simulate every replication, check SLOs and constraints. Pure
 * (the same task gives the same output on any thread or machine). A user error in the variant is
 * returned, not thrown, so one bad variant does not stop a sweep.
 */
export function evaluateTask(t: EvalTask): EvalOutput {
  try {
    const s = materialize(parseCached(t.text, t.file), t.overrides, t.seed);
    const result = simulate(s);
    const checks = evaluateChecks(s, result, t.constraints);
    return { ok: true, result, checks, feasible: checks.every((c) => c.ok) };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: e.preformatted ? e.message : [e.file, e.path, e.message].filter(Boolean).join(': '), exitCode: e.exitCode };
    throw e;
  }
}
