import type { ResolvedRegion } from '../scenario/resolve.js';
import { multiplierAt, untilNextHour, type HourlyProfile } from '../economics/profiles.js';
import type { ResolvedHoldCondition } from './types.js';

/** How far ahead a held job looks for an hour in which its condition holds. */
export const HOLD_SEARCH_S = 7 * 86400;

/** Daily window [start, end) of local time of day (seconds); may wrap midnight. */
export interface DailyWindow {
  readonly start: number;
  readonly end: number;
  readonly timezone: number;
}

/**
 * Turns `when: { carbonBelow } | { priceBelow }` into a condition on `region` (the region of the
 * class's pool). The returned warning says when the condition cannot vary (no hourly profile) or
 * never holds in any hour of the day.
 */
export function resolveHoldCondition(
  when: { carbonBelow: number } | { priceBelow: number },
  region: ResolvedRegion,
): { condition: ResolvedHoldCondition; warning: string | undefined } {
  const carbon = 'carbonBelow' in when;
  const condition: ResolvedHoldCondition = carbon
    ? { metric: 'carbon', below: when.carbonBelow, region: region.name, base: region.carbonKgPerJ, profile: region.carbonProfile }
    : { metric: 'price', below: when.priceBelow, region: region.name, base: region.electricityUsdPerJ, profile: region.priceProfile };
  const what = carbon ? 'carbon intensity' : 'electricity price';
  const field = carbon ? 'carbonProfile' : 'priceProfile';
  let warning: string | undefined;
  const hours = condition.profile ? Array.from(condition.profile.multipliers) : [1];
  if (!hours.some((m) => condition.base * m < condition.below)) {
    warning = `the ${what} of region ${region.name} is never below the threshold: every job is released at submission and counted in jobs.heldNeverMet`;
  } else if (!condition.profile) {
    warning = `region ${region.name} has no ${field}: its ${what} is constant and always below the threshold, so no job is held`;
  }
  return { condition, warning };
}

/** Whether the condition holds at time `t`. */
export function conditionHolds(c: ResolvedHoldCondition, t: number): boolean {
  return c.base * multiplierAt(c.profile, t) < c.below;
}

/** Seconds from `now` until a daily window is open; 0 when open. */
export function untilWindowOpens(now: number, w: DailyWindow): number {
  const day = 86400;
  const tod = (((now + w.timezone * 3600) % day) + day) % day;
  const open = w.start <= w.end ? tod >= w.start && tod < w.end : tod >= w.start || tod < w.end;
  if (open) return 0;
  return (((w.start - tod) % day) + day) % day;
}

/**
 * When a batch job submitted at `now` may start: the first instant at or after `now` at which the
 * daily window (if any) is open and the condition (if any) holds. The condition is searched hour by
 * hour (it changes only at the profile's hour boundaries) up to `HOLD_SEARCH_S` ahead; if it never
 * holds, the job is released as without the condition (at once, or when the window opens; `met: false`). Returns the delay in seconds (≥ 0).
 */
export function releaseDelay(now: number, window: DailyWindow | undefined, when: ResolvedHoldCondition | undefined): { delay: number; met: boolean } {
  if (!when) return { delay: window ? untilWindowOpens(now, window) : 0, met: true };
  const p: HourlyProfile | undefined = when.profile;
  const limit = now + HOLD_SEARCH_S;
  let t = now;
  while (t <= limit) {
    if (window) t += untilWindowOpens(t, window);
    if (t > limit) break;
    if (conditionHolds(when, t)) return { delay: t - now, met: true };
    if (!p) break; // constant and false: never holds
    t += untilNextHour(p, t);
  }
  return { delay: window ? untilWindowOpens(now, window) : 0, met: false };
}
