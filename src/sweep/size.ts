import { UserError } from '../errors.js';
import { estimateRun, formatDuration, formatCount } from '../simulate/estimate.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

export interface SizeLimits {
  readonly maxWallSeconds: number;
  readonly maxMemoryBytes: number;
}

/** The size of a whole sweep: its runs, their events and the wall time on `workers` threads. */
export interface SweepEstimate {
  readonly runs: number;
  readonly events: number;
  readonly wallSeconds: number;
  /** The largest run's memory times the runs held at once (one per worker). */
  readonly memoryBytes: number;
}

/**
 * Refuses a sweep that would run for more than the limit on its workers (the same default as
 * `fleetsim run`: an hour), or whose runs held at once would exhaust memory; `--force` skips it.
 * Variants that fail to build are left out here: they are reported as failed runs. `scale`: runs
 * per variant given (a large sweep is estimated from an even sample of its variants).
 */
export function checkSweepSize(variants: readonly ResolvedScenario[], workers: number, limits: SizeLimits, file?: string, scale = 1): SweepEstimate {
  const runs = Math.round(variants.length * scale);
  const w = Math.max(1, Math.min(workers, runs));
  let events = 0;
  let oneCore = 0;
  let memory = 0;
  for (const v of variants) {
    const e = estimateRun(v);
    events += e.events * v.replications;
    oneCore += e.wallSeconds;
    if (e.memoryBytes > memory) memory = e.memoryBytes;
  }
  events *= scale;
  const est: SweepEstimate = { runs, events, wallSeconds: (oneCore * scale) / w, memoryBytes: memory * w };
  const problems: string[] = [];
  if (est.wallSeconds > limits.maxWallSeconds) {
    problems.push(`${formatCount(runs)} runs ≈ ${formatCount(events)} events, roughly ${formatDuration(est.wallSeconds)} on ${w} worker${w === 1 ? '' : 's'} (limit ${formatDuration(limits.maxWallSeconds)})`);
  }
  if (est.memoryBytes > limits.maxMemoryBytes) {
    problems.push(`about ${formatCount(est.memoryBytes / 2 ** 30)} GiB of memory with ${w} runs at once (limit ${formatCount(limits.maxMemoryBytes / 2 ** 30)} GiB)`);
  }
  if (problems.length > 0) {
    throw new UserError(`this sweep is too large to run by default: ${problems.join('; ')}. Narrow the grid, shorten the horizon, split it with --shard, or pass --force to run it anyway`, { file });
  }
  return est;
}

/**
 * Refuses a plan whose search would take more than the limit on its workers. The search runs at least
 * a bisection over the replica range per candidate and month (log2(range) + 1 simulations), so
 * that lower bound times one simulation's estimate (at the largest forecast multiplier) is what is
 * checked: a refusal is never a false alarm.
 */
export function checkPlanSize(
  base: ResolvedScenario,
  search: { candidates: number; months: readonly number[]; replicaRange: number; workers: number },
  limits: SizeLimits,
  file?: string,
): { simulations: number; wallSeconds: number } {
  const e = estimateRun(base);
  const perCandidate = Math.ceil(Math.log2(Math.max(1, search.replicaRange))) + 1;
  const simulations = search.candidates * search.months.length * perCandidate;
  const scaled = search.months.reduce((a, m) => a + Math.max(1, m), 0) / search.months.length;
  const w = Math.max(1, Math.min(search.workers, search.candidates));
  const wall = (e.wallSeconds * scaled * simulations) / w;
  if (wall > limits.maxWallSeconds) {
    throw new UserError(
      `this plan is too large to run by default: at least ${formatCount(simulations)} simulations of about ${formatCount(e.requests * scaled)} requests × ${base.replications} replications each, roughly ${formatDuration(wall)} on ${w} worker${w === 1 ? '' : 's'} (limit ${formatDuration(limits.maxWallSeconds)}). Shorten the horizon, lower the replications, narrow the candidates or the replica range, or pass --force to run it anyway`,
      { file },
    );
  }
  return { simulations, wallSeconds: wall };
}
