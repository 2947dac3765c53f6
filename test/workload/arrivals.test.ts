/**
 * Arrival processes match their rate and coefficient of variation; a rate profile is followed window
 * by window, and its timezone shifts it. Fixed seeds; tolerances are stated per check (k standard
 * errors of the estimator).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { streamFor } from '../../src/engine/random.js';
import { gapSampler, type ArrivalProcess } from '../../src/workload/interarrival.js';
import { cheapFleet, runText } from './support.js';

function meanCv(xs: ArrayLike<number>): { mean: number; cv: number } {
  // Two passes: no cancellation when every gap is equal.
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const m = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return { mean: m, cv: Math.sqrt(v / (xs.length - 1)) / m };
}

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]);

const PROCESSES: [ArrivalProcess, number][] = [
  [{ process: 'poisson' }, 1],
  [{ process: 'gamma', cv: 0.5 }, 0.5],
  [{ process: 'gamma', cv: 2 }, 2],
  [{ process: 'gamma', cv: 4 }, 4],
  [{ process: 'constant' }, 0],
];

describe('gapSampler: rate and CV', () => {
  it('property: mean gap within 5 standard errors of 1/rate, CV within 8 % (shape ≥ 1/16)', () => {
    // n = 100,000 gaps. Standard error of the mean gap: cv/√n ≤ 1.3 % (cv 4); of the sample CV for
    // Gamma(1/16), whose excess kurtosis is 96: ≈ √(98/n)/2 ≈ 1.6 %, so 8 % is 5 standard errors.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: PROCESSES.length - 1 }), fc.double({ min: 0.05, max: 500, noNaN: true }), fc.integer({ min: 1, max: 1e6 }), (pi, rate, seed) => {
        const [p, cv] = PROCESSES[pi];
        const next = gapSampler(p, rate, streamFor(seed, 'test/gaps'));
        const n = 100_000;
        const xs = new Float64Array(n);
        for (let i = 0; i < n; i++) xs[i] = next();
        const got = meanCv(xs);
        const tolMean = Math.max(1e-9, (5 * cv) / Math.sqrt(n));
        expect(Math.abs(got.mean * rate - 1)).toBeLessThan(tolMean);
        if (cv === 0) expect(got.cv).toBeLessThan(1e-6);
        else expect(Math.abs(got.cv / cv - 1)).toBeLessThan(0.08);
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it('a rate of 0 gives no arrivals', () => {
    expect(gapSampler({ process: 'poisson' }, 0, streamFor(1, 'x'))()).toBe(Infinity);
  });
});

describe('arrival processes through the simulator', () => {
  for (const [arrival, cv] of [['poisson', 1], ['{ process: gamma, cv: 2 }', 2], ['{ process: constant }', 0]] as const) {
    it(`${arrival}: rate within 5 standard errors, CV within 6 %`, () => {
      // 20/s over 2,000 s: n ≈ 40,000; se of the count ≈ cv·√n.
      const { arrivals } = runText(`seed: 3\nhorizon: 2000s\nworkload:\n  c:\n    rate: 20/s\n    arrival: ${arrival}\n    prompt: 10\n${cheapFleet()}`);
      const n = arrivals.length;
      expect(Math.abs(n - 40_000)).toBeLessThanOrEqual(Math.max(1, 5 * cv * Math.sqrt(40_000)));
      const got = meanCv(gaps(arrivals.map((a) => a.time)));
      if (cv === 0) expect(got.cv).toBeLessThan(1e-6);
      else expect(Math.abs(got.cv / cv - 1)).toBeLessThan(0.06);
    });
  }
});

describe('rate profiles', () => {
  it('arrivals per window follow base × multiplier, window by window (5 Poisson sd)', () => {
    // Multipliers [1, 3, 0.5, 2.5] normalise to mean 1: × 4/7. Every one of 40 windows is checked.
    const m = [1, 3, 0.5, 2.5].map((x) => (x * 4) / 7);
    const { arrivals } = runText(`seed: 5\nhorizon: 4000s\nworkload:\n  c:\n    rate: 20/s\n    profile: { multipliers: [1, 3, 0.5, 2.5], window: 100s }\n    prompt: 10\n${cheapFleet()}`);
    const counts = new Array<number>(40).fill(0);
    for (const a of arrivals) counts[Math.min(39, Math.floor(a.time / 100))]++;
    counts.forEach((c, w) => {
      const expected = 20 * m[w % 4] * 100;
      expect(Math.abs(c - expected), `window ${w}`).toBeLessThan(5 * Math.sqrt(expected));
    });
  });

  it('the timezone shifts the profile: local hour = UTC hour + timezone', () => {
    // Business hours 9–17 local (× 1, else × 0.1), timezone −5: UTC hours 14–22 are busy.
    const mult = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 1 : 0.1));
    const { arrivals } = runText(`seed: 6\nhorizon: 24h\nworkload:\n  c:\n    rate: 2/s\n    profile: { multipliers: [${mult.join(', ')}], window: 1h, timezone: -5 }\n    prompt: 10\n${cheapFleet()}`);
    const perHour = new Array<number>(24).fill(0);
    for (const a of arrivals) perHour[Math.min(23, Math.floor(a.time / 3600))]++;
    const norm = 24 / mult.reduce((a, b) => a + b, 0);
    for (let h = 0; h < 24; h++) {
      const expected = 2 * 3600 * mult[(h - 5 + 24) % 24] * norm;
      expect(Math.abs(perHour[h] - expected), `UTC hour ${h}`).toBeLessThan(5 * Math.sqrt(expected));
    }
  });
});
