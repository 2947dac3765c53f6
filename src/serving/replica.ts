import { IntQueue } from './internal/intQueue.js';
import { ReplicaState, SEG_DECODE, SEG_IDLE, SEG_MIXED } from './replicaState.js';
import { thermalRunLimit } from './thermalRunLimit.js';
import { prefillAttention } from './perf/window.js';
import type { RequestTable } from './requestTable.js';

export type { ReplicaConfig, ReplicaSink, SpanSink } from './replicaTypes.js';

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
export class Replica extends ReplicaState {
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
    // Full attention (one unit per token, nothing windowed): the plain sum, as before windows existed.
    if (this.kvLocalU === 0) return this.kvUsed + decoders + this.req.prefillTarget[id] + 1 <= this.kvCapacityUnits;
    const g = this.kvGU;
    return this.kvUsed + g * decoders + g * (this.req.prefillTarget[id] + 1) + this.windowKv(id) <= this.kvCapacityUnits;
  }

  private finishMixed(now: number): void {
    const r = this.req;
    const B = this.decodeBatch;
    if (this.segComputeBound) this.computeBoundTime += now - this.segStart;
    const g = this.kvGU;
    this.decodeContext += g * B;
    this.kvUsed += g * B;
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
        this.kvUsed -= g * (r.prefillTarget[id] + 1) + this.windowKv(id);
        this.release(id, now);
        continue;
      }
      r.entryStep[id] = this.stepIdx;
      this.decoding.push(this.stepIdx + remaining, id);
      this.decodeBatch++;
      this.decodeContext += g * (r.prefillTarget[id] + 1) + this.windowKv(id);
    }
    list.length = w;
    this.completeDue(now);
  }

  private finishDecodeRun(now: number): void {
    const k = this.segSteps;
    // decodeLines' first line is the compute roofline: its share of the run is compute-bound time.
    this.computeBoundTime += this.series.sumFirstLine(k);
    const B = this.decodeBatch;
    const grow = this.kvGU * B * k;
    this.decodeContext += grow;
    this.kvUsed += grow;
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
      const ctx = this.kvGU * (promptTokens(r, id) + r.output[id]) + this.windowKv(id);
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
      this.kvUsed += this.kvGU * (r.prefillTarget[id] + 1) + this.windowKv(id);
      this.prefilling.push(id);
    }
    // Make room for this iteration's decode tokens.
    while (this.decodeBatch > 0 && this.kvUsed + this.kvGU * this.decodeBatch > this.kvCapacityUnits) this.preemptNewest();
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
      attn += this.kvLocalU === 0 ? c * (done + c / 2) : prefillAttention(done, c, this.kvG, this.kvW);
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
      this.segEnd = now + perf.iterationTime(prefillTokens, attn, B, this.decodeContext * this.kvPerUnit, clock, prefillSeqs);
      this.segComputeBound = perf.isComputeBound?.(prefillTokens, attn, B, this.decodeContext * this.kvPerUnit, clock, prefillSeqs) ?? false;
    } else {
      this.segKind = SEG_DECODE;
      perf.decodeLines(B, clock, this.lines);
      // The perf model counts context in tokens of all layers: KV units / units per token.
      this.series.set(this.lines, this.kvG * B, this.decodeContext * this.kvPerUnit);
      this.segSteps = this.cfg.iterationMode ? 1 : this.decodeRunLength();
      this.segEnd = now + this.series.sum(this.segSteps);
    }
    this.sim.schedule(this.segEnd, this.cfg.boundaryKind, this.cfg.index, ++this.gen);
  }

  /** Iterations until something changes: a completion, a KV overflow or a thermal threshold. */
  private decodeRunLength(): number {
    const B = this.decodeBatch;
    let k = this.decoding.minKey - this.stepIdx;
    const kvSteps = Math.floor((this.kvCapacityUnits - this.kvUsed) / (this.kvGU * B));
    if (kvSteps < k) k = kvSteps;
    // A prefill waiting for token budget, or an admissible head of queue, must start next iteration.
    if (this.prefilling.length > 0 && this.cfg.maxBatchTokens > B) k = 1;
    const head = this.headId();
    if (head >= 0 && this.admissible(head, B)) k = 1;
    if (k > 1) k = thermalRunLimit(k, this.series, this.cfg.thermal, this.steadyTemperature(), this.temperature, this.throttled);
    return k < 1 ? 1 : k;
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
      this.kvUsed -= this.kvGU * (r.prefillTarget[id] + 1) + this.windowKv(id);
    } else {
      id = h.id[best];
      h.removeAt(best);
      const generated = r.generated[id] + 1 + (this.stepIdx - r.entryStep[id]);
      const ctx = this.kvGU * (promptTokens(r, id) + generated) + this.windowKv(id);
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