import { randomLogNormal, randomNormal } from 'd3-random';
import type { Rng } from '../engine/random.js';
import type { LengthDistInput } from '../scenario/schema.js';
import { empiricalQuantile, empiricalTable } from './empirical.js';

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
      const t = empiricalTable(dist.percentiles);
      return () => Math.max(floor, Math.round(empiricalQuantile(t, rng())));
    }
  }
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
      const { p, x } = empiricalTable(dist.percentiles);
      let m = 0;
      for (let i = 1; i < p.length; i++) m += ((x[i] + x[i - 1]) / 2) * (p[i] - p[i - 1]);
      return m;
    }
  }
}
