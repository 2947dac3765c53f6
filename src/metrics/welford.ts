/**
 * Running mean and variance (Welford's update; Chan et al.'s pairwise merge), numerically stable,
 * O(1) memory, allocation-free. Units are those of the values added.
 */
export class Welford {
  private n = 0;
  private mu = 0;
  private m2 = 0;

  /** Number of values added. */
  get count(): number { return this.n; }
  /** Mean; NaN when empty. */
  get mean(): number { return this.n === 0 ? NaN : this.mu; }
  /** Sample variance (divisor n − 1); NaN when fewer than 2 values. */
  get variance(): number { return this.n < 2 ? NaN : this.m2 / (this.n - 1); }
  /** Population variance (divisor n); NaN when empty. */
  get populationVariance(): number { return this.n === 0 ? NaN : this.m2 / this.n; }
  /** Sample standard deviation; NaN when fewer than 2 values. */
  get sd(): number { return Math.sqrt(this.variance); }

  /** Adds a finite value. */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new RangeError(`Welford: value must be finite, got ${x}`);
    this.n++;
    const d = x - this.mu;
    this.mu += d / this.n;
    this.m2 += d * (x - this.mu);
  }

  /** Adds the values summarized by `other` (Chan et al.): same result as adding them one by one, up to rounding. */
  merge(other: Welford): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.mu = other.mu;
      this.m2 = other.m2;
      return;
    }
    const n = this.n + other.n;
    const d = other.mu - this.mu;
    this.mu += (d * other.n) / n;
    this.m2 += other.m2 + (d * d * this.n * other.n) / n;
    this.n = n;
  }

  /** Empties the accumulator. */
  reset(): void {
    this.n = 0;
    this.mu = 0;
    this.m2 = 0;
  }
}
