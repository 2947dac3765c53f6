import { randomExponential, randomGamma } from 'd3-random';
import type { Rng } from '../engine/random.js';

/** Draws the gap (seconds) to the next arrival of a renewal process with the given mean rate. */
export type GapSampler = () => number;

export type ArrivalProcess = { process: 'poisson' } | { process: 'gamma'; cv: number } | { process: 'constant' };

/**
 * Renewal processes: Poisson (exponential gaps), Gamma gaps with a coefficient of variation
 * (cv > 1 bursty, cv < 1 regular; shape = 1/cv², scale = mean·cv²), or constant gaps.
 * A rate of 0 gives Infinity (no arrivals).
 */
export function gapSampler(p: ArrivalProcess, rate: number, rng: Rng): GapSampler {
  if (!(rate > 0)) return () => Infinity;
  const mean = 1 / rate;
  switch (p.process) {
    case 'poisson': {
      const d = randomExponential.source(rng)(rate);
      return d;
    }
    case 'gamma': {
      const shape = 1 / (p.cv * p.cv);
      const d = randomGamma.source(rng)(shape, mean / shape);
      return d;
    }
    case 'constant':
      return () => mean;
  }
}
