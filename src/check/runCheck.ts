import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { UserError, formatUserError } from '../errors.js';
import { loadScenario, type LoadedScenario } from '../scenario/index.js';
import { checkRunSize, DEFAULT_RUN_LIMITS } from '../simulate/estimate.js';
import { openTrace, resolveTraceInput, type TraceInputOptions } from '../workload/traces/index.js';
import { traceStats } from '../workload/fit/index.js';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { baselineChanges, baselineOf, baselinePath, compareBaseline, readBaseline, selection } from './baseline.js';
import { DEFAULT_BASELINE_FIGURES } from './figures.js';
import { evaluateGate, gateSpecs, type GateSpec } from './gates.js';
import { driftGates, planAssumptions } from './observed.js';
import { EMPTY_POLICY, type Policy } from './policy.js';
import { simulateMany } from './simulateMany.js';
import type { ToleranceRule } from './tolerance.js';
import type { GateResult, ScenarioCheck } from './types.js';

export interface CheckRun {
  /** Scenario files or directories (a directory contributes its *.yaml, *.yml, *.json files). */
  inputs: readonly string[];
  policy?: Policy;
  /** `--tolerance` rules, applied after the policy's. */
  tolerances?: readonly ToleranceRule[];
  baselineDir?: string;
  updateBaseline?: boolean;
  replications?: number;
  jobs?: number;
  observed?: Omit<TraceInputOptions, 'trace'> & { trace: string; className?: string; windowSeconds?: number };
  /** Progress lines (stderr). */
  progress?: (line: string) => void;
  /** Run scenarios the size estimate would refuse (hours of simulation, more memory than the machine has). */
  force?: boolean;
}

/** Expands directories to their scenario files (sorted, not recursive); a missing path is a UserError. */
export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UserError('no such scenario file or directory', { file: p });
    }
    if (st.isDirectory()) {
      const files = readdirSync(p).filter((f) => /\.(ya?ml|json)$/i.test(f) && !f.startsWith('.')).sort().map((f) => join(p, f));
      if (files.length === 0) throw new UserError('directory has no scenario files (*.yaml, *.yml, *.json)', { file: p });
      out.push(...files);
    } else out.push(p);
  }
  if (out.length === 0) throw new UserError('give at least one scenario file or directory');
  return [...new Set(out)];
}

/** The name a scenario's baseline is stored under: its `name`, else its file name. */
export function scenarioName(l: LoadedScenario): string {
  return l.scenario.name ?? basename(l.file, extname(l.file));
}

/**
 * Loads every scenario (all problems reported together, exit 2), simulates those that have gates
 * or a baseline to meet, and evaluates expectations, baselines and observed-trace drift.
 */
export async function runCheck(o: CheckRun): Promise<{ checks: ScenarioCheck[]; updates: string[] }> {
  const policy = o.policy ?? EMPTY_POLICY;
  const files = expandInputs(o.inputs);
  const loaded: LoadedScenario[] = [];
  const errors: string[] = [];
  const gates: GateSpec[][] = [];
  for (const f of files) {
    try {
      const l = loadScenario(f);
      if (!o.force) {
        const reps = o.replications ?? l.resolved.replications;
        checkRunSize({ ...l.resolved, replications: reps }, DEFAULT_RUN_LIMITS, l.file);
      }
      loaded.push(l);
      gates.push([...gateSpecs(l.scenario.expect, l.source), ...policy.gates]);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      errors.push(formatUserError(e));
    }
  }
  if (errors.length) {
    const err = new UserError(errors.join('\n'));
    err.preformatted = true;
    throw err;
  }
  const names = loaded.map(scenarioName);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined && o.baselineDir !== undefined) {
    throw new UserError(`two scenarios are named ${JSON.stringify(dup)} (${loaded.filter((_, i) => names[i] === dup).map((l) => l.file).join(', ')}); baselines are stored by name, so give them distinct names`);
  }
  if (o.replications !== undefined && !(Number.isInteger(o.replications) && o.replications >= 1)) {
    throw new UserError(`--replications: expected an integer ≥ 1, found ${o.replications}`);
  }
  const rules = [...policy.tolerances, ...(o.tolerances ?? [])];
  const sel = selection(DEFAULT_BASELINE_FIGURES, policy.baselineFigures);
  const needsRun = loaded.map((_, i) => gates[i].length > 0 || o.baselineDir !== undefined);
  const toRun = loaded.filter((_, i) => needsRun[i]);
  const jobs = o.jobs ?? 1;
  const sims = await simulateMany(toRun, {
    jobs, ...(o.replications !== undefined ? { replications: o.replications } : {}),
    onDone: (i, s) => o.progress?.(`simulated ${toRun[i].file} in ${s.timeS.toFixed(1)} s`),
  });
  const stats = o.observed ? observedStats(o.observed) : undefined;

  const checks: ScenarioCheck[] = [];
  const updates: string[] = [];
  let k = 0;
  for (let i = 0; i < loaded.length; i++) {
    const l = loaded[i];
    const name = names[i];
    const nameLine = l.source.lineOf(['name']) ?? 1;
    const c: ScenarioCheck = { scenario: name, file: l.file, timeS: 0, results: [], notes: [] };
    checks.push(c);
    if (needsRun[i]) {
      const { result, timeS } = sims[k++];
      c.timeS = timeS;
      if (o.replications !== undefined && o.replications !== l.resolved.replications) c.notes.push(`replications overridden: ${o.replications} (scenario: ${l.resolved.replications})`);
      for (const w of result.warnings) c.notes.push(`simulation warning: ${w}`);
      for (const g of gates[i]) c.results.push(evaluateGate(g, result, name));
      if (o.baselineDir !== undefined) {
        const path = baselinePath(o.baselineDir, name);
        const old = readBaseline(path);
        if (o.updateBaseline) {
          const next = baselineOf(name, result);
          const changes = baselineChanges(old, next);
          if (!(changes.length === 1 && changes[0] === 'unchanged' && old)) writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
          updates.push(`${path}: ${changes[0]}`, ...changes.slice(1).map((x) => `  ${x}`));
          c.notes.push(`baseline ${path}: ${changes[0]}${changes.length > 1 ? ` (+${changes.length - 1} lines on stderr)` : ''}`);
        } else if (!old) {
          c.results.push({
            scenario: name, file: l.file, line: nameLine, source: 'baseline', name: 'baseline', severity: 'warn', status: 'warn',
            threshold: path, message: `no baseline at ${path}: nothing to compare with; create it with --update-baseline`,
          });
        } else {
          if (old.replications !== result.scenario.replications || old.seed !== result.scenario.seed) {
            c.notes.push(`baseline has seed ${old.seed} × ${old.replications} replications, this run ${result.scenario.seed} × ${result.scenario.replications}: differences include sampling noise`);
          }
          c.results.push(...compareBaseline({ scenario: name, file: l.file, line: nameLine, baseline: old, result, rules, selection: sel, severity: policy.baselineSeverity }));
        }
      }
    }
    if (stats && o.observed) c.results.push(...observedGates(l, name, stats, o.observed, policy));
  }
  return { checks, updates };
}

function observedStats(ob: NonNullable<CheckRun['observed']>) {
  const { path, options } = resolveTraceInput(ob);
  return traceStats(openTrace(path, options), ob.windowSeconds !== undefined ? { windowSeconds: ob.windowSeconds } : {});
}

function observedGates(l: LoadedScenario, name: string, stats: ReturnType<typeof observedStats>, ob: NonNullable<CheckRun['observed']>, policy: Policy): GateResult[] {
  const workload = l.scenario.workload as Record<string, Record<string, unknown>>;
  const classes = Object.keys(workload);
  const cls = ob.className ?? (classes.length === 1 ? classes[0] : undefined);
  if (cls === undefined) throw new UserError(`--observed: the scenario has several classes (${classes.join(', ')}); name one with --observed-class`, { file: l.file });
  if (!(cls in workload)) throw new UserError(`--observed-class: no class ${JSON.stringify(cls)} (classes: ${classes.join(', ')})`, { file: l.file });
  const resolved = l.resolved.classes.find((c) => c.name === cls) as unknown as { profile?: { max?: number } } | undefined;
  const plan = planAssumptions(cls, workload[cls], resolved?.profile?.max);
  const line = l.source.lineOf(['workload', cls]);
  const out = driftGates({
    scenario: name, file: l.file, ...(line !== undefined ? { line } : {}), plan, stats, trace: ob.trace, tol: policy.drift, overrides: policy.driftOverrides,
  });
  return out.concat(plan.notes.map((n) => ({
    scenario: name, file: l.file, ...(line !== undefined ? { line } : {}), source: 'observed' as const, name: `observed: ${cls}`, severity: 'warn' as const, status: 'pass' as const,
    threshold: '-', message: `not compared: ${n}`,
  })));
}
