import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { parseDocument, readText, validateScenario } from '../scenario/load.js';
import { writeFileAtomic } from '../report/atomicWrite.js';
import { planRuns, sweepFingerprint, type Axis, type RunSpec, type SweepSpec } from './grid.js';
import { jsonLine, readShardFileIfExists } from './jsonl.js';
import { parseObjectives } from './pareto.js';
import { createEvaluator, defaultWorkers } from './pool.js';
import { SWEEP_SCHEMA, toRecord, type RunRecord, type SweepHeader } from './records.js';
import { inShard, type Shard } from './shard.js';
import { expandValues, splitAssignment, type AxisValue } from './values.js';
import { getPath, parsePath } from './path.js';
import { checkSweepSize } from './size.js';
import { materializeVariant } from './variant.js';
import { DEFAULT_RUN_LIMITS } from '../simulate/estimate.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

export interface SweepOptions {
  /** Scenario file (its text is hashed into the sweep fingerprint; its path is not). */
  file: string;
  /** `path=values` assignments; they replace the scenario's `sweep.set` entry for the same path. */
  sets?: readonly string[];
  zip?: boolean;
  objectives?: readonly string[];
  commonSeed?: boolean;
  workers?: number;
  shard?: Shard;
  /** Directory for runs JSON lines (resumable) and results. */
  out?: string;
  onProgress?: (done: number, total: number, skipped: number) => void;
  /** Run even when the size estimate says the sweep would take hours or exhaust memory. */
  force?: boolean;
}

export interface SweepRun {
  header: SweepHeader;
  /** The runs of this shard (all runs without a shard), in run order. */
  records: RunRecord[];
  /** Runs taken from an earlier, interrupted invocation. */
  resumed: number;
  jsonlPath?: string;
}

/** Default objectives: cost per 1,000 requests, the first class's p95 TTFT, energy per 1,000 requests. */
function defaultObjectives(firstClass: string): string[] {
  return ['cost.per1kRequests', `class.${firstClass}.ttft.p95`, 'energy.per1kRequestsJ'];
}

/** Plans a sweep from a scenario file, its `sweep:` block and flags. Pure apart from reading the file. */
export function planSweep(o: SweepOptions): { header: SweepHeader; runs: RunSpec[]; text: string } {
  const text = readText(o.file);
  const doc = parseDocument(text, o.file);
  const scenario = validateScenario(doc);
  const specs = new Map<string, string | AxisValue[]>(Object.entries(scenario.sweep?.set ?? {}));
  for (const a of o.sets ?? []) {
    const { path, spec } = splitAssignment(a);
    specs.set(path, spec);
  }
  const axes: Axis[] = [...specs].map(([path, spec]) => {
    const base = getPath(doc.data, parsePath(path));
    return { path, values: typeof spec === 'string' ? expandValues(spec, base, path) : spec };
  });
  const spec: SweepSpec = { axes, zip: o.zip ?? scenario.sweep?.zip ?? false, commonSeed: o.commonSeed ?? scenario.sweep?.commonSeed ?? false };
  const objectives = [...(o.objectives ?? scenario.sweep?.objectives ?? defaultObjectives(Object.keys(scenario.workload)[0]))];
  parseObjectives(objectives);
  const runs = planRuns(spec, scenario.seed);
  const header: SweepHeader = {
    type: 'sweep', schema: SWEEP_SCHEMA, sweep: sweepFingerprint(text, spec, objectives), scenario: scenario.name ?? 'scenario',
    baseSeed: scenario.seed, runs: runs.length, axes, zip: spec.zip, commonSeed: spec.commonSeed, objectives,
    ...(o.shard ? { shard: { index: o.shard.index, count: o.shard.count } } : {}),
  };
  return { header, runs, text };
}

export function jsonlName(shard: Shard | undefined): string {
  return shard ? `runs.shard-${shard.index}-of-${shard.count}.jsonl` : 'runs.jsonl';
}

/**
 * Runs a sweep (or one shard of it) on a worker pool. With `out`, every finished run is appended to
 * the JSON-lines file at once, and runs already there from an interrupted invocation are skipped.
 * Records are identical for any worker count, shard split or resume.
 */
export async function runSweep(o: SweepOptions): Promise<SweepRun> {
  const { header, runs, text } = planSweep(o);
  const mine = runs.filter((r) => inShard(r.index, o.shard));
  const done = new Map<string, RunRecord>();
  let jsonlPath: string | undefined;
  if (o.out !== undefined) {
    jsonlPath = join(o.out, jsonlName(o.shard));
    const prev = readShardFileIfExists(jsonlPath);
    if (prev && prev.header.sweep !== header.sweep) {
      throw new UserError(`${jsonlPath} holds sweep ${prev.header.sweep}, not this one (${header.sweep}): the scenario or the grid changed; use another --out or delete the file`);
    }
    const ids = new Set(mine.map((r) => r.id));
    for (const r of prev?.runs ?? []) if (ids.has(r.id) && !done.has(r.id)) done.set(r.id, r);
    // Rewrite what is kept (drops a line cut short by an interruption), then append as runs finish.
    writeFileAtomic(jsonlPath, jsonLine(header) + mine.filter((r) => done.has(r.id)).map((r) => jsonLine(done.get(r.id))).join(''));
  }
  const resumed = done.size;
  const todo = mine.filter((r) => !done.has(r.id));
  const workers = o.workers ?? defaultWorkers();
  if (!o.force && todo.length > 0) {
    const sample = sampleRuns(todo);
    checkSweepSize(buildable(text, o.file, sample), workers, DEFAULT_RUN_LIMITS, o.file, todo.length / sample.length);
  }
  const evaluator = createEvaluator(workers);
  let finished = 0;
  o.onProgress?.(0, todo.length, resumed);
  try {
    await Promise.all(
      todo.map(async (run) => {
        const out = await evaluator.run({ text, file: o.file, overrides: Object.entries(run.set), seed: run.seed });
        const rec = toRecord(header.sweep, run, out);
        done.set(run.id, rec);
        if (jsonlPath) appendFileSync(jsonlPath, jsonLine(rec));
        o.onProgress?.(++finished, todo.length, resumed);
      }),
    );
  } finally {
    await evaluator.close();
  }
  return { header, records: mine.map((r) => done.get(r.id)!), resumed, jsonlPath };
}

/** Most variants built in this thread for the size estimate; a larger sweep is estimated from an even sample. */
const SIZE_SAMPLE = 512;

function sampleRuns(runs: readonly RunSpec[]): RunSpec[] {
  if (runs.length <= SIZE_SAMPLE) return [...runs];
  const step = runs.length / SIZE_SAMPLE;
  return Array.from({ length: SIZE_SAMPLE }, (_, i) => runs[Math.floor(i * step)]);
}

/** The variants that build (for the size estimate); one that does not is reported when it runs. */
function buildable(text: string, file: string, runs: readonly RunSpec[]): ResolvedScenario[] {
  const base = parseDocument(text, file);
  const out: ResolvedScenario[] = [];
  for (const r of runs) {
    try {
      out.push(materializeVariant(base, Object.entries(r.set), r.seed).resolved);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  return out;
}
