import { streamFor, type Rng } from '../engine/random.js';
import { multiplierAtLocal, type RateProfile } from '../workload/profile.js';
import { carbonAt } from '../economics/profiles.js';
import type { RequestTable } from '../serving/requestTable.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { ClassStats } from './classStats.js';
import { SERVING, type LlmPoolRuntime } from './llmPoolRuntime.js';
import { createRoutingPolicy } from './routing/registry.js';
import { makePoolView, type MutablePoolView, type RouteDecision, type RoutingPolicy } from './routing/view.js';

/** Where a request goes: an LLM pool (its scenario index) and a slot in it; slot −1 means "wait for the pool to warm up". */
export interface RouteChoice {
  pool: number;
  slot: number;
  /** The pool's region is not the home region of the request's population (its payload crosses regions). */
  crossRegion: boolean;
}

interface ClassRoute {
  /** Candidate pools per cascade stage (one stage without a cascade). */
  readonly stages: readonly (readonly LlmPoolRuntime[])[];
  readonly policy: RoutingPolicy;
  /** Populations the class draws from and their cumulative normalised shares. */
  readonly pops: Int32Array;
  readonly cum: Float64Array;
  readonly draw: Rng;
  /** The class's daily profile when populations exist: each population follows it in its local time. */
  readonly profile: RateProfile | undefined;
  readonly zones: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Chooses the pool and replica of every LLM request. At a request's first routing it draws the
 * request's population (stream `population/<class>`); the class's routing policy then chooses a
 * pool of the request's cascade stage from a read-only view (serving replicas, least outstanding
 * work, queue per replica, price, carbon, round-trip time from the population), and the replica is
 * the pool's least-outstanding serving one (its routing tree). Records the round-trip time and the
 * pool on the request, and counts placements per pool and cross-region placements per class
 * (requests after the warm-up). No allocation per request.
 */
export class FleetRouter {
  /** Placements (first routings, retries and cascade stages) of requests after the warm-up, by pool index. */
  readonly routedPerPool: Float64Array;
  /** The last decision's reason (for tests and traces). */
  readonly decision: RouteDecision = { pool: -1, reason: 'preferred' };
  private readonly view: MutablePoolView;
  private readonly classes: ClassRoute[];
  /** [population][pool index]: round-trip time (s), Infinity when unreachable; and 1 when cross-region. */
  private readonly rtt: Float64Array[];
  private readonly cross: Uint8Array[];

  constructor(
    s: ResolvedScenario,
    llmPools: readonly (LlmPoolRuntime | undefined)[],
    private readonly stats: readonly ClassStats[],
    seed: number,
  ) {
    const n = s.pools.length;
    this.routedPerPool = new Float64Array(n);
    const pops = s.populations;
    if (pops === undefined) {
      this.rtt = [new Float64Array(n)];
      this.cross = [new Uint8Array(n)];
    } else {
      this.rtt = pops.map((p) => Float64Array.from(s.pools, (pool) => p.rtt[pool.region.name] ?? Infinity));
      this.cross = pops.map((p) => Uint8Array.from(s.pools, (pool) => (pool.region.name === p.home ? 0 : 1)));
    }
    let widest = 1;
    this.classes = s.classes.map((c) => {
      const stages = (c.stages ?? [c.pools]).map((st) => st.map((pi) => llmPools[pi]).filter((x): x is LlmPoolRuntime => x !== undefined));
      for (const st of stages) widest = Math.max(widest, st.length);
      const idx = c.populations ?? (pops ?? [{ share: 1 }]).map((_, i) => i);
      const shares = idx.map((i) => pops?.[i].share ?? 1);
      const total = shares.reduce((a, b) => a + b, 0);
      let acc = 0;
      const cum = Float64Array.from(shares, (x) => (acc += x / total));
      cum[cum.length - 1] = 1;
      const zones = Float64Array.from(idx, (i) => pops?.[i].timezone ?? 0);
      const weights = Float64Array.from(shares, (x) => x / total);
      return {
        stages, policy: createRoutingPolicy(c.routing), pops: Int32Array.from(idx), cum, draw: streamFor(seed, `population/${c.name}`),
        profile: pops !== undefined ? c.profile : undefined, zones, weights,
      };
    });
    this.view = makePoolView(widest);
  }

  /** Stages of class `c` (for the cascade). */
  stageCount(c: number): number {
    return this.classes[c].stages.length;
  }

  /** Routes request `id` at its current stage; false when no pool can ever serve it. */
  route(id: number, req: RequestTable, now: number, out: RouteChoice): boolean {
    const c = req.cls[id];
    const cr = this.classes[c];
    let pop = req.population[id];
    if (pop < 0) {
      let k = 0;
      if (cr.pops.length > 1) {
        const u = cr.draw();
        if (cr.profile === undefined) {
          while (k < cr.cum.length - 1 && u >= cr.cum[k]) k++;
        } else {
          // With a daily profile each population weighs its share times its local-time multiplier.
          const t = req.arrival[id];
          let total = 0;
          for (let j = 0; j < cr.zones.length; j++) total += cr.weights[j] * multiplierAtLocal(cr.profile, t, cr.zones[j]);
          let acc = 0;
          const target = u * total;
          for (k = 0; k < cr.zones.length - 1; k++) {
            acc += cr.weights[k] * multiplierAtLocal(cr.profile, t, cr.zones[k]);
            if (target < acc) break;
          }
        }
      }
      pop = req.population[id] = cr.pops[k];
    }
    const cand = cr.stages[req.stage[id]];
    const rtt = this.rtt[pop];
    const v = this.view;
    const usesQueue = cr.policy.usesQueue;
    v.n = cand.length;
    for (let i = 0; i < cand.length; i++) {
      const p = cand[i];
      const serving = p.count[SERVING];
      v.serving[i] = serving;
      v.minOutstanding[i] = serving > 0 ? p.tree.get(p.tree.argMin()) : Infinity;
      v.usdPerGpuSecond[i] = p.pool.usdPerGpuSecond;
      v.carbonKgPerJ[i] = carbonAt(p.pool.region, now) * p.pool.region.pue;
      v.rtt[i] = rtt[p.pool.index];
      v.canServe[i] = p.canServe ? 1 : 0;
      v.queuePerReplica[i] = usesQueue ? queuePerServing(p, serving) : 0;
    }
    const d = this.decision;
    cr.policy.choose(v, d);
    if (d.pool < 0) return false;
    const p = cand[d.pool];
    const pi = p.pool.index;
    out.pool = pi;
    out.slot = v.serving[d.pool] > 0 ? p.tree.argMin() : -1;
    out.crossRegion = this.cross[pop][pi] === 1;
    req.rtt[id] = rtt[pi];
    req.servedBy[id] = pi;
    if (req.counted[id] === 1) {
      this.routedPerPool[pi]++;
      const st = this.stats[c];
      st.routed++;
      if (out.crossRegion) st.routedCrossRegion++;
    }
    return true;
  }
}

/** Waiting requests (queued on serving replicas, or held while the pool is cold) per serving replica. */
function queuePerServing(p: LlmPoolRuntime, serving: number): number {
  let waiting = p.cold.length;
  for (let i = 0; i < p.replicas.length; i++) if (p.state[i] === SERVING) waiting += p.replicas[i].waitingCount;
  if (serving === 0) return waiting > 0 ? Infinity : 0;
  return waiting / serving;
}
