import type { ResolvedRegion } from '../scenario/resolve.js';

/**
 * A repeating hour-of-day shape: 24 multipliers normalised to mean 1, hour 0 starting at local
 * midnight of the region, which is `offset` seconds after UTC midnight shifted by the time zone
 * (simulated time 0 is UTC midnight).
 */
export interface HourlyProfile {
  readonly multipliers: Float64Array;
  /** Time-zone shift in seconds (hours from UTC × 3600). */
  readonly offset: number;
}

const HOUR = 3600;
const DAY = 86400;

/**
 * Splits hourly figures into a base (their mean) and a shape normalised to mean 1. All zeros give a
 * base of 0 and a shape of ones.
 */
export function makeHourlyProfile(values: readonly number[], timezoneHours: number): { base: number; profile: HourlyProfile } {
  const n = values.length;
  const base = values.reduce((a, b) => a + b, 0) / n;
  const multipliers = Float64Array.from(values, (v) => (base > 0 ? v / base : 1));
  return { base, profile: { multipliers, offset: timezoneHours * HOUR } };
}

/** Index of the profile hour in force at simulated time `t` (s). */
export function hourOf(p: HourlyProfile, t: number): number {
  const local = (((t + p.offset) % DAY) + DAY) % DAY;
  return Math.min(23, Math.floor(local / HOUR));
}

/** Seconds from `t` to the start of the next profile hour (in (0, 3600]). */
export function untilNextHour(p: HourlyProfile, t: number): number {
  const into = (((t + p.offset) % HOUR) + HOUR) % HOUR;
  return HOUR - into;
}

/** The profile multiplier at time `t`; 1 without a profile. */
export function multiplierAt(p: HourlyProfile | undefined, t: number): number {
  return p === undefined ? 1 : p.multipliers[hourOf(p, t)];
}

/** Grid carbon intensity (kg CO2e per J) of the region at simulated time `t`. */
export function carbonAt(r: ResolvedRegion, t: number): number {
  return r.carbonKgPerJ * multiplierAt(r.carbonProfile, t);
}

/** The price multiplier (mean 1 over a day) applied to the region's electricity and spot prices at `t`. */
export function priceMultiplierAt(r: ResolvedRegion, t: number): number {
  return multiplierAt(r.priceProfile, t);
}

/** Electricity price (USD per J) of the region at `t`. */
export function electricityAt(r: ResolvedRegion, t: number): number {
  return r.electricityUsdPerJ * multiplierAt(r.priceProfile, t);
}

/**
 * Time-average of the profile multiplier over [a, b], exact for the hourly step function (piecewise
 * by hour). [a, a] gives the multiplier at a.
 */
export function meanMultiplierOver(p: HourlyProfile | undefined, a: number, b: number): number {
  if (p === undefined) return 1;
  if (!(b > a)) return multiplierAt(p, a);
  let acc = 0;
  let t = a;
  while (t < b) {
    const end = Math.min(b, t + untilNextHour(p, t));
    acc += p.multipliers[hourOf(p, t)] * (end - t);
    t = end;
  }
  return acc / (b - a);
}

/**
 * Carbon of energy drawn under an hourly intensity profile. Energy is reported as cumulative totals
 * at increasing times; the energy of each interval is assumed drawn at a constant power within it,
 * so its carbon is ΔE × the time-average intensity over the interval (piecewise by hour). Without a
 * profile this is E × the average intensity, exactly as a constant intensity gives.
 */
export class CarbonIntegrator {
  private readonly lastJ = new Map<number, number>();
  private readonly lastT = new Map<number, number>();
  private readonly kg = new Map<number, number>();

  /** Cumulative kg CO2e of source `key` given its cumulative facility energy `joules` at time `now`. */
  at(key: number, joules: number, now: number, region: ResolvedRegion): number {
    if (region.carbonProfile === undefined) return joules * region.carbonKgPerJ;
    const t0 = this.lastT.get(key) ?? 0;
    const kg = (this.kg.get(key) ?? 0) + (joules - (this.lastJ.get(key) ?? 0)) * region.carbonKgPerJ * meanMultiplierOver(region.carbonProfile, t0, now);
    this.lastJ.set(key, joules);
    this.lastT.set(key, Math.max(t0, now));
    this.kg.set(key, kg);
    return kg;
  }
}
