/**
 * Binary min-heap of events on parallel typed arrays, ordered by (time, priority, sequence).
 *
 * Priority and sequence are packed into one double (priority · 2^44 + sequence), so a comparison reads
 * two arrays; sifts move a hole rather than swapping rows.
 *
 * Nothing is allocated per event: an event is a row of five numbers. The sequence number makes
 * ties deterministic (first scheduled, first run). `kindPriority` maps an event kind to its
 * same-instant priority (lower runs first); see `priorities.ts`.
 *
 * The run loop consumes the top lazily (`consumeTop`): when the handler of the consumed event
 * schedules a follow-up, the push becomes a fused replace-top (one sift-down instead of a
 * sift-down for the pop and a sift-up for the push).
 */
export class EventQueue {
  private time: Float64Array;
  /** Same-instant tie key: priority · 2^44 + sequence number (exact in a double up to 2^44 events). */
  private tie: Float64Array;
  private kind: Int32Array;
  private target: Int32Array;
  private aux: Float64Array;
  private n = 0;
  private nextSeq = 0;
  private topConsumed = false;
  private readonly kindPriority: Float64Array;

  constructor(kindPriority: ArrayLike<number>, initialCapacity = 1024) {
    this.kindPriority = Float64Array.from(kindPriority, (p) => p * TIE_SCALE);
    const cap = Math.max(1, initialCapacity);
    this.time = new Float64Array(cap);
    this.tie = new Float64Array(cap);
    this.kind = new Int32Array(cap);
    this.target = new Int32Array(cap);
    this.aux = new Float64Array(cap);
  }

  /** Events pending, not counting a consumed top. */
  get size(): number {
    return this.topConsumed ? this.n - 1 : this.n;
  }

  get topTime(): number {
    return this.time[0];
  }
  get topKind(): number {
    return this.kind[0];
  }
  get topTarget(): number {
    return this.target[0];
  }
  get topAux(): number {
    return this.aux[0];
  }

  /**
   * Marks the top as taken. The next `push` replaces it; `settle` removes it if nothing was pushed.
   * Precondition: size > 0 and no top is already consumed.
   */
  consumeTop(): void {
    this.topConsumed = true;
  }

  /** Removes a consumed top that no push replaced. Call after each handler. */
  settle(): void {
    if (this.topConsumed) {
      this.topConsumed = false;
      this.removeTop();
    }
  }

  /** Schedules an event. `time` must be finite. */
  push(time: number, kind: number, target: number, aux = 0): void {
    const tie = this.kindPriority[kind] + this.nextSeq++;
    if (this.topConsumed) {
      this.topConsumed = false;
      this.siftDown(0, time, tie, kind, target, aux);
      return;
    }
    if (this.n === this.time.length) this.grow();
    this.siftUp(this.n++, time, tie, kind, target, aux);
  }

  /** Removes the top (not consumed). */
  pop(): void {
    this.removeTop();
  }

  clear(): void {
    this.n = 0;
    this.topConsumed = false;
  }

  private removeTop(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.time[last], this.tie[last], this.kind[last], this.target[last], this.aux[last]);
  }

  /** Places the row (t, k, …) into the hole at i, moving parents down while the row is smaller. */
  private siftUp(i: number, t: number, k: number, kind: number, target: number, aux: number): void {
    const time = this.time;
    const tie = this.tie;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = time[p];
      if (tp < t || (tp === t && tie[p] < k)) break;
      this.move(p, i);
      i = p;
    }
    this.write(i, t, k, kind, target, aux);
  }

  /** Places the row into the hole at i, moving smaller children up (heap of size n). */
  private siftDown(i: number, t: number, k: number, kind: number, target: number, aux: number): void {
    const time = this.time;
    const tie = this.tie;
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      let tm = time[l];
      if (r < n) {
        const tr = time[r];
        if (tr < tm || (tr === tm && tie[r] < tie[l])) {
          m = r;
          tm = tr;
        }
      }
      if (t < tm || (t === tm && k < tie[m])) break;
      this.move(m, i);
      i = m;
    }
    this.write(i, t, k, kind, target, aux);
  }

  private write(i: number, time: number, tie: number, kind: number, target: number, aux: number): void {
    this.time[i] = time;
    this.tie[i] = tie;
    this.kind[i] = kind;
    this.target[i] = target;
    this.aux[i] = aux;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.tie[to] = this.tie[from];
    this.kind[to] = this.kind[from];
    this.target[to] = this.target[from];
    this.aux[to] = this.aux[from];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.time = f64(this.time);
    this.tie = f64(this.tie);
    this.aux = f64(this.aux);
    this.kind = i32(this.kind);
    this.target = i32(this.target);
  }
}

const TIE_SCALE = 2 ** 44;
