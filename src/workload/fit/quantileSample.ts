import seedrandom from 'seedrandom';

/** Values kept exactly up to this count; beyond it a uniform reservoir of this size. */
export const EXACT_LIMIT = 2_000_000;

/**
 * Streaming quantiles with bounded memory: exact (sorted Float64Array, linear interpolation between
 * order statistics, as numpy's default) while count ≤ `limit`; beyond, a uniform reservoir sample of
 * `limit` values (Vitter's algorithm R, deterministic seeded stream), whose quantiles have a relative
 * rank error of about 1/√limit. Also tracks exact count, sum, min, max, and the mean/sd of ln(max(x, 1)).
 * Private helper of `fit/`; the metrics package has its own histograms.
 */
export class QuantileSample {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private values = new Float64Array(1024);
  private kept = 0;
  private sorted = true;
  private readonly rng: () => number;
  private logMean = 0;
  private logM2 = 0;

  constructor(private readonly limit = EXACT_LIMIT) {
    const g = seedrandom('fleetsim:fit/reservoir');
    this.rng = () => g.quick();
  }

  add(x: number): void {
    this.count++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const l = Math.log(Math.max(x, 1));
    const d = l - this.logMean;
    this.logMean += d / this.count;
    this.logM2 += d * (l - this.logMean);
    this.sorted = false;
    if (this.kept < this.limit) {
      if (this.kept === this.values.length) {
        const v = new Float64Array(Math.min(this.limit, this.values.length * 2));
        v.set(this.values);
        this.values = v;
      }
      this.values[this.kept++] = x;
      return;
    }
    const j = Math.floor(this.rng() * this.count);
    if (j < this.limit) this.values[j] = x;
  }

  /** Whether quantiles are exact (count ≤ limit). */
  get exact(): boolean {
    return this.count <= this.limit;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : NaN;
  }

  /** exp(mean of ln x) over x clamped to ≥ 1: the lognormal median. */
  get logMedian(): number {
    return Math.exp(this.logMean);
  }

  /** Standard deviation of ln x (x clamped to ≥ 1): the lognormal sigma. */
  get logSigma(): number {
    return this.count > 1 ? Math.sqrt(this.logM2 / (this.count - 1)) : 0;
  }

  /** The q-quantile, q in [0, 1]; NaN when empty. */
  quantile(q: number): number {
    const n = this.kept;
    if (n === 0) return NaN;
    if (!this.sorted) {
      this.values.subarray(0, n).sort();
      this.sorted = true;
    }
    const h = (n - 1) * Math.min(1, Math.max(0, q));
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return this.values[lo] + (h - lo) * (this.values[hi] - this.values[lo]);
  }
}
