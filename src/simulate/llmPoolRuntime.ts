import type { Scheduler } from '../engine/simulation.js';
import { randomExponential } from 'd3-random';
import { streamFor } from '../engine/random.js';
import { hostPowerW } from '../catalog/index.js';
import type { Replica } from '../serving/replica.js';
import { ArgMinTree } from '../serving/internal/argMinTree.js';
import { IntQueue } from '../serving/internal/intQueue.js';
import { decideScale, scheduledBounds } from '../serving/autoscaler.js';
import type { ResolvedLlmPool } from '../scenario/resolve.js';
import { EV_LIFECYCLE, EV_SCALE } from './events.js';
import { ReplicaTotals } from './replicaTotals.js';

/** Replica slot states. Every state but OFF is provisioned and paid. */
export const OFF = 0;
export const PROVISIONING = 1;
export const LOADING = 2;
export const SERVING = 3;
export const DRAINING = 4;
const STATES = 5;

/** Lifecycle event codes (aux = generation × 8 + code). */
const LC_PROVISIONED = 1; // node up, image pulled: load weights
const LC_LOADED = 2; // weights loaded: serve
const LC_SPOT_NOTICE = 3; // the cloud will reclaim this spot instance
const LC_SPOT_KILL = 4; // reclaimed

/** What the pool needs from the fleet. */
export interface PoolFleetPort {
  /** Re-routes requests that lost their replica (spot reclaim) or waited on a cold pool. */
  reroute(ids: number[], now: number): void;
  /** Replicas the region's power budget (refuse) and GPU capacity still allow for this pool. */
  headroomReplicas(pool: LlmPoolRuntime): number;
  /** Whether periodic control (autoscaler, spot reclaims) should go on to time `next`. */
  keepGoing(next: number): boolean;
}

/**
 * One LLM pool's replicas over their lifecycle: provisioning → loading → serving → draining → off,
 * with cold starts, the autoscaler's decisions, spot reclaims with a notice, a queue for requests
 * that arrive while no replica serves, and the replica-seconds per state that the cost ledger bills.
 */
export class LlmPoolRuntime {
  readonly state: Uint8Array;
  readonly since: Float64Array;
  readonly gen: Int32Array;
  readonly reclaiming: Uint8Array;
  /** Routing tree over the pool's slots: outstanding work of serving replicas, Infinity otherwise. */
  readonly tree: ArgMinTree;
  /** Requests waiting for a replica of a cold pool. */
  readonly cold = new IntQueue();
  readonly count = new Int32Array(STATES);
  /** Replica-seconds per state, and on spot slots. */
  readonly stateSeconds = new Float64Array(STATES);
  spotProvisionedSeconds = 0;
  onDemandProvisionedSeconds = 0;
  coldIntegral = 0;
  /** Billing-minimum top-ups (USD) of on-demand and of spot slots released before the minimum. */
  billingTopUpOnDemandUsd = 0;
  billingTopUpSpotUsd = 0;
  scaleUps = 0;
  scaleDowns = 0;
  /** Evaluations whose scale-up the power budget or the region's GPU capacity cut short. */
  refusedScaleUps = 0;
  spotReclaims = 0;
  retries = 0;
  lostTokens = 0;
  lastRequestAt = -Infinity;
  /** Most replicas provisioned at once. */
  peakProvisioned = 0;
  /** Cost at the end of the warm-up (the measurement window starts there). */
  warmCostUsd = 0;
  /** Prompt and output tokens of the requests routed here (for pricing lost work). */
  tokensProcessed = 0;
  /** Tokens routed here by class index (prompt + output), for attributing the pool's cost to classes. */
  readonly classTokens: Float64Array;
  /** Bytes received from clients, sent to clients, and carried between regions (request/response payloads). */
  ingressBytes = 0;
  egressBytes = 0;
  crossRegionBytes = 0;
  readonly hostIdleW: number;
  readonly hostMaxW: number;
  private accT = 0;
  private spotProvisioned = 0;
  private lastScaleUpAt = -Infinity;
  private lastChangeAt = -Infinity;
  private readonly spotDraw: () => number;
  // Metric samples for the autoscaler (ring of the last evaluations) and the integrals at the last one.
  private readonly sampleT = new Float64Array(64);
  private readonly sampleV = new Float64Array(64);
  private samples = 0;
  private lastKv = 0;
  private lastQueue = 0;
  private lastBatch = 0;
  private lastServing = 0;
  private lastCold = 0;
  private readonly totals = new ReplicaTotals();
  readonly lastDecision: { desired: number; reason: string } = { desired: 0, reason: '' };

  constructor(
    readonly pool: ResolvedLlmPool,
    readonly replicas: readonly Replica[],
    private readonly sim: Scheduler,
    private readonly fleet: PoolFleetPort,
    seed: number,
    classCount: number,
  ) {
    const n = replicas.length;
    this.classTokens = new Float64Array(classCount);
    this.state = new Uint8Array(n);
    this.since = new Float64Array(n);
    this.gen = new Int32Array(n);
    this.reclaiming = new Uint8Array(n);
    this.tree = new ArgMinTree(n);
    this.count[OFF] = n;
    for (let i = 0; i < n; i++) this.tree.set(i, Infinity);
    this.hostIdleW = hostPowerW(pool.perf.gpu.id, 0, pool.gpusPerReplica);
    this.hostMaxW = hostPowerW(pool.perf.gpu.id, 1, pool.gpusPerReplica);
    const rate = pool.spot?.ratePerS ?? 0;
    this.spotDraw = rate > 0 ? randomExponential.source(streamFor(seed, `spot/${pool.name}`))(rate) : () => Infinity;
    replicas.forEach((r, i) => {
      r.treeSlot = i;
      r.workTree = this.tree;
      r.routable = false;
      r.setPowered(false, 0); // an off slot draws nothing
    });
  }

  /** Slots [spotFrom, n) run on spot capacity: the on-demand base comes first. */
  get spotFrom(): number {
    return this.replicas.length - (this.pool.spot?.slots ?? 0);
  }

  /** Starts the initial replicas (serving at once, or provisioning when `startCold`) and the autoscaler. */
  start(): void {
    const a = this.pool.autoscale;
    const initial = a ? Math.min(Math.max(this.pool.replicas, scheduledBounds(a, 0).min), a.max) : this.pool.replicas;
    for (let i = 0; i < initial; i++) {
      if (this.pool.startCold) this.provision(i, 0);
      else this.enterServing(i, 0, true);
    }
    if (a) this.sim.schedule(a.interval, EV_SCALE, this.pool.index);
  }

  get active(): number {
    return this.count[PROVISIONING] + this.count[LOADING] + this.count[SERVING];
  }

  get provisioned(): number {
    return this.replicas.length - this.count[OFF];
  }

  /** Integrates the per-state replica-seconds up to `now`. */
  advance(now: number): void {
    const dt = now - this.accT;
    if (dt <= 0) return;
    for (let k = 1; k < STATES; k++) this.stateSeconds[k] += this.count[k] * dt;
    this.spotProvisionedSeconds += this.spotProvisioned * dt;
    this.onDemandProvisionedSeconds += (this.provisioned - this.spotProvisioned) * dt;
    this.coldIntegral += this.cold.length * dt;
    this.accT = now;
  }

  private setState(i: number, s: number, now: number): void {
    this.advance(now);
    const spans = this.replicas[i].spans;
    if (spans !== undefined) spans.state(this.replicas[i].index, s, now);
    const old = this.state[i];
    this.count[old]--;
    this.count[s]++;
    if (i >= this.spotFrom) {
      if (old === OFF && s !== OFF) this.spotProvisioned++;
      else if (old !== OFF && s === OFF) this.spotProvisioned--;
    }
    this.state[i] = s;
    if (old === OFF) this.since[i] = now; // provisioned since
    const prov = this.replicas.length - this.count[OFF];
    if (prov > this.peakProvisioned) this.peakProvisioned = prov;
  }

  /** Begins a cold start on an off slot. */
  provision(i: number, now: number): void {
    this.setState(i, PROVISIONING, now);
    this.reclaiming[i] = 0;
    this.replicas[i].setPowered(true, now);
    const g = ++this.gen[i];
    this.sim.schedule(now + this.pool.coldStart.provisionS, EV_LIFECYCLE, this.replicas[i].index, g * 8 + LC_PROVISIONED);
  }

  private enterServing(i: number, now: number, fresh: boolean): void {
    if (fresh) {
      this.setState(i, SERVING, now);
      this.replicas[i].setPowered(true, now);
    } else this.setState(i, SERVING, now);
    this.replicas[i].setRoutable(true);
    if (i >= this.spotFrom) {
      const t = this.spotDraw();
      if (t !== Infinity && this.fleet.keepGoing(now + t)) this.sim.schedule(now + t, EV_LIFECYCLE, this.replicas[i].index, this.gen[i] * 8 + LC_SPOT_NOTICE);
    }
    // A replica that starts serving takes the requests that waited on the cold pool.
    if (this.cold.length > 0) {
      const ids: number[] = [];
      while (this.cold.length > 0) ids.push(this.cold.shift());
      this.advance(now);
      this.fleet.reroute(ids, now);
    }
  }

  /** Handles EV_LIFECYCLE for slot i; stale events (older generation) are ignored. */
  onLifecycle(i: number, aux: number, now: number): void {
    const g = Math.floor(aux / 8);
    const code = aux - g * 8;
    if (g !== this.gen[i]) return;
    switch (code) {
      case LC_PROVISIONED:
        if (this.state[i] !== PROVISIONING) return;
        this.setState(i, LOADING, now);
        this.sim.schedule(now + this.pool.coldStart.loadS, EV_LIFECYCLE, this.replicas[i].index, g * 8 + LC_LOADED);
        return;
      case LC_LOADED:
        if (this.state[i] === LOADING) this.enterServing(i, now, false);
        return;
      case LC_SPOT_NOTICE:
        if (this.state[i] !== SERVING && this.state[i] !== DRAINING) return;
        this.reclaiming[i] = 1;
        this.drain(i, now);
        if ((this.state[i] as number) !== OFF) this.sim.schedule(now + this.pool.spot!.noticeS, EV_LIFECYCLE, this.replicas[i].index, g * 8 + LC_SPOT_KILL);
        return;
      case LC_SPOT_KILL: {
        if (this.state[i] === OFF) return;
        const ids: number[] = [];
        this.lostTokens += this.replicas[i].evictAll(now, ids);
        this.retries += ids.length;
        this.release(i, now);
        this.fleet.reroute(ids, now);
        return;
      }
    }
  }

  /** Stops routing to slot i; it is released once its work is done. */
  drain(i: number, now: number): void {
    const s = this.state[i];
    if (s === PROVISIONING || s === LOADING) {
      this.release(i, now);
      return;
    }
    if (s !== SERVING) return;
    this.setState(i, DRAINING, now);
    this.replicas[i].setRoutable(false);
    if (this.replicas[i].empty) this.release(i, now);
  }

  /** After a completion on slot i: a draining replica that emptied is released. */
  afterCompletion(i: number, now: number): void {
    if (this.state[i] === DRAINING && this.replicas[i].empty) this.release(i, now);
  }

  /** Powers the slot off and stops paying for it (after any billing minimum). A reclaimed spot slot is replaced. */
  release(i: number, now: number): void {
    const r = this.pool.region;
    const lifetime = now - this.since[i];
    const minimum = r.billingMinimumS ?? 0;
    if (lifetime < minimum) {
      const gpuSeconds = (minimum - lifetime) * this.pool.gpusPerReplica;
      if (i >= this.spotFrom) this.billingTopUpSpotUsd += gpuSeconds * this.pool.spot!.usdPerGpuSecond;
      else this.billingTopUpOnDemandUsd += gpuSeconds * this.pool.usdPerGpuSecond;
    }
    this.replicas[i].setRoutable(false);
    this.replicas[i].setPowered(false, now);
    this.gen[i]++;
    this.setState(i, OFF, now);
    if (this.reclaiming[i] === 1) {
      // The cloud replaces reclaimed spot capacity: a new instance starts cold.
      this.spotReclaims++;
      this.provision(i, now);
    }
  }

  /** Queues a request until a replica serves. */
  holdCold(id: number, now: number): void {
    this.advance(now);
    this.cold.push(id);
  }

  /** EV_SCALE: measure, decide, actuate; then schedule the next evaluation. */
  evaluate(now: number): void {
    const a = this.pool.autoscale!;
    this.advance(now);
    const t = this.totals.clear().add(this.replicas, now);
    const kv = t.kvIntegral;
    const queue = t.queueIntegral;
    const batch = t.batchIntegral;
    const serving = this.stateSeconds[SERVING] + this.stateSeconds[DRAINING];
    const dServing = serving - this.lastServing;
    const dCold = this.coldIntegral - this.lastCold;
    let metric = NaN;
    if (dServing > 0) {
      if (a.metric === 'utilization') metric = (kv - this.lastKv) / (this.pool.perf.kvCapacityTokens * dServing);
      else if (a.metric === 'queue') metric = (queue - this.lastQueue + dCold) / dServing;
      else metric = (batch - this.lastBatch + queue - this.lastQueue + dCold) / dServing;
    }
    this.lastKv = kv;
    this.lastQueue = queue;
    this.lastBatch = batch;
    this.lastServing = serving;
    this.lastCold = this.coldIntegral;
    // Record the sample; the autoscaler sees the newest one at least `lag` old.
    const k = this.samples++ % this.sampleT.length;
    this.sampleT[k] = now;
    this.sampleV[k] = metric;
    let seen = NaN;
    for (let j = 0; j < Math.min(this.samples, this.sampleT.length); j++) {
      const idx = (this.samples - 1 - j) % this.sampleT.length;
      if (now - this.sampleT[idx] >= a.lag) {
        seen = this.sampleV[idx];
        break;
      }
    }
    const d = decideScale(
      a,
      {
        now, active: this.active, metric: seen, coldWaiting: this.cold.length, lastRequestAt: this.lastRequestAt,
        lastScaleUpAt: this.lastScaleUpAt, lastChangeAt: this.lastChangeAt, headroomReplicas: this.fleet.headroomReplicas(this),
      },
      scheduledBounds(a, now),
    );
    if (d.reason.includes('limited by')) this.refusedScaleUps++;
    this.lastDecision.desired = d.desired;
    this.lastDecision.reason = d.reason;
    this.scaleTo(d.desired, now);
    if (this.fleet.keepGoing(now + a.interval)) this.sim.schedule(now + a.interval, EV_SCALE, this.pool.index);
  }

  /** Scales to `desired` active replicas: provisions the lowest off slots, or cancels cold starts then drains the least loaded. */
  scaleTo(desired: number, now: number): void {
    let active = this.active;
    if (desired > active) {
      for (let i = 0; i < this.replicas.length && active < desired; i++) {
        if (this.state[i] !== OFF) continue;
        this.provision(i, now);
        active++;
        this.scaleUps++;
      }
      this.lastScaleUpAt = now;
      this.lastChangeAt = now;
    } else if (desired < active) {
      // Newest cold starts first (they have served nothing), then the serving replica with the least work.
      for (let i = this.replicas.length - 1; i >= 0 && active > desired; i--) {
        if (this.state[i] === PROVISIONING || this.state[i] === LOADING) {
          this.release(i, now);
          active--;
          this.scaleDowns++;
        }
      }
      while (active > desired) {
        let best = -1;
        for (let i = 0; i < this.replicas.length; i++) {
          if (this.state[i] !== SERVING) continue;
          if (best < 0 || this.replicas[i].outstanding < this.replicas[best].outstanding || (this.replicas[i].outstanding === this.replicas[best].outstanding && i > best)) best = i;
        }
        if (best < 0) break;
        this.drain(best, now);
        active--;
        this.scaleDowns++;
      }
      this.lastChangeAt = now;
    }
  }

  /** A new request routed to this pool (for scale-to-zero's idle timer). */
  touched(now: number): void {
    this.lastRequestAt = now;
  }

  /** Whether the pool could ever serve: something provisioned, or an autoscaler with room. */
  get canServe(): boolean {
    return this.active > 0 || (this.pool.autoscale !== undefined && this.pool.autoscale.max > 0);
  }

  /** Cost (USD) of the provisioned replica-seconds so far, at on-demand and spot prices, plus billing top-ups. */
  get costUsd(): number {
    const g = this.pool.gpusPerReplica;
    return (
      this.onDemandProvisionedSeconds * g * this.pool.usdPerGpuSecond +
      this.spotProvisionedSeconds * g * (this.pool.spot?.usdPerGpuSecond ?? 0) +
      this.billingTopUpOnDemandUsd +
      this.billingTopUpSpotUsd
    );
  }
}
