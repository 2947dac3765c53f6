import type { ThermalSpec } from './perf/types.js';
import type { DecodeSeries } from './decodeSeries.js';

/**
 * Caps a decode run of `k` steps at the first boundary where the throttle state would change.
 *
 * `series` holds the run's step durations, `tss` the steady temperature (°C) at the run's power, `t0`
 * the temperature at its start and `throttled` the throttle state it runs in. Returns j in [1, k]:
 * k when no threshold is crossed within the run.
 */
export function thermalRunLimit(k: number, series: DecodeSeries, th: ThermalSpec, tss: number, t0: number, throttled: boolean): number {
  const tau = th.resistanceCPerW * th.capacitanceJPerC;
  const target = throttled ? th.slowdownC - th.hysteresisC : th.slowdownC;
  // Heating toward a steady state at or above the threshold, or cooling below it.
  const crosses = throttled ? tss < target && t0 >= target : tss > target && t0 < target;
  if (!crosses) return k;
  // T(t) = tss + (t0 − tss) e^{−t/τ} reaches target at t = τ ln((t0 − tss)/(target − tss)).
  const tc = tau * Math.log((t0 - tss) / (target - tss));
  // First boundary j with T(sum(j)) on the far side of the threshold (checked exactly as startNext does).
  let j = series.completedBy(tc);
  if (j < 1) j = 1;
  while (j > 1 && farSide(series.sum(j - 1), tss, t0, tau, target, throttled)) j--;
  while (j < k && !farSide(series.sum(j), tss, t0, tau, target, throttled)) j++;
  return j < k ? j : k;
}

/** Whether the temperature `t` seconds into the run is past `target` in the direction of the flip. */
function farSide(t: number, tss: number, t0: number, tau: number, target: number, throttled: boolean): boolean {
  const T = tss + (t0 - tss) * Math.exp(-t / tau);
  return throttled ? T < target : T >= target;
}
