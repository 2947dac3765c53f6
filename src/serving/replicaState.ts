import type { Scheduler } from '../engine/simulation.js';
import type { ReplicaPerf } from './perf/types.js';
import type { RequestTable } from './requestTable.js';
import type { ReplicaConfig, ReplicaSink, SpanSink } from './replicaTypes.js';
import type { IntQueue } from './internal/intQueue.js';
import type { ArgMinTree } from './internal/argMinTree.js';
import { FinishHeap } from './internal/finishHeap.js';
import { DecodeSeries } from './decodeSeries.js';

/** Kind of the segment in progress: none, one mixed (prefill + decode) iteration, or a decode-only run. */
export const SEG_IDLE = 0;
export const SEG_MIXED = 1;
export const SEG_DECODE = 2;

/**
 * What one replica holds — queues, batch, KV cache, the segment in progress, clock, power and
 * temperature — and the time integrals the fleet reads. `Replica` adds the scheduling that changes
 * it; this class only integrates it over time (`accumulate`) and steps the thermal throttle.
 *
 * Every field lives on the one Replica object, so the split costs the hot path nothing.
 */
export abstract class ReplicaState {
  readonly waiting: IntQueue[] = [];
  waitingCount = 0;
  protected readonly prefilling: number[] = [];
  protected readonly decoding = new FinishHeap();
  /** Decoding sequences (batch of the decode part). */
  decodeBatch = 0;
  /** Total context of the decoding sequences, in KV units (tokens, unless the model has sliding windows: below). */
  decodeContext = 0;
  /** KV cache in use (decoding contexts plus prefill reservations), in KV units. */
  kvUsed = 0;
  /**
   * KV units. Without sliding windows one unit is one token (every layer's K and V). With them
   * (perf/window.ts) one unit is one token in one layer, so a token is `layers` units and the
   * accounting stays in integers (admission and preemption decide the same in both engine modes): a
   * decoding sequence adds `globalLayers` units per token, and the windowed layers' share,
   * windowedLayers·min(prompt + output, W), is reserved when it is admitted (the final size of the
   * windowed KV, reached after W tokens).
   */
  protected readonly kvU: number;
  protected readonly kvGU: number;
  protected readonly kvLocalU: number;
  protected readonly kvW: number;
  /** Share of layers attending globally (1 without sliding windows): tokens a decoding sequence adds per step. */
  protected readonly kvG: number;
  /** Tokens per KV unit, 1 / kvU (a multiplication on the hot path; exactly 1 without sliding windows). */
  protected readonly kvPerUnit: number;
  /** KV capacity in KV units: perf.kvCapacityTokens × units per token. */
  readonly kvCapacityUnits: number;
  /** Iterations completed. */
  stepIdx = 0;
  protected admitCounter = 0;

  // Segment in progress.
  protected segKind = SEG_IDLE;
  protected segStart = 0;
  protected segSteps = 0;
  protected segEnd = 0;
  protected segPrefillTokens = 0;
  protected segComputeBound = false;
  /** ∫ steps-completed ds over the decode run up to the last accumulate (see accumulate). */
  protected segKvF = 0;
  gen = 0;
  protected readonly series = new DecodeSeries();
  protected readonly lines = new Float64Array(4);

  // Clock, power and thermal state.
  clock = 1;
  throttled = false;
  temperature: number;
  peakTemperature: number;
  /** Highest temperature since the fleet last reset it (per time-series window). */
  windowPeakTemperature: number;
  protected powerW: number; // replica power (all GPUs) for the current segment
  private accT = 0;
  private queueT = 0;

  // Accumulators (from time 0; the fleet snapshots them at warm-up and at window edges).
  busyTime = 0;
  energyJ = 0;
  throttledTime = 0;
  batchIntegral = 0; // ∫ running sequences dt
  queueIntegral = 0; // ∫ waiting requests dt
  kvIntegral = 0; // ∫ KV tokens in use dt
  preemptions = 0;
  iterations = 0;
  /** Busy seconds of iterations bound by compute (the rest of busyTime was memory-bound), for the cost ledger. */
  computeBoundTime = 0;
  /** Tokens assigned and not yet completed (router's measure of outstanding work). */
  outstanding = 0;
  /** The fleet's routing tree, if it keeps one: slot `index` is kept equal to `outstanding`. */
  workTree: ArgMinTree | undefined = undefined;
  /** Optional trace of iteration spans (Chrome trace export). */
  spans: SpanSink | undefined = undefined;
  /** Slot of this replica in `workTree` (its index within the pool). */
  treeSlot = 0;
  /** Whether the router may send new requests here (serving, not draining); others read Infinity in the tree. */
  routable = true;
  /** Whether the GPUs are powered (off between scale-down and the next provisioning). */
  powered = true;
  /** Per-GPU power cap now in force (W). */
  powerCapW: number;
  /** ∫ (1 − clock) dt over busy time: full-speed seconds lost to power caps and thermal throttling. */
  capSlowIntegral = 0;

  constructor(
    readonly perf: ReplicaPerf,
    protected readonly cfg: ReplicaConfig,
    protected readonly req: RequestTable,
    protected readonly sim: Scheduler,
    protected readonly sink: ReplicaSink,
  ) {
    this.powerCapW = cfg.powerCapW;
    // `layers: 0` declares no windowed layer: the plain full-attention path.
    const sw = perf.model.slidingWindow !== undefined && perf.model.slidingWindow.layers > 0 ? perf.model.slidingWindow : undefined;
    this.kvU = sw === undefined ? 1 : perf.model.layers;
    this.kvGU = sw === undefined ? 1 : perf.model.layers - sw.layers;
    this.kvLocalU = sw === undefined ? 0 : sw.layers;
    this.kvW = sw === undefined ? Infinity : sw.tokens;
    this.kvG = this.kvGU / this.kvU;
    this.kvPerUnit = 1 / this.kvU;
    this.kvCapacityUnits = perf.kvCapacityTokens * this.kvU;
    this.powerW = perf.idlePowerW * perf.tp;
    this.temperature = cfg.inletC + perf.idlePowerW * cfg.thermal.resistanceCPerW;
    this.peakTemperature = this.temperature;
    this.windowPeakTemperature = this.temperature;
  }

  /** Global replica index (the event target). */
  get index(): number {
    return this.cfg.index;
  }

  /** Requests running (decoding or prefilling). */
  get running(): number {
    return this.decodeBatch + this.prefilling.length;
  }

  get busy(): boolean {
    return this.segKind !== SEG_IDLE;
  }

  /** Current replica power (W) of all its GPUs. */
  get power(): number {
    return this.powerW;
  }

  /** Nothing queued or running. */
  get empty(): boolean {
    return this.waitingCount === 0 && this.prefilling.length === 0 && this.decodeBatch === 0;
  }

  /** Whether a request of `tokens` prompt tokens could ever run here. */
  fits(prompt: number, outputTokens: number): boolean {
    const f = Math.max(1, prompt) + outputTokens;
    return this.kvGU * f + this.kvLocalU * (f < this.kvW ? f : this.kvW) <= this.kvCapacityUnits;
  }

  /** KV units reserved at admission for the windowed layers of request `id` (0 without sliding windows). */
  protected windowKv(id: number): number {
    if (this.kvLocalU === 0) return 0;
    const p = this.req.prompt[id];
    const f = (p > 0 ? p : 1) + this.req.output[id];
    return this.kvLocalU * (f < this.kvW ? f : this.kvW);
  }

  /** Integrates power, busy time, temperature and gauges up to `now`. Idempotent for equal `now`. */
  accumulate(now: number): void {
    this.integrateQueue(now);
    const dt = now - this.accT;
    if (dt <= 0) return;
    const th = this.cfg.thermal;
    this.energyJ += this.powerW * dt;
    if (this.segKind !== SEG_IDLE) {
      this.busyTime += dt;
      if (this.clock < 1) this.capSlowIntegral += dt * (1 - this.clock);
    }
    if (this.throttled) this.throttledTime += dt;
    this.batchIntegral += this.running * dt;
    if (this.segKind === SEG_DECODE && this.segSteps > 1) {
      // KV in use grows by g·B tokens at every step of a decode run: ∫ kv dt = kv0·Δt + g·B·Δ∫ n(s) ds.
      let e: number;
      let n: number;
      if (now >= this.segEnd) {
        n = this.segSteps;
        e = this.series.sum(n);
      } else {
        e = now - this.segStart;
        n = this.series.completedBy(e);
        if (n > this.segSteps) n = this.segSteps;
      }
      const f = this.series.completedIntegral(e, n);
      this.kvIntegral += this.kvUsed * this.kvPerUnit * dt + this.kvG * this.decodeBatch * (f - this.segKvF);
      this.segKvF = f;
    } else {
      this.kvIntegral += this.kvUsed * this.kvPerUnit * dt;
    }
    const tss = this.steadyTemperature();
    const tau = th.resistanceCPerW * th.capacitanceJPerC;
    const t0 = this.temperature;
    this.temperature = tss + (t0 - tss) * Math.exp(-dt / tau);
    // Monotone between t0 and tss, so the peak over the interval is at an end.
    if (this.temperature > this.peakTemperature) this.peakTemperature = this.temperature;
    if (this.temperature > this.windowPeakTemperature) this.windowPeakTemperature = this.temperature;
    this.accT = now;
  }

  /** ∫ waiting requests dt up to `now` (the queue changes between boundaries, on arrivals). */
  protected integrateQueue(now: number): void {
    const dq = now - this.queueT;
    if (dq > 0) {
      this.queueIntegral += this.waitingCount * dq;
      this.queueT = now;
    }
  }

  protected steadyTemperature(): number {
    return this.cfg.inletC + (this.powerW / this.perf.tp) * this.cfg.thermal.resistanceCPerW;
  }

  /** Thermal throttle state for the iteration starting now (with hysteresis). */
  protected updateThrottle(): void {
    const th = this.cfg.thermal;
    if (!this.throttled && this.temperature >= th.slowdownC) this.throttled = true;
    else if (this.throttled && this.temperature < th.slowdownC - th.hysteresisC) this.throttled = false;
  }
}
