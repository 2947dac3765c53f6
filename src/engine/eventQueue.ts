/**
 * Binary min-heap of events on parallel typed arrays, ordered by (time, priority, sequence).
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
  private prio: Int32Array;
  private seq: Float64Array;
  private kind: Int32Array;
  private target: Int32Array;
  private aux: Float64Array;
  private n = 0;
  private nextSeq = 0;
  private topConsumed = false;
  private readonly kindPriority: Int32Array;

  constructor(kindPriority: ArrayLike<number>, initialCapacity = 1024) {
    this.kindPriority = Int32Array.from(kindPriority);
    this.time = new Float64Array(initialCapacity);
    this.prio = new Int32Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.kind = new Int32Array(initialCapacity);
    this.target = new Int32Array(initialCapacity);
    this.aux = new Float64Array(initialCapacity);
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
    const p = this.kindPriority[kind];
    const s = this.nextSeq++;
    if (this.topConsumed) {
      this.topConsumed = false;
      this.write(0, time, p, s, kind, target, aux);
      this.siftDown(0);
      return;
    }
    if (this.n === this.time.length) this.grow();
    const i = this.n++;
    this.write(i, time, p, s, kind, target, aux);
    this.siftUp(i);
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
    if (last > 0) {
      this.move(last, 0);
      this.siftDown(0);
    }
  }

  private less(i: number, j: number): boolean {
    const ti = this.time[i];
    const tj = this.time[j];
    if (ti !== tj) return ti < tj;
    const pi = this.prio[i];
    const pj = this.prio[j];
    if (pi !== pj) return pi < pj;
    return this.seq[i] < this.seq[j];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.less(r, l) ? r : l;
      if (!this.less(m, i)) break;
      this.swap(i, m);
      i = m;
    }
  }

  private write(i: number, time: number, p: number, s: number, kind: number, target: number, aux: number): void {
    this.time[i] = time;
    this.prio[i] = p;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.target[i] = target;
    this.aux[i] = aux;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.prio[to] = this.prio[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.target[to] = this.target[from];
    this.aux[to] = this.aux[from];
  }

  private swap(i: number, j: number): void {
    let f = this.time[i];
    this.time[i] = this.time[j];
    this.time[j] = f;
    f = this.seq[i];
    this.seq[i] = this.seq[j];
    this.seq[j] = f;
    f = this.aux[i];
    this.aux[i] = this.aux[j];
    this.aux[j] = f;
    let k = this.prio[i];
    this.prio[i] = this.prio[j];
    this.prio[j] = k;
    k = this.kind[i];
    this.kind[i] = this.kind[j];
    this.kind[j] = k;
    k = this.target[i];
    this.target[i] = this.target[j];
    this.target[j] = k;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap);
    t.set(this.time);
    this.time = t;
    const p = new Int32Array(cap);
    p.set(this.prio);
    this.prio = p;
    const s = new Float64Array(cap);
    s.set(this.seq);
    this.seq = s;
    const k = new Int32Array(cap);
    k.set(this.kind);
    this.kind = k;
    const g = new Int32Array(cap);
    g.set(this.target);
    this.target = g;
    const a = new Float64Array(cap);
    a.set(this.aux);
    this.aux = a;
  }
}
