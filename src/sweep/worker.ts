import { evaluateTask, type EvalTask, type EvalOutput } from './evaluate.js';

/** Piscina worker entry: one task in, one output out. */
export default function run(task: EvalTask): EvalOutput {
  return evaluateTask(task);
}
