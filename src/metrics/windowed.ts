/**
 * Fixed time windows over [0, horizon] (seconds), one Float64Array slot per window, preallocated.
 *
 * One series accumulates one quantity, in either of two ways (do not mix them in one series):
 * - a counter: {@link add} puts an amount at an instant (requests completed, tokens, joules);
 * - a gauge: {@link integrate} folds a piecewise-constant value over [t0, t1), split exactly across
 *   window boundaries (busy GPUs, queue depth, watts).
 *
 * Readouts: {@link sums} (per-window totals: the count for a counter, value·seconds for a gauge) and
 * {@link means} (totals divided by the window's duration: a rate per second for a counter, the
 * time-weighted mean for a gauge). Window i covers [i·window, (i+1)·window); the last one ends at
 * `horizon` and may be shorter; an instant exactly at `horizon` belongs to the last window.
 * Amounts outside [0, horizon] are not binned; their total is kept in {@link outside}.
 * Memory: ⌈horizon / window⌉ doubles. Recording is O(1) (O(windows spanned) for integrate), allocation-free.
 */
export class WindowedSeries {
  readonly horizon: number;
  readonly window: number;
  /** Number of windows, ⌈horizon / window⌉. */
  readonly length: number;
  private readonly totals: Float64Array;
  private outsideTotal = 0;

  /**
   * @param horizon end of the observed period, seconds, > 0
   * @param window window length, seconds, > 0 (default 300 s)
   */
  constructor(horizon: number, window = 300) {
    if (!(horizon > 0 && Number.isFinite(horizon))) throw new RangeError(`WindowedSeries: horizon must be finite and > 0, got ${horizon}`);
    if (!(window > 0 && Number.isFinite(window))) throw new RangeError(`WindowedSeries: window must be finite and > 0, got ${window}`);
    this.horizon = horizon;
    this.window = window;
    this.length = Math.max(1, Math.ceil(horizon / window - 1e-12));
    this.totals = new Float64Array(this.length);
  }

  /** Total of amounts (counter) or value·seconds (gauge) that fell outside [0, horizon]. */
  get outside(): number { return this.outsideTotal; }

  /** Start of window `i`, seconds. */
  windowStart(i: number): number { return i * this.window; }

  /** Duration of window `i`, seconds (the last one may be shorter). */
  windowDuration(i: number): number {
    return i === this.length - 1 ? this.horizon - i * this.window : this.window;
  }

  /** Index of the window holding instant `t`, or -1 when t is outside [0, horizon]. */
  indexOf(t: number): number {
    if (!(t >= 0 && t <= this.horizon)) return -1;
    const i = Math.floor(t / this.window);
    return i >= this.length ? this.length - 1 : i;
  }

  /** Counter: adds `amount` at instant `t`. */
  add(t: number, amount: number): void {
    const i = this.indexOf(t);
    if (i < 0) this.outsideTotal += amount;
    else this.totals[i] += amount;
  }

  /** Gauge: the value `v` was held over [t0, t1) (t0 ≤ t1); adds v·overlap to every window it spans. */
  integrate(t0: number, t1: number, v: number): void {
    if (!(t1 >= t0)) throw new RangeError(`WindowedSeries.integrate: need t0 <= t1, got ${t0}, ${t1}`);
    let a = t0 > 0 ? t0 : 0;
    const b = t1 < this.horizon ? t1 : this.horizon;
    const inside = b > a ? b - a : 0;
    if (inside < t1 - t0) this.outsideTotal += v * (t1 - t0 - inside);
    if (inside === 0 || v === 0) return;
    let i = Math.floor(a / this.window);
    if (i >= this.length) i = this.length - 1;
    while (a < b) {
      const end = i >= this.length - 1 ? b : Math.min((i + 1) * this.window, b);
      this.totals[i] += v * (end - a);
      a = end;
      i++;
    }
  }

  /** Per-window totals (a copy). */
  sums(): Float64Array {
    return this.totals.slice();
  }

  /** Per-window totals divided by window duration (a new array). */
  means(): Float64Array {
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.totals[i] / this.windowDuration(i);
    return out;
  }

  /** Adds another series with the same horizon and window, window by window. */
  merge(other: WindowedSeries): void {
    if (other.horizon !== this.horizon || other.window !== this.window) {
      throw new RangeError('WindowedSeries.merge: horizon and window must be equal');
    }
    for (let i = 0; i < this.length; i++) this.totals[i] += other.totals[i];
    this.outsideTotal += other.outsideTotal;
  }

  /** Empties every window. */
  reset(): void {
    this.totals.fill(0);
    this.outsideTotal = 0;
  }
}
