import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { LoadedScenario } from '../scenario/index.js';
import { simulate, type RunResult } from '../simulate/simulate.js';

export interface Simulated {
  result: RunResult;
  timeS: number;
}

const WORKER = new URL('./internal/simulateWorker.js', import.meta.url);

function inThread(l: LoadedScenario, replications?: number): Simulated {
  const t0 = performance.now();
  const result = simulate(replications !== undefined ? { ...l.resolved, replications } : l.resolved);
  return { result, timeS: (performance.now() - t0) / 1000 };
}

function inWorker(l: LoadedScenario, replications?: number): Promise<Simulated> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: { file: l.file, replications } });
    w.once('message', (m: { result?: RunResult; timeS?: number; error?: { message: string; user: boolean } }) => {
      void w.terminate();
      if (m.error) reject(m.error.user ? new UserError(m.error.message, { file: l.file }) : new Error(`${l.file}: ${m.error.message}`));
      else resolve({ result: m.result!, timeS: m.timeS! });
    });
    w.once('error', reject);
  });
}

/**
 * Simulates scenarios, `jobs` at a time in worker threads (one scenario per worker; results in
 * input order). Falls back to this thread when jobs ≤ 1, for one scenario, or when the compiled
 * worker is not there (running from TypeScript sources, e.g. under vitest).
 */
export async function simulateMany(list: readonly LoadedScenario[], opts: { jobs: number; replications?: number; onDone?: (i: number, s: Simulated) => void }): Promise<Simulated[]> {
  const out: Simulated[] = new Array(list.length);
  const parallel = opts.jobs > 1 && list.length > 1 && existsSync(fileURLToPath(WORKER));
  if (!parallel) {
    list.forEach((l, i) => {
      out[i] = inThread(l, opts.replications);
      opts.onDone?.(i, out[i]);
    });
    return out;
  }
  let next = 0;
  const lane = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await inWorker(list[i], opts.replications);
      opts.onDone?.(i, out[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, list.length) }, lane));
  return out;
}
