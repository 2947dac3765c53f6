/**
 * Rank conventions shared by every accumulator in `metrics/` and by their tests.
 */

/**
 * Nearest-rank convention (Hyndman–Fan type 1): the `p`-th percentile of `n` samples is the
 * `k`-th smallest sample (1-based) with `k = max(1, ceil(p/100 · n))`. So p = 0 is the minimum,
 * p = 100 the maximum, and p = 50 of an even-sized sample is the lower median.
 *
 * `p·n/100` is computed in floating point; a relative slack of 1e-12 keeps e.g. p = 99.9, n = 1000
 * at k = 999 instead of letting rounding push it to 1000.
 *
 * @param p percentile in [0, 100]
 * @param n sample count, ≥ 1
 * @returns k in [1, n]
 */
export function nearestRank(p: number, n: number): number {
  const x = (p * n) / 100;
  const k = Math.ceil(x - Math.abs(x) * 1e-12);
  return k < 1 ? 1 : k > n ? n : k;
}

/**
 * Linear interpolation between order statistics (Hyndman–Fan type 7, the default of R and NumPy):
 * with `h = (n − 1)·q`, returns `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])` (0-based).
 *
 * @param sorted samples in ascending order, length ≥ 1
 * @param q quantile in [0, 1]
 */
export function interpolatedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const frac = h - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}
