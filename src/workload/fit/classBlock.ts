import type { FitResult } from './fitWorkload.js';
import type { PercentilePoints } from '../empirical.js';

/**
 * A fitted workload class in the scenario file's own format (`workload.<name>` of
 * src/scenario/schema.ts): plain data that YAML-serialises into a block `loadScenarioText` accepts.
 * Quantities are strings with units (`5.53/s`, `600s`), as a person would write them.
 */
export interface ClassBlock {
  rate: string;
  arrival: 'poisson' | { process: 'gamma'; cv: number };
  profile?: { multipliers: number[]; window: string };
  prompt: { dist: 'empirical'; percentiles: PercentilePoints };
  output: { dist: 'empirical'; percentiles: PercentilePoints };
}

/**
 * Maps a fit onto a scenario class: the mean rate, Poisson or Gamma arrivals with the CV left once
 * the profile is divided out, the profile (when fitted; mean-1 multipliers of consecutive windows
 * starting at simulated time 0, timezone 0), and empirical prompt/output percentiles.
 * Postcondition: simulated, the class's mean rate over whole profile cycles equals `fit.workload.arrival.rate`.
 */
export function classBlock(fit: FitResult): ClassBlock {
  const a = fit.workload.arrival;
  // Key order is the order a person reads the block in: how often, how shaped in time, how long.
  return {
    rate: `${a.rate}/s`,
    arrival: a.process === 'gamma' && a.cv !== undefined ? { process: 'gamma', cv: a.cv } : 'poisson',
    ...(a.profile ? { profile: { multipliers: [...a.profile.multipliers], window: `${a.profile.windowSeconds}s` } } : {}),
    prompt: { dist: 'empirical', percentiles: { ...fit.workload.promptTokens.percentiles } },
    output: { dist: 'empirical', percentiles: { ...fit.workload.outputTokens.percentiles } },
  };
}
