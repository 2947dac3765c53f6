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

/**
 * Time-rescaling: the real time t' ≥ t at which ∫_t^{t'} m(s) ds = dTau, where m is the profile (or the
 * population mixture) — the map from "operational time" to real time. A renewal process whose gaps are
 * drawn in operational time keeps its shape (e.g. a Gamma process its CV) inside every window, which
 * thinning would not. The multiplier is constant between window edges, so the walk is exact.
 */
export function advanceByIntensity(p: RateProfile, mix: PopulationMix | undefined, t: number, dTau: number): number {
  if (!(dTau > 0)) return t;
  if (dTau === Infinity) return Infinity;
  const w = p.window;
  const zones = mix?.zones;
  for (let guard = 0; guard < 1e6; guard++) {
    // The next window edge after t (for every population's local clock).
    let next = Infinity;
    const count = zones ? zones.length : 1;
    for (let k = 0; k < count; k++) {
      const o = zones ? zones[k] * 3600 : p.offset;
      let e = (Math.floor((t + o) / w) + 1) * w - o;
      if (e <= t) e += w;
      if (e < next) next = e;
    }
    const mid = 0.5 * (t + next);
    const m = mix === undefined ? multiplierAt(p, mid) : mixtureAt(p, mix, mid);
    const cap = m * (next - t);
    if (cap >= dTau) return t + dTau / m;
    dTau -= cap;
    t = next;
  }
  return Infinity;
}
