import { UserError } from '../errors.js';

/** Percentile points keyed `p0` … `p100` (e.g. `p50`, `p99.9`), values in tokens. */
export type PercentilePoints = Record<string, number>;

/** A compiled piecewise-linear inverse CDF: probabilities `p` (0 … 1, increasing) and values `x`. */
export interface EmpiricalTable {
  p: Float64Array;
  x: Float64Array;
}

/**
 * Compiles percentile points into a table for {@link sampleEmpirical}. Requires `p0` and `p100`,
 * keys of the form `pN` with 0 ≤ N ≤ 100, finite values that do not decrease with N.
 * `where` names the scenario path for errors.
 */
export function empiricalTable(points: PercentilePoints, where = 'percentiles'): EmpiricalTable {
  const rows: [number, number][] = [];
  for (const [k, v] of Object.entries(points)) {
    const m = /^p(\d+(?:\.\d+)?)$/.exec(k);
    const p = m ? Number(m[1]) : NaN;
    if (!(p >= 0 && p <= 100)) throw new UserError(`percentile key ${JSON.stringify(k)} is not pN with 0 ≤ N ≤ 100`, { path: where });
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UserError(`expected a finite number, found ${JSON.stringify(v)}`, { path: `${where}.${k}` });
    rows.push([p / 100, v]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  if (rows.length < 2 || rows[0][0] !== 0 || rows[rows.length - 1][0] !== 1) {
    throw new UserError('empirical percentiles need at least p0 and p100', { path: where });
  }
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][1] < rows[i - 1][1]) {
      throw new UserError(`percentile values must not decrease: p${rows[i][0] * 100} = ${rows[i][1]} < p${rows[i - 1][0] * 100} = ${rows[i - 1][1]}`, { path: where });
    }
  }
  return { p: Float64Array.from(rows, (r) => r[0]), x: Float64Array.from(rows, (r) => r[1]) };
}

/** The piecewise-linear inverse CDF at u ∈ [0, 1): linear between neighbouring percentile points. */
export function empiricalQuantile(t: EmpiricalTable, u: number): number {
  const p = t.p;
  let lo = 0;
  let hi = p.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (p[mid] <= u) lo = mid;
    else hi = mid;
  }
  const w = p[hi] - p[lo];
  const f = w > 0 ? (u - p[lo]) / w : 0;
  return t.x[lo] + Math.min(1, Math.max(0, f)) * (t.x[hi] - t.x[lo]);
}

/**
 * The sampling rule of an `empirical` length distribution: the inverse CDF at a uniform u ∈ [0, 1),
 * rounded to the nearest integer and at least 1 (a token count).
 */
export function sampleEmpirical(t: EmpiricalTable, u: number): number {
  return Math.max(1, Math.round(empiricalQuantile(t, u)));
}
