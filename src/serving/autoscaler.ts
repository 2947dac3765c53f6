import type { ResolvedAutoscale } from '../scenario/resolve.js';

/** What the autoscaler sees of one pool at an evaluation (read-only, plain numbers). */
export interface ScaleView {
  readonly now: number;
  /** Replicas counted as capacity: serving plus those on their way (provisioning, loading). */
  readonly active: number;
  /** The metric as observed (after the metric lag); NaN when not yet observed. */
  readonly metric: number;
  /** Requests waiting because no replica serves yet (a cold pool). */
  readonly coldWaiting: number;
  /** Time of the last request routed to the pool (−Infinity for never). */
  readonly lastRequestAt: number;
  readonly lastScaleUpAt: number;
  readonly lastChangeAt: number;
  /** Replicas the power budget or the region's capacity still allows in addition to `active`. */
  readonly headroomReplicas: number;
}

export interface ScaleDecision {
  readonly desired: number;
  readonly reason: string;
}

/**
 * The scaling rule, pure: the Kubernetes HPA formula desired = ⌈active × metric / target⌉ with a
 * tolerance band, clamped to [min, max] (or the schedule's bounds in force), cooldowns between
 * changes, scale-to-zero after an idle timeout, scale-from-zero when requests wait on a cold pool,
 * and no scale-out beyond the power/capacity headroom.
 */
export function decideScale(a: ResolvedAutoscale, v: ScaleView, bounds: { min: number; max: number }): ScaleDecision {
  const { min, max } = bounds;
  let desired = v.active;
  let reason = 'hold';
  if (v.active === 0 && v.coldWaiting > 0) {
    desired = Math.max(1, min);
    reason = 'scale from zero: requests waiting';
  } else if (a.idleTimeout !== Infinity && min === 0 && v.now - v.lastRequestAt >= a.idleTimeout) {
    desired = 0;
    reason = `idle for ${Math.round(v.now - v.lastRequestAt)} s: scale to zero`;
  } else if (Number.isFinite(v.metric) && v.active > 0) {
    const ratio = v.metric / a.target;
    if (Math.abs(ratio - 1) > a.tolerance) {
      desired = Math.ceil(v.active * ratio - 1e-9);
      reason = `${a.metric} ${v.metric.toFixed(3)} vs target ${a.target}`;
    }
  }
  if (desired < min) {
    desired = min;
    reason = `${reason}; at least min ${min}`;
  }
  if (desired > max) {
    desired = max;
    reason = `${reason}; at most max ${max}`;
  }
  if (desired > v.active) {
    if (v.now - v.lastScaleUpAt < a.upCooldown && v.active > 0) return { desired: v.active, reason: 'scale-up cooldown' };
    if (desired - v.active > v.headroomReplicas) {
      desired = v.active + Math.max(0, v.headroomReplicas);
      reason = `${reason}; limited by the power budget or region capacity`;
    }
  } else if (desired < v.active) {
    if (v.now - v.lastChangeAt < a.downCooldown) return { desired: v.active, reason: 'scale-down cooldown' };
  }
  return { desired, reason };
}

/** The schedule entry in force at `now` (local time of day), overriding min/max. */
export function scheduledBounds(a: ResolvedAutoscale, now: number): { min: number; max: number } {
  if (a.schedule.length === 0) return { min: a.min, max: a.max };
  const day = 86400;
  const tod = (((now + a.timezone * 3600) % day) + day) % day;
  // The last entry at or before the time of day; before the first, the day's last entry (it wrapped).
  let e = a.schedule[a.schedule.length - 1];
  for (const x of a.schedule) if (x.at <= tod) e = x;
  const min = e.min ?? a.min;
  const max = Math.max(e.max ?? a.max, min);
  return { min, max };
}
