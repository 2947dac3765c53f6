import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../../scenario/index.js';
import { simulate } from '../../simulate/simulate.js';

/** Worker: loads one scenario file, simulates it and posts `{ result, timeS }` (or `{ error }`). */
const { file, replications } = workerData as { file: string; replications?: number };
try {
  const t0 = performance.now();
  const s = loadScenario(file).resolved;
  const result = simulate(replications !== undefined ? { ...s, replications } : s);
  parentPort!.postMessage({ result, timeS: (performance.now() - t0) / 1000 });
} catch (e) {
  parentPort!.postMessage({ error: { message: (e as Error).message, user: (e as Error).name === 'UserError' } });
}
