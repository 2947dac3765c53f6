/**
 * Markov-modulated Poisson arrivals: the long-run rate is the stationary mean, gaps are burstier than
 * Poisson (CV > 1), sojourns are exponential with the given means and the next state is uniform over
 * the others. Fixed seeds; each tolerance is k standard errors of its estimator.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { streamFor } from '../../src/engine/random.js';
import { mmppGapSampler, mmppStationaryRate, type MmppState } from '../../src/workload/mmpp.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { UserError } from '../../src/errors.js';
import { cheapFleet, ROOT, runText } from './support.js';
import { resolve } from 'node:path';

/** Runs the sampler until time T: arrivals, gaps' mean and CV, sojourns per state and transitions. */
function realise(states: MmppState[], T: number, seed: number) {
  const sojourns: number[][] = states.map(() => []);
  const transitions: number[][] = states.map(() => states.map(() => 0));
  let last = -1;
  const next = mmppGapSampler(states, 1, streamFor(seed, 'test/mmpp-arrivals'), streamFor(seed, 'test/mmpp-switch'), (s, d) => {
    sojourns[s].push(d);
    if (last >= 0) transitions[last][s]++;
    last = s;
  });
  let t = 0;
  let n = 0;
  let s1 = 0;
  let s2 = 0;
  for (;;) {
    const g = next();
    if (t + g > T) break;
    t += g;
    n++;
    s1 += g;
    s2 += g * g;
  }
  const mean = s1 / n;
  const cv = Math.sqrt(s2 / n - mean * mean) / mean;
  return { n, rate: n / T, cv, sojourns, transitions };
}

/**
 * Asymptotic Var N(T) / T of a two-state MMPP (leaving rates q1 = 1/d1, q2 = 1/d2):
 * λ̄ + 2 q1 q2 (λ1 − λ2)² / (q1 + q2)³.
 */
function varianceRate2(states: MmppState[]): number {
  const [a, b] = states;
  const q1 = 1 / a.meanDuration;
  const q2 = 1 / b.meanDuration;
  return mmppStationaryRate(states) + (2 * q1 * q2 * (a.rate - b.rate) ** 2) / (q1 + q2) ** 3;
}

/** Kolmogorov–Smirnov distance of a sample to the exponential law of the given mean. */
function ksExponential(xs: number[], mean: number): number {
  const s = [...xs].sort((x, y) => x - y);
  let d = 0;
  s.forEach((x, i) => {
    const f = 1 - Math.exp(-x / mean);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  });
  return d;
}

const BURSTY: MmppState[] = [{ rate: 2, meanDuration: 600 }, { rate: 20, meanDuration: 120 }];

describe('mmppGapSampler', () => {
  it('the stationary mean of the example is 5/s', () => {
    expect(mmppStationaryRate(BURSTY)).toBeCloseTo(5, 12);
  });

  it('long-run rate within 4 standard errors of the stationary mean; CV > 1; sojourns exponential', () => {
    // T = 2·10⁶ s: ≈ 10⁷ arrivals, ≈ 2,800 sojourns of each state. Var N(T)/T ≈ 9,005, so the
    // rate's standard error is √(9005/T) ≈ 0.067/s (1.3 %).
    const T = 2e6;
    const r = realise(BURSTY, T, 11);
    const se = Math.sqrt(varianceRate2(BURSTY) / T);
    expect(Math.abs(r.rate - 5)).toBeLessThan(4 * se);
    expect(r.cv).toBeGreaterThan(1.5);
    BURSTY.forEach((st, i) => {
      const xs = r.sojourns[i];
      const n = xs.length;
      const mean = xs.reduce((a, b) => a + b, 0) / n;
      expect(n).toBeGreaterThan(2500);
      expect(Math.abs(mean / st.meanDuration - 1)).toBeLessThan(5 / Math.sqrt(n)); // exponential: sd = mean
      expect(ksExponential(xs, st.meanDuration)).toBeLessThan(1.95 / Math.sqrt(n)); // KS critical value at 0.1 %
    });
  });

  it('property: two states, random rates and durations: long-run rate within 5 standard errors', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 300, noNaN: true }), fc.double({ min: 1, max: 300, noNaN: true }), fc.integer({ min: 1, max: 1e6 }),
        (r1, r2, d1, d2, seed) => {
          const states = [{ rate: r1, meanDuration: d1 }, { rate: r2, meanDuration: d2 }];
          const mean = mmppStationaryRate(states);
          const T = Math.max(2e5 / mean, 1000 * (d1 + d2));
          const got = realise(states, T, seed);
          expect(Math.abs(got.rate - mean)).toBeLessThan(5 * Math.sqrt(varianceRate2(states) / T));
        },
      ),
      { seed: 7, numRuns: 10 },
    );
  });

  it('three states: time shares dᵢ/Σd, next state uniform over the others, rate = stationary mean', () => {
    const states: MmppState[] = [{ rate: 1, meanDuration: 60 }, { rate: 5, meanDuration: 30 }, { rate: 0, meanDuration: 120 }];
    expect(mmppStationaryRate(states)).toBeCloseTo(1, 12); // (60 + 150 + 0) / 210
    const T = 3e6;
    const r = realise(states, T, 5);
    const total = states.reduce((a, s) => a + s.meanDuration, 0);
    states.forEach((st, i) => {
      const time = r.sojourns[i].reduce((a, b) => a + b, 0);
      // ≈ 14,000 sojourns per state: the share's relative error is ≈ √(2/n) ≈ 1.2 %.
      expect(Math.abs(time / T / (st.meanDuration / total) - 1)).toBeLessThan(0.05);
      const row = r.transitions[i];
      const out = row.reduce((a, b) => a + b, 0);
      expect(row[i]).toBe(0);
      for (let j = 0; j < states.length; j++) if (j !== i) expect(Math.abs(row[j] / out - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / out));
    });
    expect(Math.abs(r.rate - 1)).toBeLessThan(0.03);
  });

  it('every state at rate 0 sends nothing', () => {
    expect(mmppGapSampler([{ rate: 0, meanDuration: 1 }, { rate: 0, meanDuration: 2 }], 1, streamFor(1, 'a'), streamFor(1, 'b'))()).toBe(Infinity);
  });
});

describe('mmpp in a scenario', () => {
  const cls = (extra: string) =>
    `seed: 4\nhorizon: 4h\nworkload:\n  burst:\n${extra}    arrival: { process: mmpp, states: [{ rate: 2/s, meanDuration: 10m }, { rate: 20/s, meanDuration: 2m }] }\n    prompt: 10\n${cheapFleet()}`;
  const load = (text: string) => loadScenarioText(text, resolve(ROOT, 'scenarios/test.yaml')).resolved;

  it('rate is optional: the resolved rate is the stationary mean; a given rate rescales the states', () => {
    expect(load(cls('')).classes[0].rate).toBeCloseTo(5, 12);
    expect(load(cls('    rate: 10/s\n')).classes[0].rate).toBe(10);
    expect(load(cls('').replace('seed: 4', 'seed: 4\ntrafficMultiplier: 1.4')).classes[0].rate).toBeCloseTo(7, 12);
  });

  it('through the simulator: arrival rate within 4 standard errors of the stationary mean (and of a given rate)', () => {
    // 4 h: Var N(T)/T ≈ 9,005 (×4 when the states are doubled) → se ≈ 0.79/s (1.58/s).
    for (const [extra, mean] of [['', 5], ['    rate: 10/s\n', 10]] as const) {
      const f = runText(cls(extra)).out.figures;
      const se = Math.sqrt((varianceRate2(BURSTY) * (mean / 5) ** 2) / (4 * 3600));
      expect(Math.abs(f['class.burst.arrivalRate'] - mean), extra).toBeLessThan(4 * se);
    }
  });

  it('fewer than two states or a negative rate is a UserError naming the field', () => {
    const one = cls('').replace(', { rate: 20/s, meanDuration: 2m }', '');
    expect(() => load(one)).toThrow(UserError);
    expect(() => load(one)).toThrow(/states/);
    expect(() => load(cls('').replace('rate: 2/s', 'rate: -2/s'))).toThrow(/states/);
    expect(() => load(cls('').replace('meanDuration: 10m', 'meanDuration: 0s'))).toThrow(/meanDuration/);
  });
});
