import type { Scheduler } from '../engine/simulation.js';
import type { ReplicaPerf, ThermalSpec } from './perf/types.js';
import type { RequestTable } from './requestTable.js';
import { IntQueue } from './internal/intQueue.js';
import { FinishHeap } from './internal/finishHeap.js';
import { DecodeSeries } from './decodeSeries.js';
import type { ArgMinTree } from './internal/argMinTree.js';

/** What a replica reports to the fleet. */
export interface ReplicaSink {
  /** The request produced its last token at `now`; the replica has released it. */
  completed(id: number, now: number): void;
  /** The request lost its KV cache and will be recomputed. */
  preempted(id: number): void;
}

/** Receives the replica's iteration spans (a debugging trace); absent in normal runs, so it costs nothing. */
export interface SpanSink {
  /** A mixed (prefill + decode) iteration or a decode-only run of `steps` iterations on replica `replica`. */
  span(replica: number, start: number, end: number, prefill: boolean, running: number, prefillTokens: number, steps: number): void;
  /** Replica slot `replica` entered lifecycle state `state` (0 off … 4 draining). */
  state(replica: number, state: number, now: number): void;
}

export interface ReplicaConfig {
  readonly index: number; // global replica index, the event target
  readonly boundaryKind: number; // event kind of iteration/segment boundaries
  readonly maxBatch: number;
  readonly maxBatchTokens: number;
  /** true: one event per iteration (the oracle); false: fast-forward decode-only runs in closed form. */
  readonly iterationMode: boolean;
  /** Per-GPU power cap in watts (Infinity for none); a power-budget controller may change it (`setPowerCap`). */
  readonly powerCapW: number;
  readonly inletC: number;
  readonly thermal: ThermalSpec;
}

const SEG_IDLE = 0;
const SEG_MIXED = 1;
const SEG_DECODE = 2;

/**
 * One model instance on `tp` GPUs running continuous batching with chunked prefill.
 *
 * Iteration semantics (both modes): at an iteration boundary the replica admits waiting requests in
 * priority-then-FIFO order while the batch has a free slot and the KV cache can hold the request's
 * prompt plus its first token; if the decoding sequences' next tokens would overflow the cache, the
 * newest admitted request is preempted (its KV freed, recomputed later as a longer prompt). The
 * iteration decodes one token for every decoding sequence and fills the rest of the token budget with
 * prefill chunks in admission order. A request whose prefill completes emits its first token at the end
 * of that iteration and decodes from the next one; it leaves after its last output token.
 *
 * In analytic mode a run of decode-only iterations ends at the first iteration after which something
 * changes — a completion, a KV overflow, a thermal threshold — or at the boundary where an arriving
 * request could be admitted; its duration, energy and temperature come from closed forms.
 */
export class Replica {
  readonly waiting: IntQueue[] = [];
  waitingCount = 0;
  private readonly prefilling: number[] = [];
  private readonly decoding = new FinishHeap();
  /** Decoding sequences (batch of the decode part). */
  decodeBatch = 0;
  /** Total context (tokens) of the decoding sequences. */
  decodeContext = 0;
  /** KV cache tokens in use (decoding contexts plus prefill reservations). */
  kvUsed = 0;
  /** Iterations completed. */
  stepIdx = 0;
  private admitCounter = 0;

  // Segment in progress.
  private segKind = SEG_IDLE;
  private segStart = 0;
  private segSteps = 0;
  private segEnd = 0;
  private segPrefillTokens = 0;
  private segComputeBound = false;
  /** ∫ steps-completed ds over the decode run up to the last accumulate (see accumulate). */
  private segKvF = 0;
  gen = 0;
  private readonly series = new DecodeSeries();
  private readonly lines = new Float64Array(4);

  // Clock, power and thermal state.
  clock = 1;
  throttled = false;
  temperature: number;
  peakTemperature: number;
  /** Highest temperature since the fleet last reset it (per time-series window). */
  windowPeakTemperature: number;
  private powerW: number; // replica power (all GPUs) for the current segment
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
    private readonly cfg: ReplicaConfig,
    private readonly req: RequestTable,
    private readonly sim: Scheduler,
    private readonly sink: ReplicaSink,
  ) {
    this.powerCapW = cfg.powerCapW;
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

  /** Whether a request of `tokens` prompt tokens could ever run here. */
  fits(prompt: number, outputTokens: number): boolean {
    return Math.max(1, prompt) + outputTokens <= this.perf.kvCapacityTokens;
  }

  /** Queues a routed request; starts work if idle, or shortens a decode run so it joins sooner. */
  enqueue(id: number, priority: number, now: number): void {
    const r = this.req;
    r.replica[id] = this.cfg.index;
    // An empty prompt still takes one token through the model to produce the first output token.
    r.prefillTarget[id] = promptTokens(r, id) + r.generated[id];
    // Cached prefix tokens are already in KV: prefill starts after them.
    r.prefillDone[id] = r.cached[id];
    this.outstanding += r.prompt[id] + r.output[id];
    if (this.workTree !== undefined) this.workTree.set(this.treeSlot, this.routable ? this.outstanding : Infinity);
    // Integrate up to now before the queue grows (everything, when an idle replica turns busy; while
    // busy, power and batch are constant until the next boundary, so only the queue gauge moves).
    if (this.segKind === SEG_IDLE) this.accumulate(now);
    else this.integrateQueue(now);
    let q = this.waiting[priority];
    if (q === undefined) {
      for (let p = this.waiting.length; p <= priority; p++) this.waiting[p] = new IntQueue();
      q = this.waiting[priority];
    }
    q.push(id);
    this.waitingCount++;
    if (this.segKind === SEG_IDLE) {
      this.startNext(now);
    } else if (this.segKind === SEG_DECODE && this.segSteps > 1 && this.headId() === id && this.admissible(id, this.decodeBatch)) {
      // The request could join at the next boundary: end the run there.
      this.interrupt(now);
    }
  }

  /** Ends a decode run at its next iteration boundary (an admissible arrival, a new power cap). */
  interrupt(now: number): void {
    if (this.segKind !== SEG_DECODE || this.segSteps <= 1) return;
    let j = this.series.completedBy(now - this.segStart);
    if (this.segStart + this.series.sum(j) < now || j === 0) j++;
    if (j < this.segSteps) {
      this.segSteps = j;
      this.segEnd = this.segStart + this.series.sum(j);
      this.sim.schedule(this.segEnd, this.cfg.boundaryKind, this.cfg.index, ++this.gen);
    }
  }

  /** Changes the per-GPU power cap; it applies from the next iteration boundary. */
  setPowerCap(capW: number, now: number): void {
    if (capW === this.powerCapW) return;
    this.accumulate(now);
    this.powerCapW = capW;
    this.interrupt(now);
  }

  /** Powers the GPUs on (provisioned) or off (released): idle power, or none. Only when empty. */
  setPowered(on: boolean, now: number): void {
    this.accumulate(now);
    this.powered = on;
    if (this.segKind === SEG_IDLE) this.powerW = on ? this.perf.idlePowerW * this.perf.tp : 0;
  }

  /** Marks whether new requests may be routed here and updates the routing tree. */
  setRoutable(on: boolean): void {
    this.routable = on;
    if (this.workTree !== undefined) this.workTree.set(this.treeSlot, on ? this.outstanding : Infinity);
  }

  /** Nothing queued or running. */
  get empty(): boolean {
    return this.waitingCount === 0 && this.prefilling.length === 0 && this.decodeBatch === 0;
  }

  /**
   * Loses every request (the instance was reclaimed): pushes their ids into `out`, resets the
   * batch, the KV cache and the queue, and returns the tokens of work lost (prompt processed plus
   * tokens generated). The caller retries the requests elsewhere.
   */
  evictAll(now: number, out: number[]): number {
    this.accumulate(now);
    const r = this.req;
    let lost = 0;
    for (const q of this.waiting) {
      if (q === undefined) continue;
      while (q.length > 0) {
        const id = q.shift();
        lost += r.generated[id];
        out.push(id);
      }
    }
    for (const id of this.prefilling) {
      lost += r.prefillDone[id] + r.generated[id];
      r.chunk[id] = 0;
      out.push(id);
    }
    const h = this.decoding;
    // Iterations finished inside a decode run in progress count too (the same in both engine modes).
    let steps = this.stepIdx;
    if (this.segKind === SEG_DECODE) {
      const j = this.series.completedBy(now - this.segStart);
      steps += j < this.segSteps ? j : this.segSteps;
    }
    for (let i = 0; i < h.size; i++) {
      const id = h.id[i];
      lost += promptTokens(r, id) + r.generated[id] + (steps - r.entryStep[id]);
      out.push(id);
    }
    h.size = 0;
    this.prefilling.length = 0;
    this.waitingCount = 0;
    this.decodeBatch = 0;
    this.decodeContext = 0;
    this.kvUsed = 0;
    this.outstanding = 0;
    this.segKind = SEG_IDLE;
    this.gen++; // the pending boundary event goes stale
    this.powerW = this.powered ? this.perf.idlePowerW * this.perf.tp : 0;
    for (const id of out) {
      // The work restarts from the beginning elsewhere; tokens already streamed stay streamed.
      r.generated[id] = 0;
      r.cached[id] = 0;
      r.prefillDone[id] = 0;
    }
    if (this.workTree !== undefined) this.workTree.set(this.treeSlot, this.routable ? 0 : Infinity);
    return lost;
  }

  /** Handles a boundary event; stale events (an older `gen`) are ignored. */
  onBoundary(gen: number, now: number): void {
    if (gen !== this.gen) return;
    this.accumulate(now);
    if (this.spans !== undefined) this.spans.span(this.cfg.index, this.segStart, now, this.segKind === SEG_MIXED, this.running, this.segPrefillTokens, this.segSteps);
    if (this.segKind === SEG_MIXED) this.finishMixed(now);
    else if (this.segKind === SEG_DECODE) this.finishDecodeRun(now);
    this.startNext(now);
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
      // KV in use grows by B at every step of a decode run: ∫ kv dt = kv0·Δt + B·Δ∫ n(s) ds.
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
      this.kvIntegral += this.kvUsed * dt + this.decodeBatch * (f - this.segKvF);
      this.segKvF = f;
    } else {
      this.kvIntegral += this.kvUsed * dt;
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
  private integrateQueue(now: number): void {
    const dq = now - this.queueT;
    if (dq > 0) {
      this.queueIntegral += this.waitingCount * dq;
      this.queueT = now;
    }
  }

  private steadyTemperature(): number {
    return this.cfg.inletC + (this.powerW / this.perf.tp) * this.cfg.thermal.resistanceCPerW;
  }

  private headId(): number {
    for (let p = 0; p < this.waiting.length; p++) {
      const q = this.waiting[p];
      if (q !== undefined && q.length > 0) return q.peek();
    }
    return -1;
  }

  private headQueue(): IntQueue | undefined {
    for (let p = 0; p < this.waiting.length; p++) {
      const q = this.waiting[p];
      if (q !== undefined && q.length > 0) return q;
    }
    return undefined;
  }

  /** Admission test at a boundary where `decoders` sequences will decode. */
  private admissible(id: number, decoders: number): boolean {
    if (decoders + this.prefilling.length >= this.cfg.maxBatch) return false;
    return this.kvUsed + decoders + this.req.prefillTarget[id] + 1 <= this.perf.kvCapacityTokens;
  }

  private finishMixed(now: number): void {
    const r = this.req;
    const B = this.decodeBatch;
    if (this.segComputeBound) this.computeBoundTime += now - this.segStart;
    this.decodeContext += B;
    this.kvUsed += B;
    this.stepIdx++;
    this.iterations++;
    // Prefill progress, in admission order; finished prefills join the decode set.
    let w = 0;
    const list = this.prefilling;
    for (let i = 0; i < list.length; i++) {
      const id = list[i];
      const c = r.chunk[id];
      r.chunk[id] = 0;
      r.prefillDone[id] += c;
      if (r.prefillDone[id] < r.prefillTarget[id]) {
        list[w++] = id;
        continue;
      }
      if (Number.isNaN(r.firstToken[id])) r.firstToken[id] = now;
      const remaining = r.output[id] - r.generated[id] - 1;
      if (remaining <= 0) {
        this.kvUsed -= r.prefillTarget[id] + 1;
        this.release(id, now);
        continue;
      }
      r.entryStep[id] = this.stepIdx;
      this.decoding.push(this.stepIdx + remaining, id);
      this.decodeBatch++;
      this.decodeContext += r.prefillTarget[id] + 1;
    }
    list.length = w;
    this.completeDue(now);
  }

  private finishDecodeRun(now: number): void {
    const k = this.segSteps;
    // decodeLines' first line is the compute roofline: its share of the run is compute-bound time.
    this.computeBoundTime += this.series.sumFirstLine(k);
    const B = this.decodeBatch;
    this.decodeContext += B * k;
    this.kvUsed += B * k;
    this.stepIdx += k;
    this.iterations += k;
    this.completeDue(now);
  }

  /** Releases every decoding sequence whose last token was produced by iteration `stepIdx`. */
  private completeDue(now: number): void {
    const r = this.req;
    const h = this.decoding;
    while (h.size > 0 && h.minKey <= this.stepIdx) {
      const id = h.minId;
      h.pop();
      const ctx = promptTokens(r, id) + r.output[id];
      this.decodeBatch--;
      this.decodeContext -= ctx;
      this.kvUsed -= ctx;
      this.release(id, now);
    }
  }

  private release(id: number, now: number): void {
    this.outstanding -= this.req.prompt[id] + this.req.output[id];
    if (this.workTree !== undefined) this.workTree.set(this.treeSlot, this.routable ? this.outstanding : Infinity);
    this.sink.completed(id, now);
  }

  /** Thermal throttle state for the iteration starting now (with hysteresis). */
  private updateThrottle(): void {
    const th = this.cfg.thermal;
    if (!this.throttled && this.temperature >= th.slowdownC) this.throttled = true;
    else if (this.throttled && this.temperature < th.slowdownC - th.hysteresisC) this.throttled = false;
  }

  private startNext(now: number): void {
    const r = this.req;
    const perf = this.perf;
    this.updateThrottle();
    // Admit.
    for (;;) {
      const q = this.headQueue();
      if (q === undefined) break;
      const id = q.peek();
      if (!this.admissible(id, this.decodeBatch)) break;
      q.shift();
      this.waitingCount--;
      if (Number.isNaN(r.admitted[id])) r.admitted[id] = now;
      r.admitSeq[id] = this.admitCounter++;
      this.kvUsed += r.prefillTarget[id] + 1;
      this.prefilling.push(id);
    }
    // Make room for this iteration's decode tokens.
    while (this.decodeBatch > 0 && this.kvUsed + this.decodeBatch > perf.kvCapacityTokens) this.preemptNewest();
    const B = this.decodeBatch;
    if (B === 0 && this.prefilling.length === 0) {
      this.segKind = SEG_IDLE;
      this.powerW = this.powered ? perf.idlePowerW * perf.tp : 0;
      this.clock = 1;
      return;
    }
    // Plan prefill chunks within the token budget left after the decode tokens.
    let budget = this.cfg.maxBatchTokens - B;
    let prefillTokens = 0;
    let prefillSeqs = 0;
    let attn = 0;
    for (let i = 0; i < this.prefilling.length && budget > 0; i++) {
      const id = this.prefilling[i];
      const done = r.prefillDone[id];
      const left = r.prefillTarget[id] - done;
      const c = left < budget ? left : budget;
      r.chunk[id] = c;
      budget -= c;
      prefillTokens += c;
      if (c > 0) prefillSeqs++;
      attn += c * (done + c / 2);
    }
    const thermalClock = this.throttled ? this.cfg.thermal.throttleClock : 1;
    const capClock = this.powerCapW === Infinity ? 1 : perf.clockForPowerCap(this.powerCapW, prefillTokens, B);
    const clock = thermalClock < capClock ? thermalClock : capClock;
    this.clock = clock;
    this.powerW = perf.iterationPowerW(prefillTokens, B, clock) * perf.tp;
    this.segStart = now;
    this.segKvF = 0;
    this.segPrefillTokens = prefillTokens;
    if (prefillTokens > 0) {
      this.segKind = SEG_MIXED;
      this.segSteps = 1;
      this.segEnd = now + perf.iterationTime(prefillTokens, attn, B, this.decodeContext, clock, prefillSeqs);
      this.segComputeBound = perf.isComputeBound?.(prefillTokens, attn, B, this.decodeContext, clock, prefillSeqs) ?? false;
    } else {
      this.segKind = SEG_DECODE;
      perf.decodeLines(B, clock, this.lines);
      this.series.set(this.lines, B, this.decodeContext);
      this.segSteps = this.cfg.iterationMode ? 1 : this.decodeRunLength();
      this.segEnd = now + this.series.sum(this.segSteps);
    }
    this.sim.schedule(this.segEnd, this.cfg.boundaryKind, this.cfg.index, ++this.gen);
  }

  /** Iterations until something changes: a completion, a KV overflow or a thermal threshold. */
  private decodeRunLength(): number {
    const B = this.decodeBatch;
    let k = this.decoding.minKey - this.stepIdx;
    const kvSteps = Math.floor((this.perf.kvCapacityTokens - this.kvUsed) / B);
    if (kvSteps < k) k = kvSteps;
    // A prefill waiting for token budget, or an admissible head of queue, must start next iteration.
    if (this.prefilling.length > 0 && this.cfg.maxBatchTokens > B) k = 1;
    const head = this.headId();
    if (head >= 0 && this.admissible(head, B)) k = 1;
    if (k > 1) k = this.thermalLimit(k);
    return k < 1 ? 1 : k;
  }

  /** Caps a run of k steps at the first boundary where the throttle state would change. */
  private thermalLimit(k: number): number {
    const th = this.cfg.thermal;
    const tss = this.steadyTemperature();
    const tau = th.resistanceCPerW * th.capacitanceJPerC;
    const t0 = this.temperature;
    const target = this.throttled ? th.slowdownC - th.hysteresisC : th.slowdownC;
    // Heating toward a steady state at or above the threshold, or cooling below it.
    const crosses = this.throttled ? tss < target && t0 >= target : tss > target && t0 < target;
    if (!crosses) return k;
    // T(t) = tss + (t0 − tss) e^{−t/τ} reaches target at t = τ ln((t0 − tss)/(target − tss)).
    const tc = tau * Math.log((t0 - tss) / (target - tss));
    // First boundary j with T(sum(j)) on the far side of the threshold (checked exactly as startNext does).
    let j = this.series.completedBy(tc);
    if (j < 1) j = 1;
    const far = (t: number) => {
      const T = tss + (t0 - tss) * Math.exp(-t / tau);
      return this.throttled ? T < target : T >= target;
    };
    while (j > 1 && far(this.series.sum(j - 1))) j--;
    while (j < k && !far(this.series.sum(j))) j++;
    return j < k ? j : k;
  }

  private preemptNewest(): void {
    const r = this.req;
    const h = this.decoding;
    let best = -1;
    let bestSeq = -1;
    for (let i = 0; i < h.size; i++) {
      const id = h.id[i];
      if (r.admitSeq[id] > bestSeq) {
        bestSeq = r.admitSeq[id];
        best = i;
      }
    }
    let fromPrefill = -1;
    for (let i = 0; i < this.prefilling.length; i++) {
      const id = this.prefilling[i];
      if (r.admitSeq[id] > bestSeq) {
        bestSeq = r.admitSeq[id];
        fromPrefill = i;
      }
    }
    let id: number;
    if (fromPrefill >= 0) {
      id = this.prefilling[fromPrefill];
      this.prefilling.splice(fromPrefill, 1);
      this.kvUsed -= r.prefillTarget[id] + 1;
    } else {
      id = h.id[best];
      h.removeAt(best);
      const generated = r.generated[id] + 1 + (this.stepIdx - r.entryStep[id]);
      const ctx = promptTokens(r, id) + generated;
      this.decodeBatch--;
      this.decodeContext -= ctx;
      this.kvUsed -= ctx;
      r.generated[id] = generated;
    }
    r.prefillTarget[id] = promptTokens(r, id) + r.generated[id];
    r.prefillDone[id] = 0;
    r.cached[id] = 0; // recomputation redoes the whole context
    r.chunk[id] = 0;
    this.preemptions++;
    this.sink.preempted(id);
    const q = this.waiting[this.waitingPriorityOf(id)];
    q.pushFront(id);
    this.waitingCount++;
  }

  /** The fleet sets this so a preempted request returns to its own priority queue. */
  priorityOf: (id: number) => number = () => 0;

  private waitingPriorityOf(id: number): number {
    const p = this.priorityOf(id);
    for (let i = this.waiting.length; i <= p; i++) this.waiting[i] = new IntQueue();
    return p;
  }
}

/** Prompt tokens as the model processes them: at least one, even for an empty prompt. */
function promptTokens(r: RequestTable, id: number): number {
  const p = r.prompt[id];
  return p > 0 ? p : 1;
}
