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
      const normal = polarNormal(rng, Math.log(dist.median), dist.sigma);
      const lo = Math.max(floor, dist.min ?? 0);
      const hi = dist.max ?? Number.MAX_SAFE_INTEGER;
      return () => {
        const r = Math.round(Math.exp(normal()));
        return r < lo ? lo : r > hi ? hi : r;
      };
    }
    case 'normal': {
      const normal = polarNormal(rng, dist.mean, dist.sd);
      const lo = Math.max(floor, dist.min ?? 0);
      const hi = dist.max ?? Number.MAX_SAFE_INTEGER;
      return () => {
        const r = Math.round(normal());
        return r < lo ? lo : r > hi ? hi : r;
      };
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

/**
 * Normal draws by the Marsaglia polar method, the same sequence as d3-random's randomNormal on the
 * same source (same uniforms consumed, same arithmetic, bit for bit; tested), but the scale factor
 * sqrt(−2 ln r / r) of a pair is computed once rather than for each of its two draws: the length
 * samplers run twice per request on the hot path.
 */
export function polarNormal(rng: Rng, mu: number, sigma: number): () => number {
  let spare = NaN;
  let factor = 0;
  return () => {
    let y: number;
    if (spare === spare) {
      y = spare;
      spare = NaN;
    } else {
      let x: number;
      let r: number;
      do {
        x = rng() * 2 - 1;
        y = rng() * 2 - 1;
        r = x * x + y * y;
      } while (!r || r > 1);
      spare = x;
      factor = Math.sqrt((-2 * Math.log(r)) / r);
    }
    return mu + sigma * y * factor;
  };
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
