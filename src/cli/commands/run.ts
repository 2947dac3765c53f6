import { loadScenario } from '../../scenario/index.js';
import { simulateParallel, defaultWorkers } from '../../simulate/parallel.js';
import { applyOverrides } from '../../simulate/overrides.js';
import { summaryText } from '../../report/summaryText.js';
import { toJson, writeFileAtomic } from '../../report/atomicWrite.js';
import { ChromeTraceRecorder } from '../../report/chromeTrace.js';
import { runReplication } from '../../simulate/runReplication.js';
import { replicationSeeds } from '../../simulate/simulate.js';
import { runArtifacts, writeArtifacts } from '../../report/outputs.js';
import { ProgressReporter } from '../../report/progress.js';
import { termStyle } from '../../report/terminal.js';
import { UserError } from '../../errors.js';
import { checkRunSize, DEFAULT_RUN_LIMITS } from '../../simulate/estimate.js';
import { parseQuantity, UnitError } from '../../scenario/units.js';
import { planOutputs } from './outputPlan.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim run [scenario]`: simulates a scenario (replications on worker threads), prints the
 * summary and writes the requested formats. Options: `scenario` (path), `seed`, `replications`,
 * `fidelity` (overrides), `workers` (default min(cores, replications); 1 = this thread),
 * `format` (table|json|markdown|csv|html|focus|svg, repeatable), `out` (directory; result.json is
 * always written there), `json` (= --format json), `focusStart` (ISO start of FOCUS charge periods),
 * `quiet` (no progress on stderr), `force` (run a scenario the size estimate refuses), `maxEvents`
 * (event budget per replication), `maxWall` (wall-clock budget of the whole run, e.g. `30s`). A run
 * stopped by a budget still writes its result, whose warnings say where each replication stopped.
 */
export interface RunOptions {
  scenario: string;
  /** Write a Chrome/Perfetto trace of the first replication's replica iterations and lifecycle here. */
  chromeTrace?: string;
  seed?: number;
  replications?: number;
  fidelity?: 'analytic' | 'iteration';
  workers?: number;
  format?: string[];
  out?: string;
  json?: boolean;
  focusStart?: string;
  quiet?: boolean;
  force?: boolean;
  maxEvents?: number;
  maxWall?: string;
  /** Monotonic milliseconds for progress (tests inject a clock). */
  now?: () => number;
}

export async function runCommand(o: RunOptions, io: CliIo): Promise<number> {
  if (o.chromeTrace !== undefined && o.chromeTrace.trim() === '') throw new UserError('--chrome-trace: expected a file name');
  const plan = planOutputs(o.format, o.out, o.json);
  if (o.workers !== undefined && !(Number.isInteger(o.workers) && o.workers >= 1)) throw new UserError(`--workers: expected a whole number ≥ 1, found ${o.workers}`);
  if (o.replications !== undefined && !(Number.isInteger(o.replications) && o.replications >= 1)) throw new UserError(`--replications: expected a whole number ≥ 1, found ${o.replications}`);
  if (o.focusStart !== undefined && !Number.isFinite(Date.parse(o.focusStart))) throw new UserError(`--focus-start: expected an ISO 8601 instant (e.g. 2026-01-01T00:00:00Z), found "${o.focusStart}"`);
  if (o.maxEvents !== undefined && !(Number.isInteger(o.maxEvents) && o.maxEvents >= 1)) throw new UserError(`--max-events: expected a whole number ≥ 1, found ${o.maxEvents}`);
  const maxWallS = o.maxWall === undefined ? undefined : parseWall(o.maxWall);
  const loaded = loadScenario(o.scenario);
  const overrides = { seed: o.seed, replications: o.replications, fidelity: o.fidelity };
  const s = applyOverrides(loaded.resolved, overrides);
  if (!o.force) checkRunSize(s, DEFAULT_RUN_LIMITS, loaded.file);
  const progress = o.quiet ? undefined : new ProgressReporter({ write: (t) => io.stderr(t), tty: io.stderrIsTTY ?? false, now: o.now ?? (() => performance.now()) }, s.replications, s.horizon);
  const result = await simulateParallel({ file: loaded.file, scenario: loaded.scenario, resolved: loaded.resolved }, overrides, {
    workers: o.workers ?? defaultWorkers(s.replications), progress, isolate: io.signals === true,
    limits: { ...(o.maxEvents !== undefined ? { maxEvents: o.maxEvents } : {}), ...(maxWallS !== undefined ? { deadlineMs: Date.now() + maxWallS * 1000 } : {}) },
  });
  for (const w of result.warnings) if (/budget/.test(w)) io.stderr(`warning: ${w}\n`);
  if (o.chromeTrace !== undefined) {
    // The first replication again, in this thread, recording every replica iteration and state.
    const rec = new ChromeTraceRecorder(s);
    const out = runReplication(s, replicationSeeds(s)[0], { spans: rec });
    writeFileAtomic(o.chromeTrace, `${JSON.stringify(rec.toJSON(out.end))}\n`);
    io.stderr(`wrote ${o.chromeTrace} (open it in ui.perfetto.dev or chrome://tracing)\n`);
  }
  progress?.finish();
  const files = await runArtifacts(result, plan.formats, { focusStart: o.focusStart });
  if (o.out !== undefined) {
    if (!files.some((f) => f.file === 'result.json')) files.unshift({ file: 'result.json', content: toJson(result) });
    const written = writeArtifacts(o.out, files);
    if (plan.stdout === 'table') {
      io.stdout(summaryText(result, termStyle(io)));
      io.stdout(`\nwrote ${written.join(', ')}\n`);
    }
    return 0;
  }
  if (plan.stdout === 'table') io.stdout(summaryText(result, termStyle(io)));
  else io.stdout(files.find((f) => f.file !== 'summary.csv')!.content);
  return 0;
}

/** `--max-wall`: a duration with a unit (30s, 10m, 2h) > 0, in seconds. */
function parseWall(text: string): number {
  try {
    const v = parseQuantity('duration', text);
    if (v > 0) return v;
  } catch (e) {
    if (!(e instanceof UnitError)) throw e;
    throw new UserError(`--max-wall: ${e.message}`);
  }
  throw new UserError(`--max-wall: expected a duration > 0 such as 30s or 10m, found "${text}"`);
}
