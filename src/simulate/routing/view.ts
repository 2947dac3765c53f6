/**
 * The routing policy kind: what a policy sees (a read-only view of the candidate pools of one
 * request, structure of arrays, filled in place by the fleet router) and what it returns (a pool and
 * a reason). One method, no state changes, no allocation.
 */

/** Per candidate pool `i` in [0, n): the state a routing policy may read. */
export interface PoolView {
  /** Candidate pools in this view. */
  readonly n: number;
  /** Serving replicas (routable now). */
  readonly serving: Int32Array;
  /** Least outstanding work (tokens assigned and unfinished) over the serving replicas; Infinity when none serves. */
  readonly minOutstanding: Float64Array;
  /**
   * Waiting (not yet admitted) requests per serving replica, cold-held requests included; Infinity
   * when none serves. Filled only for policies with `usesQueue`, else 0.
   */
  readonly queuePerReplica: Float64Array;
  /** On-demand price of the pool's GPUs, USD per GPU-second. */
  readonly usdPerGpuSecond: Float64Array;
  /** Grid carbon intensity of the pool's region now, × its PUE: kg CO2e per J of IT energy. */
  readonly carbonKgPerJ: Float64Array;
  /** Round-trip time (s) from the request's population to the pool's region; Infinity: unreachable. */
  readonly rtt: Float64Array;
  /** 1 when the pool could serve later (warming up, or can scale from zero). */
  readonly canServe: Uint8Array;
}

/** A policy's decision: `pool` indexes the view (−1: no pool can take the request) and `reason` says why. */
export interface RouteDecision {
  pool: number;
  reason: RouteReason;
}

export type RouteReason =
  | 'preferred' // the policy's first choice among serving, reachable pools
  | 'spillover' // the first choice's queue per replica exceeds the threshold: the next in the policy's order with room
  | 'all-over-threshold' // every serving pool is over the threshold: the one with the shortest queue per replica
  | 'cold' // no reachable pool serves: wait on the best one that will
  | 'unreachable'; // no reachable pool can ever serve

/** A routing policy: chooses a pool of the view. Must not change the view. */
export interface RoutingPolicy {
  /** Whether `choose` reads `queuePerReplica` (filling it costs O(replicas) per request). */
  readonly usesQueue: boolean;
  choose(view: PoolView, out: RouteDecision): void;
}

/** A writable view of up to `capacity` pools (the router's scratch). */
export type MutablePoolView = { -readonly [K in keyof PoolView]: PoolView[K] };

export function makePoolView(capacity: number): MutablePoolView {
  return {
    n: 0,
    serving: new Int32Array(capacity),
    minOutstanding: new Float64Array(capacity),
    queuePerReplica: new Float64Array(capacity),
    usdPerGpuSecond: new Float64Array(capacity),
    carbonKgPerJ: new Float64Array(capacity),
    rtt: new Float64Array(capacity),
    canServe: new Uint8Array(capacity),
  };
}

/**
 * The shared shape of every ordering policy: among reachable pools with a serving replica, the one
 * with the lowest `key` (ties: least outstanding work, then the first); if its queue per serving
 * replica exceeds `spill`, the next in that order whose queue does not (reason `spillover`); if every
 * one exceeds it, the one with the shortest queue per replica. With no serving pool, the reachable
 * pool with the lowest key that can still serve (`cold`: the request waits for it to warm up).
 */
export function pickLowest(v: PoolView, key: Float64Array, spill: number, out: RouteDecision): void {
  let first = -1;
  let room = -1;
  let shortest = -1;
  let cold = -1;
  for (let i = 0; i < v.n; i++) {
    if (v.rtt[i] === Infinity) continue;
    if (v.serving[i] > 0) {
      if (first < 0 || before(v, key, i, first)) first = i;
      if (v.queuePerReplica[i] <= spill) {
        if (room < 0 || before(v, key, i, room)) room = i;
      } else if (shortest < 0 || v.queuePerReplica[i] < v.queuePerReplica[shortest]) shortest = i;
    } else if (v.canServe[i] === 1 && (cold < 0 || key[i] < key[cold])) cold = i;
  }
  if (room >= 0) {
    out.pool = room;
    out.reason = room === first ? 'preferred' : 'spillover';
  } else if (shortest >= 0) {
    out.pool = shortest;
    out.reason = 'all-over-threshold';
  } else if (cold >= 0) {
    out.pool = cold;
    out.reason = 'cold';
  } else {
    out.pool = -1;
    out.reason = 'unreachable';
  }
}

function before(v: PoolView, key: Float64Array, i: number, j: number): boolean {
  if (key[i] !== key[j]) return key[i] < key[j];
  return v.minOutstanding[i] < v.minOutstanding[j];
}
