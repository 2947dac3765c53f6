import type { Rng } from '../engine/random.js';
import type { GapSampler } from './interarrival.js';

/** One state of a Markov-modulated Poisson process: arrivals at `rate` (1/s) for an exponential sojourn of mean `meanDuration` (s). */
export interface MmppState {
  readonly rate: number;
  readonly meanDuration: number;
}

/**
 * Stationary mean rate Σ rᵢ·dᵢ / Σ dᵢ. Leaving a state, the process moves to one of the others with
 * equal probability; that embedded chain is doubly stochastic, so its stationary law is uniform and
 * the long-run share of time in state i is dᵢ / Σ d.
 */
export function mmppStationaryRate(states: readonly MmppState[]): number {
  let num = 0;
  let den = 0;
  for (const s of states) {
    num += s.rate * s.meanDuration;
    den += s.meanDuration;
  }
  return num / den;
}

/** Observer of state sojourns (tests): the state and how long it lasted. */
export type SojournHook = (state: number, duration: number) => void;

/**
 * Gaps of a Markov-modulated Poisson process started at time 0, every state rate multiplied by
 * `scale`. The sampler is stateful: successive calls return successive gaps of one realisation
 * (the caller must consume them in order, as a renewal sampler's). The initial state is drawn from
 * the stationary law, so the process is time-stationary from time 0.
 *
 * `arrivals` draws the exponential gaps within a state; `switches` the sojourns and the next
 * states. Exponential gaps are memoryless: a gap that would cross a state change is redrawn from the
 * change at the new state's rate, which is exact. A state of rate 0 sends nothing. When every state
 * has rate 0 the sampler returns Infinity.
 */
export function mmppGapSampler(states: readonly MmppState[], scale: number, arrivals: Rng, switches: Rng, onSojourn?: SojournHook): GapSampler {
  const k = states.length;
  const rates = Float64Array.from(states, (s) => s.rate * scale);
  const means = Float64Array.from(states, (s) => s.meanDuration);
  if (!(k > 0) || !rates.some((r) => r > 0)) return () => Infinity;
  const exp = (rng: Rng, mean: number) => -Math.log(1 - rng()) * mean;
  // Stationary initial state: P(i) = dᵢ / Σ d.
  const total = means.reduce((a, b) => a + b, 0);
  let u = switches() * total;
  let state = 0;
  while (state < k - 1 && u >= means[state]) u -= means[state++];
  let stateStart = 0;
  let stateEnd = exp(switches, means[state]);
  let clock = 0;
  const advance = (): void => {
    onSojourn?.(state, stateEnd - stateStart);
    const j = k === 1 ? 0 : Math.floor(switches() * (k - 1));
    state = k === 1 ? 0 : j >= state ? j + 1 : j;
    stateStart = stateEnd;
    stateEnd += exp(switches, means[state]);
  };
  return () => {
    const from = clock;
    let t = clock;
    for (;;) {
      const r = rates[state];
      const next = r > 0 ? t + exp(arrivals, 1 / r) : Infinity;
      if (next < stateEnd) {
        clock = next;
        return next - from;
      }
      t = stateEnd;
      advance();
    }
  };
}
