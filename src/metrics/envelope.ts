import { interpolatedQuantile } from './internal/rank.js';
import { studentT975 } from './internal/studentT.js';

/** Summary of one figure across replications (seeds). Same unit as the inputs. */
export interface Envelope {
  /** Number of replications. */
  n: number;
  /** Arithmetic mean. */
  mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n < 2. */
  sd: number;
  /** 5th and 95th percentiles by linear interpolation between order statistics (Hyndman–Fan type 7). */
  p5: number;
  p95: number;
  /** 95 % confidence interval of the mean, mean ± t(0.975, n−1)·sd/√n; NaN when n < 2. */
  ci95Low: number;
  ci95High: number;
}

/**
 * Envelope of per-replication values: mean, sd, p5–p95 band and the Student-t 95 % confidence
 * interval of the mean. With n = 1 the band collapses to the value and sd/CI are NaN (serialized as
 * null): a single run is never presented as certain. Throws RangeError on an empty input or a
 * non-finite value.
 */
export function envelope(values: ArrayLike<number>): Envelope {
  const n = values.length;
  if (n === 0) throw new RangeError('envelope: no values');
  const sorted = Float64Array.from(values);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) throw new RangeError(`envelope: value ${i} is not finite (${sorted[i]})`);
    sum += sorted[i];
  }
  sorted.sort();
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) * (sorted[i] - mean);
  const sd = n < 2 ? NaN : Math.sqrt(ss / (n - 1));
  const half = n < 2 ? NaN : (studentT975(n - 1) * sd) / Math.sqrt(n);
  return {
    n,
    mean,
    sd,
    p5: interpolatedQuantile(sorted, 0.05),
    p95: interpolatedQuantile(sorted, 0.95),
    ci95Low: mean - half,
    ci95High: mean + half,
  };
}
