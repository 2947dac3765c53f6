import type { MessagePort } from 'node:worker_threads';
import { resolveScenario } from '../scenario/resolve.js';
import { loadScenario } from '../scenario/index.js';
import type { Scenario } from '../scenario/schema.js';
import { runReplication } from './runReplication.js';
import { applyOverrides, type ScenarioOverrides } from './overrides.js';
import type { ReplicationOutput } from './output.js';
import { budgetLimits, type RunBudget } from './budget.js';

/**
 * One task of the worker pool: the scenario file (preferred: resolution may read files relative to
 * it) or the validated scenario data (plain, cloneable), the overrides and a seed.
 */
export interface ReplicationTask {
  file?: string;
  scenario: Scenario;
  overrides: ScenarioOverrides;
  seed: number;
  /** Receives `[simTime, events, arrived]` every ~262k events; closed when the replication ends. */
  port?: MessagePort;
  /** Event budget and wall-clock deadline (see parallel.ts). */
  limits?: RunBudget;
}

/**
 * Piscina worker entry: re-resolves the scenario in this thread (the resolved form holds functions,
 * which cannot cross a thread boundary) and runs one replication. Pure apart from the progress port.
 */
export default function runReplicationTask(task: ReplicationTask): ReplicationOutput {
  const base = task.file !== undefined ? loadScenario(task.file).resolved : resolveScenario(task.scenario);
  const s = applyOverrides(base, task.overrides);
  const port = task.port;
  try {
    const limits = budgetLimits(task.limits);
    return runReplication(s, task.seed, port ? { ...limits, progress: (t, e, a) => port.postMessage([t, e, a]) } : limits);
  } finally {
    port?.close();
  }
}
