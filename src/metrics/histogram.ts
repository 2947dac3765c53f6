import { logBucketIndex, type LogBucketIndex } from './internal/logIndex.js';
import { nearestRank } from './internal/rank.js';

/** Layout of a {@link LogHistogram}: two histograms merge only when their layouts are equal. */
export interface LogHistogramOptions {
  /** Bucket ratio γ > 1. Relative error of any percentile is ≤ √γ − 1 (γ = 1.02 → 0.995 %). Default 1.02. */
  gamma?: number;
  /** Smallest positive value bucketed with the error bound; smaller positives count as underflow. Default 1e-9. */
  minValue?: number;
  /** Largest value bucketed with the error bound; larger values count as overflow. Default 1e12. */
  maxValue?: number;
}

/**
 * Compact, sparse JSON form of a {@link LogHistogram}. `bins` holds pairs
 * `[index, count, index, count, …]` of non-empty buckets in ascending index order, where bucket
 * `index` covers (γ^(index−1), γ^index]. `min`/`max` are null when `count` is 0.
 */
export interface LogHistogramJSON {
  v: 1;
  gamma: number;
  minValue: number;
  maxValue: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  zero: number;
  underflow: number;
  overflow: number;
  bins: number[];
}

/**
 * Streaming log-bucketed histogram of non-negative values (any unit: seconds, tokens, watts).
 *
 * Contract:
 * - Bucket `i` covers (γ^(i−1), γ^i]; a percentile is reported as the bucket's geometric midpoint
 *   γ^(i−½), clamped to the exact [min, max]. For values in [minValue, maxValue] every percentile is
 *   within √γ − 1 relative of the exact order statistic (≤ 1 % for the default γ = 1.02).
 * - 0 is counted exactly in its own bucket and reported as 0.
 * - Positives below `minValue` (underflow) are reported as `minValue`, values above `maxValue`
 *   (overflow) as `maxValue` (both clamped to [min, max]); their counts are exposed so a caller can
 *   tell when the bound does not hold. p = 0 and p = 100 are always the exact min and max.
 * - Rank convention: nearest rank, see {@link nearestRank}.
 * - Memory: one Float64Array over the range of bucket indices seen so far, grown by doubling (so
 *   O(log) allocations over a run; none once the range is covered), never more than
 *   ln(maxValue/minValue)/ln γ + 1 buckets (≈ 2,450 × 8 bytes for the defaults).
 * - Counts are exact integers up to 2^53; `sum` is a floating-point sum.
 */
export class LogHistogram {
  readonly gamma: number;
  readonly minValue: number;
  readonly maxValue: number;
  private readonly lnGamma: number;
  private readonly buckets: LogBucketIndex;
  private readonly minIndex: number;
  private readonly maxIndex: number;
  private counts = new Float64Array(0);
  /** Absolute bucket index of counts[0]. */
  private base = 0;
  /** Absolute indices of the first and last non-empty buckets (lo > hi when none). */
  private lo = 1;
  private hi = 0;
  private n = 0;
  private total = 0;
  private lowest = Infinity;
  private highest = -Infinity;
  private zeros = 0;
  private under = 0;
  private over = 0;

  constructor(options: LogHistogramOptions = {}) {
    const gamma = options.gamma ?? 1.02;
    const minValue = options.minValue ?? 1e-9;
    const maxValue = options.maxValue ?? 1e12;
    if (!(gamma > 1 && gamma < 2)) throw new RangeError(`LogHistogram: gamma must be in (1, 2), got ${gamma}`);
    if (!(minValue > 0 && maxValue > minValue && Number.isFinite(maxValue))) {
      throw new RangeError(`LogHistogram: need 0 < minValue < maxValue < Infinity, got ${minValue}, ${maxValue}`);
    }
    this.gamma = gamma;
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.lnGamma = Math.log(gamma);
    this.buckets = logBucketIndex(gamma, minValue, maxValue);
    this.minIndex = this.buckets.minIndex;
    this.maxIndex = this.buckets.maxIndex;
  }

  /** Number of recorded values. */
  get count(): number { return this.n; }
  /** Sum of recorded values (same unit as the values). */
  get sum(): number { return this.total; }
  /** Arithmetic mean; NaN when empty. */
  get mean(): number { return this.n === 0 ? NaN : this.total / this.n; }
  /** Exact smallest value; NaN when empty. */
  get min(): number { return this.n === 0 ? NaN : this.lowest; }
  /** Exact largest value; NaN when empty. */
  get max(): number { return this.n === 0 ? NaN : this.highest; }
  /** Count of values exactly 0. */
  get zeroCount(): number { return this.zeros; }
  /** Count of positive values below `minValue` (outside the error bound). */
  get underflowCount(): number { return this.under; }
  /** Count of values above `maxValue` (outside the error bound). */
  get overflowCount(): number { return this.over; }
  /** Guaranteed relative error of a percentile for in-range values: √γ − 1. */
  get relativeError(): number { return Math.sqrt(this.gamma) - 1; }

  /** Records one value `v ≥ 0` (finite). Throws RangeError otherwise. */
  record(v: number): void {
    // Fast path for the common case (one in-range value): same effect as recordN(v, 1).
    if (v >= this.minValue && v <= this.maxValue) {
      this.n++;
      this.total += v;
      if (v < this.lowest) this.lowest = v;
      if (v > this.highest) this.highest = v;
      const i = this.indexOf(v);
      const k = i - this.base;
      if (k >= 0 && k < this.counts.length && this.lo <= this.hi) {
        this.counts[k]++;
        if (i < this.lo) this.lo = i;
        else if (i > this.hi) this.hi = i;
      } else this.addToBucket(i, 1);
      return;
    }
    this.recordN(v, 1);
  }

  /** Records value `v ≥ 0` (finite) `n` times; `n` a non-negative integer. */
  recordN(v: number, n: number): void {
    if (!(v >= 0 && v < Infinity)) throw new RangeError(`LogHistogram: value must be finite and >= 0, got ${v}`);
    if (!(n >= 0 && Number.isInteger(n))) throw new RangeError(`LogHistogram: n must be an integer >= 0, got ${n}`);
    if (n === 0) return;
    this.n += n;
    this.total += v * n;
    if (v < this.lowest) this.lowest = v;
    if (v > this.highest) this.highest = v;
    if (v === 0) this.zeros += n;
    else if (v < this.minValue) this.under += n;
    else if (v > this.maxValue) this.over += n;
    else this.addToBucket(this.indexOf(v), n);
  }

  /**
   * The `p`-th percentile (p in [0, 100]) by nearest rank; NaN when empty.
   * Within `relativeError` of the exact order statistic when that statistic is in range.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`LogHistogram: percentile must be in [0, 100], got ${p}`);
    if (this.n === 0) return NaN;
    const k = nearestRank(p, this.n);
    if (k === 1) return this.lowest;
    if (k === this.n) return this.highest;
    let cum = this.zeros;
    if (cum >= k) return 0;
    cum += this.under;
    if (cum >= k) return this.clamp(this.minValue);
    for (let i = this.lo; i <= this.hi; i++) {
      cum += this.counts[i - this.base];
      if (cum >= k) return this.clamp(this.representative(i));
    }
    return this.clamp(this.maxValue);
  }

  /**
   * Cumulative distribution for charts. Without `points`: one entry per non-empty bucket, `x` its
   * reported value (as {@link percentile} would report it) ascending, `p` the fraction of samples
   * at or below it. With `points` (values, any order): `p[i]` is the fraction of samples whose
   * reported value is ≤ `points[i]`. Empty histogram: p is 0 everywhere (no entries without points).
   */
  cdf(points?: readonly number[]): { x: number[]; p: number[] } {
    const xs: number[] = [];
    const ps: number[] = [];
    const n = this.n;
    let cum = 0;
    const push = (x: number, c: number): void => {
      if (c === 0) return;
      cum += c;
      xs.push(x);
      ps.push(cum / n);
    };
    push(0, this.zeros);
    push(this.clamp(this.minValue), this.under);
    for (let i = this.lo; i <= this.hi; i++) push(this.clamp(this.representative(i)), this.counts[i - this.base]);
    push(this.clamp(this.maxValue), this.over);
    if (points === undefined) return { x: xs, p: ps };
    const out = points.map((x) => {
      let a = 0;
      let b = xs.length;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (xs[m] <= x) a = m + 1;
        else b = m;
      }
      return a === 0 ? 0 : ps[a - 1];
    });
    return { x: points.slice(), p: out };
  }

  /** Adds `other` into this one, exactly. Throws RangeError when the layouts differ. */
  merge(other: LogHistogram): void {
    if (other.gamma !== this.gamma || other.minValue !== this.minValue || other.maxValue !== this.maxValue) {
      throw new RangeError('LogHistogram.merge: layouts differ (gamma, minValue, maxValue must be equal)');
    }
    if (other.n === 0) return;
    this.n += other.n;
    this.total += other.total;
    if (other.lowest < this.lowest) this.lowest = other.lowest;
    if (other.highest > this.highest) this.highest = other.highest;
    this.zeros += other.zeros;
    this.under += other.under;
    this.over += other.over;
    for (let i = other.lo; i <= other.hi; i++) {
      const c = other.counts[i - other.base];
      if (c !== 0) this.addToBucket(i, c);
    }
  }

  /** Empties the histogram, keeping its layout and storage. */
  reset(): void {
    this.counts.fill(0);
    this.lo = 1;
    this.hi = 0;
    this.n = 0;
    this.total = 0;
    this.lowest = Infinity;
    this.highest = -Infinity;
    this.zeros = 0;
    this.under = 0;
    this.over = 0;
  }

  /** Compact sparse form; deterministic for equal contents. */
  toJSON(): LogHistogramJSON {
    const bins: number[] = [];
    for (let i = this.lo; i <= this.hi; i++) {
      const c = this.counts[i - this.base];
      if (c !== 0) bins.push(i, c);
    }
    return {
      v: 1,
      gamma: this.gamma,
      minValue: this.minValue,
      maxValue: this.maxValue,
      count: this.n,
      sum: this.total,
      min: this.n === 0 ? null : this.lowest,
      max: this.n === 0 ? null : this.highest,
      zero: this.zeros,
      underflow: this.under,
      overflow: this.over,
      bins,
    };
  }

  /** Inverse of {@link toJSON}. Throws RangeError on a malformed or inconsistent document. */
  static fromJSON(json: LogHistogramJSON): LogHistogram {
    if (json === null || typeof json !== 'object' || json.v !== 1 || !Array.isArray(json.bins) || json.bins.length % 2 !== 0) {
      throw new RangeError('LogHistogram.fromJSON: not a version-1 histogram document');
    }
    const h = new LogHistogram({ gamma: json.gamma, minValue: json.minValue, maxValue: json.maxValue });
    let binned = 0;
    for (let j = 0; j < json.bins.length; j += 2) {
      const i = json.bins[j];
      const c = json.bins[j + 1];
      if (!Number.isInteger(i) || i < h.minIndex || i > h.maxIndex || !Number.isInteger(c) || c < 0) {
        throw new RangeError(`LogHistogram.fromJSON: bad bin [${i}, ${c}]`);
      }
      if (c > 0) h.addToBucket(i, c);
      binned += c;
    }
    const counts = [json.zero, json.underflow, json.overflow, json.count];
    if (!counts.every((c) => Number.isInteger(c) && c >= 0) || binned + json.zero + json.underflow + json.overflow !== json.count) {
      throw new RangeError('LogHistogram.fromJSON: counts do not add up');
    }
    h.n = json.count;
    h.total = json.sum;
    h.zeros = json.zero;
    h.under = json.underflow;
    h.over = json.overflow;
    if (json.count > 0) {
      if (typeof json.min !== 'number' || typeof json.max !== 'number') throw new RangeError('LogHistogram.fromJSON: min/max missing');
      h.lowest = json.min;
      h.highest = json.max;
    }
    return h;
  }

  /** Bucket of an in-range value: ceil(ln v / ln γ), computed without a logarithm (see logIndex.ts). */
  private indexOf(v: number): number {
    return this.buckets.indexOf(v);
  }

  private representative(i: number): number {
    return Math.exp((i - 0.5) * this.lnGamma);
  }

  private clamp(x: number): number {
    return x < this.lowest ? this.lowest : x > this.highest ? this.highest : x;
  }

  private addToBucket(i: number, c: number): void {
    if (i < this.base || i >= this.base + this.counts.length) this.grow(i);
    this.counts[i - this.base] += c;
    if (this.lo > this.hi) {
      this.lo = i;
      this.hi = i;
    } else if (i < this.lo) this.lo = i;
    else if (i > this.hi) this.hi = i;
  }

  /** Reallocates so that absolute index `i` fits: at least doubles, never beyond [minIndex, maxIndex]. */
  private grow(i: number): void {
    const oldLen = this.counts.length;
    const span = this.maxIndex - this.minIndex + 1;
    const lo = oldLen === 0 ? i : Math.min(this.base, i);
    const hi = oldLen === 0 ? i : Math.max(this.base + oldLen - 1, i);
    const len = Math.min(span, Math.max(hi - lo + 1, 2 * oldLen, 64));
    let base = oldLen === 0 ? i - (len >> 1) : i < this.base ? hi - len + 1 : lo;
    if (base < this.minIndex) base = this.minIndex;
    if (base + len - 1 > this.maxIndex) base = this.maxIndex - len + 1;
    const next = new Float64Array(len);
    if (oldLen > 0) next.set(this.counts, this.base - base);
    this.counts = next;
    this.base = base;
  }
}
