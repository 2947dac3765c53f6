import { totalmem } from 'node:os';
import { UserError } from '../errors.js';
import { meanLength } from '../workload/lengths.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

/** A rough size of a run before it starts: enough to refuse one that would take hours or exhaust memory. */
export interface RunEstimate {
  /** Expected requests per replication (classes with a count: the count). */
  readonly requests: number;
  readonly replicas: number;
  /** Expected events per replication (≈ 4 per request plus window ticks). */
  readonly events: number;
  /** Expected wall time of all replications on one core, seconds (at a conservative 2 M events/s). */
  readonly wallSeconds: number;
  /** Expected peak memory, bytes: replica state plus the requests in flight. */
  readonly memoryBytes: number;
}

const EVENTS_PER_SECOND = 2e6;
const BYTES_PER_REPLICA = 64 * 1024;
const BYTES_PER_REQUEST_IN_FLIGHT = 120;

export function estimateRun(s: ResolvedScenario): RunEstimate {
  let requests = 0;
  let inFlight = 0;
  for (const c of s.classes) {
    const a = c.arrival;
    let n: number;
    // Without a horizon a class is bounded by its count (min below).
    const open = !Number.isFinite(s.horizon);
    if (a.process === 'schedule') n = open ? Infinity : (Math.floor(Math.max(0, s.horizon - a.at) / a.every) + 1) * a.size;
    else if (a.process === 'closed') n = open ? Infinity : (a.users * s.horizon) / Math.max(a.think, 1);
    else if (a.process === 'trace') n = 0; // streamed: bounded by the file
    else n = c.rate === 0 ? 0 : open ? Infinity : c.rate * s.horizon;
    const turns = c.session ? meanLength(c.session.turns) : c.agent ? meanLength(c.agent.steps) * meanLength(c.agent.fanout) : 1;
    n = Math.min(n, c.count) * turns;
    requests += n;
    inFlight += c.rate * turns * 60; // a minute of traffic in flight is a generous bound for a stable system
  }
  const replicas = s.pools.reduce((a, p) => a + p.replicas, 0);
  const ticks = Number.isFinite(s.horizon) ? s.horizon / s.window : 0;
  const events = requests * 4 + ticks;
  return {
    requests,
    replicas,
    events,
    wallSeconds: (events * s.replications) / EVENTS_PER_SECOND,
    memoryBytes: replicas * BYTES_PER_REPLICA + inFlight * BYTES_PER_REQUEST_IN_FLIGHT,
  };
}

/**
 * What `fleetsim run` accepts without `--force`: one hour of simulation on one core, and 8 GiB or half
 * the machine's memory, whichever is less.
 */
export const DEFAULT_RUN_LIMITS: { readonly maxWallSeconds: number; readonly maxMemoryBytes: number } = {
  maxWallSeconds: 3600,
  maxMemoryBytes: Math.min(8 * 2 ** 30, totalmem() / 2),
};

/** Refuses a run above the limits, with the estimate and how to override. */
export function checkRunSize(s: ResolvedScenario, limits: { maxWallSeconds: number; maxMemoryBytes: number }, file?: string): RunEstimate {
  const e = estimateRun(s);
  const problems: string[] = [];
  if (e.wallSeconds > limits.maxWallSeconds) {
    problems.push(`about ${formatCount(e.requests)} requests × ${s.replications} replications ≈ ${formatCount(e.events * s.replications)} events, roughly ${formatDuration(e.wallSeconds)} on one core (limit ${formatDuration(limits.maxWallSeconds)})`);
  }
  if (e.memoryBytes > limits.maxMemoryBytes) problems.push(`about ${formatCount(e.memoryBytes / 2 ** 30)} GiB of memory (${formatCount(e.replicas)} replicas; limit ${formatCount(limits.maxMemoryBytes / 2 ** 30)} GiB)`);
  if (problems.length > 0) {
    throw new UserError(`this scenario is too large to run by default: ${problems.join('; ')}. Shorten the horizon, lower the rate or the fleet, or pass --force to run it anyway`, { file });
  }
  return e;
}

/** A count for people: 12, 3.4 k, 5.6 M, 7.8e9; 'unbounded' for Infinity. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return 'unbounded';
  if (x >= 1e9) {
    const [m, e] = x.toExponential(1).split('e');
    return `${m}e${Number(e)}`;
  }
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} k` : x >= 10 ? `${Math.round(x)}` : `${Number(x.toPrecision(2))}`;
}

/** Seconds for people: minutes, hours, days or years. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'forever';
  if (s <= 3600) return `${Math.max(1, Math.round(s / 60))} minutes`;
  if (s < 2 * 86400) return `${formatCount(s / 3600)} hours`;
  if (s < 2 * 365 * 86400) return `${formatCount(s / 86400)} days`;
  return `${formatCount(s / (365 * 86400))} years`;
}
