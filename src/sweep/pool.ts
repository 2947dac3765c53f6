import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { evaluateTask, type EvalTask, type EvalOutput } from './evaluate.js';

/** Evaluates tasks, in this thread or on a pool of worker threads. Results never depend on which. */
export interface Evaluator {
  readonly workers: number;
  run(task: EvalTask): Promise<EvalOutput>;
  close(): Promise<void>;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * One worker: tasks run in this thread, in call order. More: a piscina pool of worker threads running
 * the compiled `worker.js` next to this module (the TypeScript sources under a test runner have none;
 * then tasks run in this thread).
 */
export function createEvaluator(workers: number): Evaluator {
  const file = new URL('./worker.js', import.meta.url);
  if (workers <= 1 || !existsSync(fileURLToPath(file))) {
    return { workers: 1, run: async (t) => evaluateTask(t), close: async () => {} };
  }
  const pool = new Piscina({ filename: file.href, minThreads: 1, maxThreads: workers, idleTimeout: 1000 });
  return {
    workers,
    run: (t) => pool.run(t) as Promise<EvalOutput>,
    close: () => pool.destroy(),
  };
}
