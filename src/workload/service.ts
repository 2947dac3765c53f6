import { randomExponential, randomGamma, randomLogNormal } from 'd3-random';
import type { Rng } from '../engine/random.js';
import type { ServiceDist } from '../scenario/schema.js';

/** Draws a service time in seconds. */
export function serviceSampler(d: ServiceDist, rng: Rng): () => number {
  switch (d.dist) {
    case 'exponential':
      return randomExponential.source(rng)(1 / d.mean);
    case 'constant':
      return () => d.value;
    case 'gamma': {
      const shape = 1 / (d.cv * d.cv);
      return randomGamma.source(rng)(shape, d.mean / shape);
    }
    case 'lognormal':
      return randomLogNormal.source(rng)(Math.log(d.median), d.sigma);
    case 'uniform':
      return () => d.min + (d.max - d.min) * rng();
  }
}

/** Mean and second moment of a service distribution (for Pollaczek–Khinchine and load estimates). */
export function serviceMoments(d: ServiceDist): { mean: number; second: number } {
  switch (d.dist) {
    case 'exponential':
      return { mean: d.mean, second: 2 * d.mean * d.mean };
    case 'constant':
      return { mean: d.value, second: d.value * d.value };
    case 'gamma':
      return { mean: d.mean, second: d.mean * d.mean * (1 + d.cv * d.cv) };
    case 'lognormal': {
      const m = d.median * Math.exp((d.sigma * d.sigma) / 2);
      return { mean: m, second: d.median * d.median * Math.exp(2 * d.sigma * d.sigma) };
    }
    case 'uniform':
      return { mean: (d.min + d.max) / 2, second: (d.min * d.min + d.min * d.max + d.max * d.max) / 3 };
  }
}
