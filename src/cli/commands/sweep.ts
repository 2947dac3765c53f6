import { runSweep } from '../../sweep/sweep.js';
import { writeSweepOutputs, renderTable, type TableFormat } from '../../sweep/output.js';
import { jsonLine } from '../../sweep/jsonl.js';
import { parseShard, shardFromEnv, type Shard } from '../../sweep/shard.js';
import { UserError } from '../../errors.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim sweep <scenario> --set path=values …`: runs a grid of variants (docs/sweep.md).
 * Without a shard: prints the table (`--format md|csv|json`) and, with `--out DIR`, writes
 * runs.jsonl (resumable), results.json/.csv/.md and pareto.svg. With `--shard i/n` or
 * `--shard-from-env`: runs only that shard and writes JSON lines (to DIR/runs.shard-i-of-n.jsonl,
 * or stdout without --out) for `fleetsim merge`.
 */
export interface SweepCommandOptions {
  scenario: string;
  set?: string[];
  zip?: boolean;
  objectives?: string;
  commonSeed?: boolean;
  workers?: number;
  shard?: string;
  shardFromEnv?: boolean;
  shardCount?: number;
  out?: string;
  format?: TableFormat;
  /** Let infeasible runs onto the Pareto front (default: feasible runs only). */
  paretoAll?: boolean;
  quiet?: boolean;
  /** Run a sweep the size estimate would refuse (hours on its workers, or too much memory). */
  force?: boolean;
}

export async function sweepCommand(o: SweepCommandOptions, io: CliIo): Promise<number> {
  if (o.shard !== undefined && o.shardFromEnv) throw new UserError('give either --shard or --shard-from-env, not both');
  if (o.workers !== undefined && !(Number.isInteger(o.workers) && o.workers >= 1)) throw new UserError(`--workers must be a whole number ≥ 1, found ${o.workers}`);
  const shard: Shard | undefined = o.shard !== undefined ? parseShard(o.shard) : o.shardFromEnv ? shardFromEnv(io.env, o.shardCount) : undefined;
  const progress = progressPrinter(io, o.quiet ?? false, shard);
  const run = await runSweep({
    file: o.scenario, sets: o.set, zip: o.zip, commonSeed: o.commonSeed, workers: o.workers, shard, out: o.out,
    objectives: o.objectives?.split(',').map((s) => s.trim()).filter(Boolean), onProgress: progress, force: o.force,
  });
  const failed = run.records.filter((r) => !r.ok);
  for (const r of failed.slice(0, 5)) io.stderr(`warning: run ${r.id} failed: ${r.error}\n`);
  if (shard) {
    if (run.jsonlPath) io.stderr(`shard ${shard.index}/${shard.count}: ${run.records.length} runs in ${run.jsonlPath}\n`);
    else io.stdout(jsonLine(run.header) + run.records.map(jsonLine).join(''));
  } else {
    const { result, files } = await writeSweepOutputs(run.header, run.records, o.out, { paretoAll: o.paretoAll ?? false });
    io.stdout(renderTable(result, o.format ?? 'md'));
    if (files.length > 0 && !o.quiet) io.stderr(`wrote ${[run.jsonlPath, ...files].filter(Boolean).join(', ')}\n`);
  }
  return failed.length > 0 && failed.length === run.records.length ? 2 : 0;
}

function progressPrinter(io: CliIo, quiet: boolean, shard: Shard | undefined) {
  if (quiet) return undefined;
  const tag = shard ? `sweep shard ${shard.index}/${shard.count}` : 'sweep';
  let last = -1;
  return (done: number, total: number, skipped: number) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (done !== total && pct < last + 10) return;
    last = pct;
    io.stderr(`${tag}: ${done}/${total} runs${skipped ? ` (${skipped} resumed)` : ''} ${pct}%\n`);
  };
}
