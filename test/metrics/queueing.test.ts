import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  erlangB, erlangC, littlesLaw, mg1MeanWait, minServersForMeanWait, minServersForWaitProbability,
  mmcMeanWait, mmcWaitExceeds, mmcWaitPercentile,
} from '../../src/metrics/queueing.js';

/** Erlang C straight from its definition, in log space (independent of the B recursion). */
function erlangCDirect(c: number, a: number): number {
  const logTerms: number[] = [];
  let logTerm = 0; // log(a^k / k!)
  for (let k = 0; k < c; k++) {
    logTerms.push(logTerm);
    logTerm += Math.log(a) - Math.log(k + 1);
  }
  const logLast = logTerm + Math.log(c / (c - a));
  const m = Math.max(logLast, ...logTerms);
  const sumBelow = logTerms.reduce((s, l) => s + Math.exp(l - m), 0);
  return Math.exp(logLast - m) / (sumBelow + Math.exp(logLast - m));
}

describe('queueing formulas', () => {
  it('Erlang B and C match hand-computed values', () => {
    // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2;  B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6) = 4/19
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 14);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 14);
    // C(2, 1): (1/2 · 2/(2−1)) / (1 + 1 + 1) = 1/3;  C(3, 2): (4/3 · 3) / (1 + 2 + 2 + 4) = 4/9
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 14);
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 14); // M/M/1: P(wait) = ρ
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 5)).toBe(1);
  });

  it('Erlang C is stable for c up to 10,000 and agrees with the direct formula', () => {
    for (const [c, a] of [[8, 7.2], [100, 95], [1000, 990], [10_000, 9_900], [10_000, 9_999]] as const) {
      const v = erlangC(c, a);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
      expect(Math.abs(v - erlangCDirect(c, a)) / v).toBeLessThan(1e-9);
    }
  });

  it('M/M/c mean wait: M/M/1 at ρ = 0.9 is 9/μ; M/M/2 with λ = μ = 1 is 1/3; M/M/3, a = 2 is 4/9', () => {
    expect(mmcMeanWait(0.9, 1, 1)).toBeCloseTo(9, 12);
    expect(mmcMeanWait(1.8, 2, 1)).toBeCloseTo(9 / 2, 12);
    expect(mmcMeanWait(1, 1, 2)).toBeCloseTo(1 / 3, 12);
    expect(mmcMeanWait(2, 1, 3)).toBeCloseTo(4 / 9, 12);
    expect(mmcMeanWait(2, 1, 2)).toBe(Infinity);
  });

  it('M/M/c wait tail and percentiles', () => {
    // M/M/1 ρ = 0.9, μ = 1: P(W > t) = 0.9 e^{−0.1 t}
    expect(mmcWaitExceeds(0.9, 1, 1, 0)).toBeCloseTo(0.9, 12);
    expect(mmcWaitExceeds(0.9, 1, 1, 10)).toBeCloseTo(0.9 * Math.exp(-1), 12);
    expect(mmcWaitPercentile(0.9, 1, 1, 95)).toBeCloseTo(10 * Math.log(18), 10);
    expect(mmcWaitPercentile(0.9, 1, 1, 10)).toBe(0); // 90 % of arrivals wait; the lowest 10 % do not
    expect(mmcWaitPercentile(0.9, 1, 1, 5)).toBe(0);
    expect(mmcWaitPercentile(0.9, 1, 1, 100)).toBe(Infinity);
    // percentile inverts the tail
    const t = mmcWaitPercentile(7.2, 1, 8, 99);
    expect(mmcWaitExceeds(7.2, 1, 8, t)).toBeCloseTo(0.01, 12);
  });

  it('sizing: smallest c meeting a mean-wait or wait-probability target', () => {
    expect(minServersForMeanWait(1, 1, 0.5)).toBe(2); // Wq(2) = 1/3
    expect(minServersForMeanWait(1, 1, 0.3)).toBe(3); // Wq(3) = (1/11)/2 = 1/22
    expect(minServersForWaitProbability(1, 1, 0.4)).toBe(2); // C(2,1) = 1/3
    expect(minServersForWaitProbability(1, 1, 0.3)).toBe(3); // C(3,1) = 1/11
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 5000, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 1e-4, max: 10, noNaN: true }), (lambda, mu, target) => {
          const c = minServersForMeanWait(lambda, mu, target);
          expect(mmcMeanWait(lambda, mu, c)).toBeLessThanOrEqual(target);
          if (c > 1) expect(mmcMeanWait(lambda, mu, c - 1)).toBeGreaterThan(target);
          const c2 = minServersForWaitProbability(lambda, mu, 0.05, 0.5 / mu);
          expect(mmcWaitExceeds(lambda, mu, c2, 0.5 / mu)).toBeLessThanOrEqual(0.05);
          if (c2 > 1) expect(mmcWaitExceeds(lambda, mu, c2 - 1, 0.5 / mu)).toBeGreaterThan(0.05);
        }),
      { numRuns: 200 },
    );
  });

  it('Pollaczek–Khinchine: M/M/1 and M/D/1 special cases', () => {
    // M/M/1, μ = 1, ρ = 0.9: E[S²] = 2 → 9; M/D/1: E[S²] = 1 → ρ / (2μ(1 − ρ)) = 4.5
    expect(mg1MeanWait(0.9, 1, 2)).toBeCloseTo(9, 12);
    expect(mg1MeanWait(0.9, 1, 1)).toBeCloseTo(4.5, 12);
    expect(mg1MeanWait(0.5, 0.5, 0.5)).toBeCloseTo(mmcMeanWait(0.5, 2, 1), 12);
    expect(mg1MeanWait(1, 1, 1)).toBe(Infinity);
    expect(() => mg1MeanWait(0.5, 1, 0.5)).toThrow(RangeError);
  });

  it("Little's law and input validation", () => {
    expect(littlesLaw(2, 3)).toBe(6);
    expect(() => erlangB(1.5, 1)).toThrow(RangeError);
    expect(() => erlangC(0, 1)).toThrow(RangeError);
    expect(() => mmcMeanWait(-1, 1, 1)).toThrow(RangeError);
    expect(() => mmcMeanWait(NaN, 1, 1)).toThrow(RangeError);
    expect(() => minServersForMeanWait(100, 1, 1e-9, 50)).toThrow(RangeError);
  });
});
