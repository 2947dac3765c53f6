import { LogHistogram, type LogHistogramJSON } from './histogram.js';

/** Options of {@link WindowedQuantiles}. */
export interface WindowedQuantilesOptions {
  /** Window length, seconds. Default 300. */
  window?: number;
  /** Bucket ratio of each window's histogram. Default 1.05 (relative error ≤ √1.05 − 1 ≈ 2.5 %). */
  gamma?: number;
  /** Range with the error bound; see {@link LogHistogram}. Defaults 1e-6 and 1e6. */
  minValue?: number;
  maxValue?: number;
}

/**
 * Percentiles per fixed window over [0, horizon] (e.g. p50/p95 latency every 5 minutes): one small
 * {@link LogHistogram} per window, coarser than the run-wide one (default γ = 1.05, ≤ 2.5 % relative
 * error) to keep memory low: each window holds only the bucket range it saw (≈ 200 buckets for values
 * spanning 0.01–100 s). Window i covers [i·window, (i+1)·window); an instant at `horizon` belongs to the
 * last window; values recorded outside [0, horizon] are counted in {@link outside} and not binned.
 */
export class WindowedQuantiles {
  readonly horizon: number;
  readonly window: number;
  readonly length: number;
  private readonly hists: LogHistogram[];
  private outsideCount = 0;

  constructor(horizon: number, options: WindowedQuantilesOptions = {}) {
    const window = options.window ?? 300;
    if (!(horizon > 0 && Number.isFinite(horizon))) throw new RangeError(`WindowedQuantiles: horizon must be finite and > 0, got ${horizon}`);
    if (!(window > 0 && Number.isFinite(window))) throw new RangeError(`WindowedQuantiles: window must be finite and > 0, got ${window}`);
    this.horizon = horizon;
    this.window = window;
    this.length = Math.max(1, Math.ceil(horizon / window - 1e-12));
    const layout = { gamma: options.gamma ?? 1.05, minValue: options.minValue ?? 1e-6, maxValue: options.maxValue ?? 1e6 };
    this.hists = Array.from({ length: this.length }, () => new LogHistogram(layout));
  }

  /** Number of values recorded at instants outside [0, horizon]. */
  get outside(): number { return this.outsideCount; }

  /** Records value `v ≥ 0` observed at instant `t` (seconds). */
  record(t: number, v: number): void {
    if (!(t >= 0 && t <= this.horizon)) {
      this.outsideCount++;
      return;
    }
    const i = Math.floor(t / this.window);
    this.hists[i >= this.length ? this.length - 1 : i].record(v);
  }

  /** The histogram of window `i` (live, not a copy). */
  histogram(i: number): LogHistogram {
    return this.hists[i];
  }

  /** The `p`-th percentile (nearest rank, p in [0, 100]) of each window; NaN for empty windows. */
  percentiles(p: number): Float64Array {
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.hists[i].percentile(p);
    return out;
  }

  /** Sample count per window. */
  counts(): Float64Array {
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.hists[i].count;
    return out;
  }

  /** Adds another instance with the same horizon, window and layout, window by window. */
  merge(other: WindowedQuantiles): void {
    if (other.horizon !== this.horizon || other.window !== this.window) {
      throw new RangeError('WindowedQuantiles.merge: horizon and window must be equal');
    }
    for (let i = 0; i < this.length; i++) this.hists[i].merge(other.hists[i]);
    this.outsideCount += other.outsideCount;
  }

  /** Compact form: one sparse histogram per window. */
  toJSON(): { horizon: number; window: number; outside: number; windows: LogHistogramJSON[] } {
    return { horizon: this.horizon, window: this.window, outside: this.outsideCount, windows: this.hists.map((h) => h.toJSON()) };
  }

  /** Inverse of {@link toJSON}. */
  static fromJSON(json: { horizon: number; window: number; outside: number; windows: LogHistogramJSON[] }): WindowedQuantiles {
    const first = json.windows[0];
    const wq = new WindowedQuantiles(json.horizon, first === undefined ? { window: json.window } : {
      window: json.window, gamma: first.gamma, minValue: first.minValue, maxValue: first.maxValue,
    });
    if (json.windows.length !== wq.length) throw new RangeError('WindowedQuantiles.fromJSON: window count does not match horizon/window');
    for (let i = 0; i < wq.length; i++) wq.hists[i] = LogHistogram.fromJSON(json.windows[i]);
    wq.outsideCount = json.outside;
    return wq;
  }
}
