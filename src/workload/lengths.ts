import { randomLogNormal, randomNormal } from 'd3-random';
import type { Rng } from '../engine/random.js';
import type { LengthDistInput } from '../scenario/schema.js';

/** Draws a token count (integer ≥ 0). */
export type LengthSampler = () => number;

/**
 * Builds a sampler for a length distribution. Draws are rounded to integers and clamped to the
 * distribution's [min, max] when given. `floor` is the smallest value ever returned (1 for output
 * lengths: a request produces at least one token).
 */
export function lengthSampler(dist: LengthDistInput, rng: Rng, floor = 0): LengthSampler {
  const clamp = (lo: number, hi: number) => (x: number) => {
    const r = Math.round(x);
    return r < lo ? lo : r > hi ? hi : r;
  };
  if (typeof dist === 'number') {
    const v = Math.max(floor, dist);
    return () => v;
  }
  switch (dist.dist) {
    case 'constant': {
      const v = Math.max(floor, dist.value);
      return () => v;
    }
    case 'lognormal': {
      const draw = randomLogNormal.source(rng)(Math.log(dist.median), dist.sigma);
      const c = clamp(Math.max(floor, dist.min ?? 0), dist.max ?? Number.MAX_SAFE_INTEGER);
      return () => c(draw());
    }
    case 'normal': {
      const draw = randomNormal.source(rng)(dist.mean, dist.sd);
      const c = clamp(Math.max(floor, dist.min ?? 0), dist.max ?? Number.MAX_SAFE_INTEGER);
      return () => c(draw());
    }
    case 'uniform': {
      const lo = Math.min(dist.min, dist.max);
      const span = Math.abs(dist.max - dist.min) + 1;
      return () => Math.max(floor, lo + Math.floor(rng() * span));
    }
    case 'empirical': {
      const { ps, vs } = percentilePoints(dist.percentiles);
      return () => Math.max(floor, Math.round(inverseCdf(ps, vs, rng())));
    }
  }
}

/** Sorted (probability, value) points from `{ p0: .., p50: .., p100: .. }`; values made non-decreasing. */
export function percentilePoints(percentiles: Record<string, number>): { ps: Float64Array; vs: Float64Array } {
  const pts = Object.entries(percentiles)
    .map(([k, v]) => [Number(k.slice(1)) / 100, v] as const)
    .sort((a, b) => a[0] - b[0]);
  const ps = new Float64Array(pts.length);
  const vs = new Float64Array(pts.length);
  let last = -Infinity;
  pts.forEach(([p, v], i) => {
    ps[i] = p;
    last = Math.max(last, v);
    vs[i] = last;
  });
  return { ps, vs };
}

/** Piecewise-linear inverse CDF through the points. */
export function inverseCdf(ps: Float64Array, vs: Float64Array, u: number): number {
  let lo = 0;
  let hi = ps.length - 1;
  if (u <= ps[0]) return vs[0];
  if (u >= ps[hi]) return vs[hi];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ps[mid] <= u) lo = mid;
    else hi = mid;
  }
  const w = (u - ps[lo]) / (ps[hi] - ps[lo]);
  return vs[lo] + w * (vs[hi] - vs[lo]);
}

/** Mean of a length distribution (before rounding/clamping), for load estimates. */
export function meanLength(dist: LengthDistInput): number {
  if (typeof dist === 'number') return dist;
  switch (dist.dist) {
    case 'constant':
      return dist.value;
    case 'lognormal':
      return dist.median * Math.exp((dist.sigma * dist.sigma) / 2);
    case 'normal':
      return dist.mean;
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'empirical': {
      const { ps, vs } = percentilePoints(dist.percentiles);
      let m = 0;
      for (let i = 1; i < ps.length; i++) m += ((vs[i] + vs[i - 1]) / 2) * (ps[i] - ps[i - 1]);
      return m;
    }
  }
}
