/**
 * Per-request state as parallel typed arrays (structure of arrays) with a free list, so a run of
 * 10⁸ requests allocates nothing per request and holds only the requests in flight.
 */
/**
 * Ceiling on a request's prompt or output tokens. Counts are Int32 (prompt + tokens generated must
 * stay below 2³¹); 2²⁹ ≈ 537 M tokens is far beyond any replica's KV cache, so a request at the ceiling
 * is dropped as too large rather than wrapping around.
 */
export const MAX_REQUEST_TOKENS = 2 ** 29;

export class RequestTable {
  arrival = new Float64Array(0);
  admitted = new Float64Array(0); // time of first admission (queue wait ends), NaN before
  firstToken = new Float64Array(0); // NaN before
  prompt = new Int32Array(0);
  output = new Int32Array(0);
  cls = new Int32Array(0);
  replica = new Int32Array(0);
  /** Tokens generated before the last preemption (recomputed as prompt on readmission). */
  generated = new Int32Array(0);
  /** Tokens the current prefill must process: prompt + generated. */
  prefillTarget = new Int32Array(0);
  prefillDone = new Int32Array(0);
  /** Prefill tokens scheduled in the iteration in progress. */
  chunk = new Int32Array(0);
  /** Iteration index at which the request entered decode. */
  entryStep = new Float64Array(0);
  /** Admission order on its replica, to pick the newest for preemption. */
  admitSeq = new Float64Array(0);
  counted = new Uint8Array(0);
  /** Session (or batch job) the request belongs to, −1 for none. */
  session = new Int32Array(0);
  /** Leading prompt tokens found in the replica's prefix cache: their prefill is skipped. */
  cached = new Int32Array(0);
  /** User population (index), drawn at the first routing; −1 before. */
  population = new Int32Array(0);
  /** Round-trip time (s) from the population to the region of the pool serving the request; 0 until routed. */
  rtt = new Float64Array(0);
  /** Cascade stage the request is at (0 = first). */
  stage = new Int32Array(0);
  /** LLM pool (index) the request was last routed to; −1 before (and for requests that never reach an LLM pool). */
  servedBy = new Int32Array(0);
  private free = new Int32Array(0);
  private freeTop = 0;
  private cap = 0;
  inUse = 0;

  constructor(initial = 1024) {
    this.grow(initial);
  }

  /** Returns a fresh slot id; its routing fields (population, rtt, stage, servedBy) are reset. */
  alloc(): number {
    if (this.freeTop === 0) this.grow(this.cap * 2);
    this.inUse++;
    const id = this.free[--this.freeTop];
    this.population[id] = -1;
    this.rtt[id] = 0;
    this.stage[id] = 0;
    this.servedBy[id] = -1;
    return id;
  }

  release(id: number): void {
    this.inUse--;
    this.free[this.freeTop++] = id;
  }

  private grow(newCap: number): void {
    const old = this.cap;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(newCap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(newCap);
      b.set(a);
      return b;
    };
    this.arrival = f64(this.arrival);
    this.admitted = f64(this.admitted);
    this.firstToken = f64(this.firstToken);
    this.entryStep = f64(this.entryStep);
    this.admitSeq = f64(this.admitSeq);
    this.prompt = i32(this.prompt);
    this.output = i32(this.output);
    this.cls = i32(this.cls);
    this.replica = i32(this.replica);
    this.generated = i32(this.generated);
    this.prefillTarget = i32(this.prefillTarget);
    this.prefillDone = i32(this.prefillDone);
    this.chunk = i32(this.chunk);
    this.session = i32(this.session);
    this.cached = i32(this.cached);
    this.population = i32(this.population);
    this.rtt = f64(this.rtt);
    this.stage = i32(this.stage);
    this.servedBy = i32(this.servedBy);
    const c = new Uint8Array(newCap);
    c.set(this.counted);
    this.counted = c;
    const fr = new Int32Array(newCap);
    fr.set(this.free.subarray(0, this.freeTop));
    // New ids pushed so that the lowest is handed out first (deterministic, cache-friendly).
    for (let id = newCap - 1; id >= old; id--) fr[this.freeTop++] = id;
    this.free = fr;
    this.cap = newCap;
  }
}
