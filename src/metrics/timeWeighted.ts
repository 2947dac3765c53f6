import type { WindowedSeries } from './windowed.js';

/** Options of a {@link TimeWeightedGauge}. Times in seconds of simulated time. */
export interface TimeWeightedGaugeOptions {
  /** Time the gauge starts holding `initial`. Default 0. */
  t0?: number;
  /** Value held from `t0`. Default 0. */
  initial?: number;
  /** Statistics (integral, mean, max) count only from this time on — the end of warm-up. Default `t0`. */
  startAt?: number;
  /**
   * Optional per-window series that receives every held segment (from `t0`, warm-up included), so
   * `series.means()` gives the time-weighted mean per window.
   */
  series?: WindowedSeries;
}

/**
 * A piecewise-constant quantity over simulated time (queue depth, busy GPUs, power in W), with its
 * time integral, time-weighted mean and maximum over [startAt, now].
 *
 * Contract:
 * - Times never decrease across calls (RangeError otherwise); values are finite.
 * - The value set at `t` holds on [t, next change).
 * - `integral(t)` = ∫ value dt over [startAt, t] (value·seconds); `mean(t)` = integral / (t − startAt).
 * - `max` is the largest value the gauge held at any instant of [startAt, now], including a value
 *   replaced at the same instant it was set (a momentary peak counts) and the value current at startAt.
 * - O(1) memory and time per call; no allocation.
 */
export class TimeWeightedGauge {
  readonly startAt: number;
  private readonly series: WindowedSeries | undefined;
  private t: number;
  private v: number;
  private area = 0;
  private peak = -Infinity;

  constructor(options: TimeWeightedGaugeOptions = {}) {
    const t0 = options.t0 ?? 0;
    const initial = options.initial ?? 0;
    const startAt = options.startAt ?? t0;
    if (!Number.isFinite(t0) || !Number.isFinite(initial) || !Number.isFinite(startAt)) {
      throw new RangeError('TimeWeightedGauge: t0, initial and startAt must be finite');
    }
    this.startAt = startAt;
    this.series = options.series;
    this.t = t0;
    this.v = initial;
    if (t0 >= startAt) this.peak = initial;
  }

  /** The value held now. */
  get value(): number { return this.v; }
  /** Time of the last change or advance (seconds). */
  get lastTime(): number { return this.t; }
  /** Largest value held in [startAt, now]; -Infinity while now < startAt. */
  get max(): number { return this.peak; }

  /** Sets the value to `v` from time `t` on. */
  set(t: number, v: number): void {
    if (!Number.isFinite(v)) throw new RangeError(`TimeWeightedGauge: value must be finite, got ${v}`);
    this.advance(t);
    this.v = v;
    if (t >= this.startAt && v > this.peak) this.peak = v;
  }

  /** Adds `dv` to the value from time `t` on. */
  add(t: number, dv: number): void {
    this.set(t, this.v + dv);
  }

  /** Moves the clock to `t` without changing the value (folds the held segment into the integral). */
  advance(t: number): void {
    if (!(t >= this.t)) throw new RangeError(`TimeWeightedGauge: time went backwards (${t} < ${this.t})`);
    if (t === this.t) return;
    const from = this.t > this.startAt ? this.t : this.startAt;
    if (t > from) {
      this.area += this.v * (t - from);
      if (this.v > this.peak) this.peak = this.v;
    }
    if (this.series !== undefined) this.series.integrate(this.t, t, this.v);
    this.t = t;
  }

  /** ∫ value dt over [startAt, t] in value·seconds, extending the current value to `t ≥ lastTime`. Does not mutate. */
  integral(t: number): number {
    if (!(t >= this.t)) throw new RangeError(`TimeWeightedGauge: time went backwards (${t} < ${this.t})`);
    const from = this.t > this.startAt ? this.t : this.startAt;
    return t > from ? this.area + this.v * (t - from) : this.area;
  }

  /** Time-weighted mean over [startAt, t]; NaN when t ≤ startAt. Does not mutate. */
  mean(t: number): number {
    const span = t - this.startAt;
    return span > 0 ? this.integral(t) / span : NaN;
  }
}
