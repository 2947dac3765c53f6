import { servegenPresets } from './servegen.js';
import type { RatePreset } from './types.js';

/** Scales `xs` to an arithmetic mean of 1 (rounded to 4 decimals). */
function meanOne(xs: readonly number[]): number[] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.map((x) => Math.round((x / m) * 1e4) / 1e4);
}

/**
 * Office-hours traffic of a single-time-zone user base, hour of day 0–23 in that zone: a night floor
 * at 15 % of the daytime plateau, a ramp 07–09, plateau 09–17 with a lunch dip at 12, and an evening
 * tail. Hand-written (a shape, not a measurement); compare the ServeGen presets for measured ones.
 */
const BUSINESS_HOURS_SHAPE = [
  0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.2, 0.4, 0.75, 1, 1, 1, 0.85, 1, 1, 1, 0.95, 0.8, 0.55, 0.4, 0.3, 0.25, 0.2, 0.15,
];

/**
 * Named rate profiles for non-homogeneous Poisson arrivals: `rate(t) = baseRate × multipliers[⌊t / windowSeconds⌋ mod n]`,
 * with t in the user population's local time. Every profile has mean 1, so the base rate is the
 * day's (or week's) mean rate. ServeGen presets come with a `-weekly` (168 h) variant where 14 days exist.
 */
export const ratePresets: Readonly<Record<string, RatePreset>> = {
  flat: { summary: 'Constant rate (multiplier 1 at every hour).', windowSeconds: 3600, multipliers: new Array<number>(24).fill(1) },
  'business-hours': {
    summary: 'Hand-written office-hours day: plateau 09–17 local, lunch dip, night floor at 15 % of the plateau.',
    windowSeconds: 3600,
    multipliers: meanOne(BUSINESS_HOURS_SHAPE),
  },
  ...servegenPresets,
};

/** Names of the presets, for `--help` and error messages. */
export const ratePresetNames: readonly string[] = Object.keys(ratePresets);
