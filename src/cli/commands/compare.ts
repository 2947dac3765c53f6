import { basename, extname } from 'node:path';
import { loadScenario } from '../../scenario/index.js';
import { readText } from '../../scenario/load.js';
import { simulateParallel, defaultWorkers } from '../../simulate/parallel.js';
import { RESULT_SCHEMA, type RunResult } from '../../simulate/simulate.js';
import { compare } from '../../report/compare.js';
import { compareText } from '../../report/compareText.js';
import { compareArtifacts, writeArtifacts } from '../../report/outputs.js';
import { termStyle } from '../../report/terminal.js';
import { UserError } from '../../errors.js';
import { planOutputs } from './outputPlan.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim compare A B [C…]`: scenario files (simulated here) or saved result.json files, compared
 * against the first. Options: `seed`, `replications` (override every scenario input), `workers`,
 * `format`, `out`, `json`, `focusStart`, `quiet`.
 */
export interface CompareOptions {
  inputs: string[];
  seed?: number;
  replications?: number;
  workers?: number;
  format?: string[];
  out?: string;
  json?: boolean;
  focusStart?: string;
  quiet?: boolean;
}

/** Reads a saved result, or returns undefined when the file is not one (then it is a scenario). */
export function readSavedResult(file: string): RunResult | undefined {
  if (extname(file).toLowerCase() !== '.json') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readText(file));
  } catch {
    return undefined;
  }
  const schema = (data as { schema?: unknown })?.schema;
  if (typeof schema !== 'string' || !schema.startsWith('fleetsim.result/')) return undefined;
  if (schema !== RESULT_SCHEMA) throw new UserError(`result schema "${schema}" is not supported; this fleetsim reads ${RESULT_SCHEMA}`, { file });
  const r = data as RunResult;
  if (!r.summary || !Array.isArray(r.replications) || !Array.isArray(r.classes)) throw new UserError('not a complete result: summary, classes and replications are required', { file });
  return r;
}

/** Short unique labels: file names without extension, made unique with #2, #3… */
export function labelsFor(files: readonly string[]): string[] {
  const base = files.map((f) => basename(f, extname(f)));
  return base.map((b, i) => (base.filter((x) => x === b).length > 1 ? `${b}#${base.slice(0, i + 1).filter((x) => x === b).length}` : b));
}

export async function compareCommand(o: CompareOptions, io: CliIo): Promise<number> {
  if (o.inputs.length < 2) throw new UserError('compare needs at least two scenarios or results');
  const plan = planOutputs(o.format, o.out, o.json);
  if (plan.stdout === 'focus' || (o.out === undefined && plan.formats.includes('focus'))) throw new UserError('--format focus writes one file per input: give --out DIR');
  const results: RunResult[] = [];
  for (const file of o.inputs) {
    const saved = readSavedResult(file);
    if (saved) {
      results.push(saved);
      continue;
    }
    const loaded = loadScenario(file);
    const overrides = { seed: o.seed, replications: o.replications };
    const reps = o.replications ?? loaded.resolved.replications;
    if (!o.quiet) io.stderr(`simulating ${file} (${reps} replication${reps === 1 ? '' : 's'})\n`);
    results.push(await simulateParallel({ file: loaded.file, scenario: loaded.scenario, resolved: loaded.resolved }, overrides, { workers: o.workers ?? defaultWorkers(reps) }));
  }
  const labels = labelsFor(o.inputs);
  const c = compare(results.map((result, i) => ({ label: labels[i], result })));
  const files = await compareArtifacts(c, results, plan.formats, { focusStart: o.focusStart });
  if (o.out !== undefined) {
    const written = writeArtifacts(o.out, files);
    if (plan.stdout === 'table') io.stdout(`${compareText(c, termStyle(io))}\nwrote ${written.join(', ')}\n`);
    return 0;
  }
  if (plan.stdout === 'table') io.stdout(compareText(c, termStyle(io)));
  else io.stdout(files[0].content);
  return 0;
}
