import { randomExponential } from 'd3-random';
import { streamFor, type Rng } from '../engine/random.js';
import type { ResolvedClass, ResolvedScenario } from '../scenario/resolve.js';
import { lengthSampler, type LengthSampler } from '../workload/lengths.js';
import { gapSampler, type GapSampler } from '../workload/interarrival.js';
import { advanceByIntensity, multiplierAt, mixtureAt, type PopulationMix } from '../workload/profile.js';
import { mmppGapSampler, mmppStationaryRate } from '../workload/mmpp.js';
import { newTraceRecord, type TraceCursor, type TraceRecord } from '../workload/traces/index.js';

/** What one class's traffic is drawn from: its samplers, each on its own named stream, and its arrival state. */
export interface ClassRuntime {
  readonly c: ResolvedClass;
  readonly gap: GapSampler;
  readonly thin: Rng;
  readonly user: LengthSampler;
  readonly output: LengthSampler;
  readonly chunks: LengthSampler | undefined;
  readonly turns: LengthSampler | undefined;
  readonly fanout: LengthSampler | undefined;
  readonly toolOutput: LengthSampler | undefined;
  readonly think: () => number;
  readonly exact: Rng;
  remaining: number;
  /** Gaps are drawn in operational time and rescaled (non-Poisson renewal processes under a profile). */
  readonly rescaled: boolean;
  /** Time zones and shares of the class's populations, when the scenario has populations. */
  readonly mix: PopulationMix | undefined;
  cursor: TraceCursor | undefined;
  readonly rec: TraceRecord;
}

/** Builds class `c`'s samplers; streams are named after the class, so classes never shift each other's draws. */
export function classRuntime(s: ResolvedScenario, c: ResolvedClass, seed: number): ClassRuntime {
  const n = c.name;
  const thinkMean = c.arrival.process === 'closed' ? c.arrival.think : c.session ? c.session.think : c.agent ? c.agent.tool : 0;
  const thinkDraw = thinkMean > 0 ? randomExponential.source(streamFor(seed, `think/${n}`))(1 / thinkMean) : () => 0;
  const a = c.arrival;
  const renewal = a.process === 'poisson' || a.process === 'gamma' || a.process === 'constant' ? a : { process: 'poisson' as const };
  const peak = c.profile ? c.profile.max : 1;
  return {
    c,
    gap: a.process === 'mmpp'
      ? mmppGapSampler(a.states, c.rate > 0 ? (c.rate * peak) / mmppStationaryRate(a.states) : 0, streamFor(seed, `arrivals/${n}`), streamFor(seed, `mmpp/${n}`))
      : gapSampler(renewal, rescaled(c) ? c.rate : c.rate * peak, streamFor(seed, `arrivals/${n}`)),
    thin: streamFor(seed, `thinning/${n}`),
    user: lengthSampler(c.composition.user, streamFor(seed, `prompt/${n}`), 0),
    output: lengthSampler(c.output, streamFor(seed, `output/${n}`), 1),
    chunks: c.composition.retrieval ? lengthSampler(c.composition.retrieval.chunks, streamFor(seed, `retrieval/${n}`), 0) : undefined,
    turns: c.session ? lengthSampler(c.session.turns, streamFor(seed, `turns/${n}`), 1) : c.agent ? lengthSampler(c.agent.steps, streamFor(seed, `steps/${n}`), 1) : undefined,
    fanout: c.agent ? lengthSampler(c.agent.fanout, streamFor(seed, `fanout/${n}`), 1) : undefined,
    toolOutput: c.agent ? lengthSampler(c.agent.toolOutput, streamFor(seed, `tool-output/${n}`), 0) : undefined,
    think: thinkDraw,
    exact: streamFor(seed, `exact-cache/${n}`),
    remaining: c.count,
    rescaled: rescaled(c),
    mix: populationMix(s, c),
    cursor: a.process === 'trace' ? a.open(seed) : undefined,
    rec: newTraceRecord(),
  };
}

/** Next accepted arrival after `t` (thinning against the rate profile). */
export function nextRenewal(rt: ClassRuntime, t: number): number {
  const p = rt.c.profile;
  const mix = rt.mix;
  // Gamma and constant processes under a profile: gaps are drawn in operational time and mapped to
  // real time, so their shape (CV) holds in every window. Poisson and MMPP: thinning, exact for them.
  if (p && rt.rescaled) return advanceByIntensity(p, mix, t, rt.gap());
  for (;;) {
    t += rt.gap();
    if (!p || t === Infinity) return t;
    // With populations in several time zones the profile is followed in each one's local time.
    const m = mix === undefined ? multiplierAt(p, t) : mixtureAt(p, mix, t);
    if (rt.thin() * p.max < m) return t;
  }
}

/** The class's populations as a mixture of time zones (undefined without populations or a profile). */
export function populationMix(s: ResolvedScenario, c: ResolvedClass): PopulationMix | undefined {
  const pops = s.populations;
  if (pops === undefined || c.profile === undefined) return undefined;
  const idx = c.populations ?? pops.map((_, i) => i);
  const total = idx.reduce((a, i) => a + pops[i].share, 0);
  return {
    zones: Float64Array.from(idx, (i) => pops[i].timezone),
    shares: Float64Array.from(idx, (i) => pops[i].share / total),
  };
}

/** Whether a class's renewal gaps are time-rescaled rather than thinned (Gamma or constant gaps under a profile). */
function rescaled(c: ResolvedClass): boolean {
  return c.profile !== undefined && (c.arrival.process === 'gamma' || c.arrival.process === 'constant');
}
