/**
 * A periodic rate profile: rate(t) = base × m[⌊(t + offset) / window⌋ mod n], with multipliers
 * normalised to mean 1 so that `base` stays the mean rate over a cycle. `offset` places simulated
 * time 0 at local midnight of the user population (timezone hours × 3600).
 */
export interface RateProfile {
  readonly multipliers: Float64Array;
  readonly window: number;
  readonly offset: number;
  readonly max: number;
}

export function makeProfile(multipliers: readonly number[], window: number, timezoneHours: number): RateProfile {
  const sum = multipliers.reduce((a, b) => a + b, 0);
  const n = multipliers.length;
  const m = Float64Array.from(multipliers, (x) => (sum > 0 ? (x * n) / sum : 0));
  const period = n * window;
  const offset = (((timezoneHours * 3600) % period) + period) % period;
  return { multipliers: m, window, offset, max: Math.max(...m) };
}

/** The multiplier in force at simulated time t. */
export function multiplierAt(p: RateProfile, t: number): number {
  const n = p.multipliers.length;
  const i = Math.floor((t + p.offset) / p.window) % n;
  return p.multipliers[i < 0 ? i + n : i];
}

/** The multiplier at simulated time t in a population whose local time is UTC + `timezoneHours`. */
export function multiplierAtLocal(p: RateProfile, t: number, timezoneHours: number): number {
  const n = p.multipliers.length;
  const i = Math.floor((t + timezoneHours * 3600) / p.window) % n;
  return p.multipliers[i < 0 ? i + n : i];
}

/**
 * Several user populations share one class profile, each in its own time zone: the class's rate at
 * time t is base × Σ share_p · m(local time of p). `zones` and `shares` (summing to 1) describe them.
 */
export interface PopulationMix {
  readonly zones: Float64Array;
  readonly shares: Float64Array;
}

export function mixtureAt(p: RateProfile, mix: PopulationMix, t: number): number {
  let m = 0;
  for (let k = 0; k < mix.zones.length; k++) m += mix.shares[k] * multiplierAtLocal(p, t, mix.zones[k]);
  return m;
}
