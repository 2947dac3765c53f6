import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Scenario } from '../scenario/schema.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { runReplication } from './runReplication.js';
import { buildResult, replicationSeeds, type RunResult } from './simulate.js';
import { applyOverrides, type ScenarioOverrides } from './overrides.js';
import type { ReplicationOutput } from './output.js';
import type { ReplicationTask } from './replicationWorker.js';
import { budgetLimits, type RunBudget } from './budget.js';

/** Progress of a run: per replication, its simulated time, events and arrivals so far. */
export interface RunProgress {
  /** Called whenever a replication reports (every ~262k events) or finishes. */
  update(replication: number, simTime: number, events: number, arrived: number, done: boolean): void;
}

export interface ParallelOptions {
  /** Worker threads; 1 runs in this thread. Default: min(available cores, replications). */
  workers?: number;
  progress?: RunProgress;
  /** Budgets that stop replications cleanly (reported in the result's warnings). */
  limits?: RunBudget;
  /** Run on a worker thread even with one worker, keeping this thread free (signal handling). */
  isolate?: boolean;
}

/** Default number of workers for a scenario. */
export function defaultWorkers(replications: number): number {
  return Math.max(1, Math.min(availableParallelism(), replications));
}

/**
 * Runs every replication of a scenario, on worker threads when `workers` > 1, and builds the result.
 * The result does not depend on the number of workers: seeds come from `replicationSeeds` and the
 * outputs are combined in seed order. Workers re-resolve the scenario from `src.file` when given, else
 * from the validated data `src.scenario` (what `loadScenario` returns); `overrides` apply on both sides.
 */
export async function simulateParallel(
  src: { file?: string; scenario: Scenario; resolved: ResolvedScenario },
  overrides: ScenarioOverrides,
  o: ParallelOptions = {},
): Promise<RunResult> {
  const s = applyOverrides(src.resolved, overrides);
  const seeds = replicationSeeds(s);
  const workers = Math.max(1, Math.min(o.workers ?? defaultWorkers(seeds.length), seeds.length));
  const progress = o.progress;
  if (workers === 1 && !o.isolate) {
    const outs: ReplicationOutput[] = [];
    seeds.forEach((seed, i) => {
      let last = [0, 0, 0];
      const out = runReplication(s, seed, progress ? { ...budgetLimits(o.limits), progress: (t, e, a) => { last = [t, e, a]; progress.update(i, t, e, a, false); } } : budgetLimits(o.limits));
      progress?.update(i, out.end, out.events, last[2], true);
      outs.push(out);
    });
    return buildResult(s, outs);
  }
  const pool = new Piscina({ filename: workerUrl(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  try {
    const outs = await Promise.all(
      seeds.map(async (seed, i) => {
        const task: ReplicationTask = { scenario: src.scenario, overrides, seed, ...(src.file !== undefined ? { file: src.file } : {}), ...(o.limits ? { limits: o.limits } : {}) };
        let transferList: MessageChannel['port2'][] = [];
        let arrived = 0;
        if (progress) {
          const ch = new MessageChannel();
          ch.port1.on('message', (m: [number, number, number]) => {
            arrived = m[2];
            progress.update(i, m[0], m[1], m[2], false);
          });
          ch.port1.unref();
          task.port = ch.port2;
          transferList = [ch.port2];
          const out = (await pool.run(task, { transferList })) as ReplicationOutput;
          ch.port1.close();
          progress.update(i, out.end, out.events, arrived, true);
          return out;
        }
        return (await pool.run(task)) as ReplicationOutput;
      }),
    );
    return buildResult(s, outs);
  } finally {
    await pool.destroy();
  }
}

/**
 * The compiled worker module. Under a TypeScript runner (tests) this module is the .ts source and the
 * worker cannot be; the build output in dist/ is used instead (`npm test` builds first).
 */
function workerUrl(): string {
  const here = fileURLToPath(import.meta.url);
  let file = join(dirname(here), 'replicationWorker.js');
  if (here.endsWith('.ts')) file = resolve(dirname(here), '../../dist/simulate/replicationWorker.js');
  if (!existsSync(file)) throw new Error(`worker module not found: ${file} (run \`npm run build\` first)`);
  return pathToFileURL(file).href;
}
