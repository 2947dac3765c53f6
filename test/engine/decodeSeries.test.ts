import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecodeSeries } from '../../src/serving/decodeSeries.js';

/** Brute force: step j of a decode run with batch B from context C lasts max(a0 + a1 c, b0 + b1 c), c = C + jB. */
const stepOf = (l: number[], B: number, C: number, j: number) => Math.max(l[0] + l[1] * (C + j * B), l[2] + l[3] * (C + j * B));

const lines = fc.tuple(
  fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
  fc.double({ min: 0, max: 1e-6, noNaN: true }),
  fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
  fc.double({ min: 0, max: 1e-6, noNaN: true }),
);

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('DecodeSeries closed forms', () => {
  it('sum, moment and completedBy match brute-force loops (fast-check)', () => {
    fc.assert(
      fc.property(lines, fc.integer({ min: 1, max: 256 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 600 }), fc.double({ min: 0, max: 1, noNaN: true }), (l, B, C, k, frac) => {
        const s = new DecodeSeries();
        s.set(Float64Array.from(l), B, C);
        let sum = 0;
        let moment = 0;
        for (let j = 0; j < k; j++) {
          const t = stepOf(l, B, C, j);
          expect(rel(s.step(j), t)).toBeLessThan(1e-12);
          moment += j * t;
          sum += t;
        }
        expect(rel(s.sum(k), sum)).toBeLessThan(1e-9);
        expect(rel(s.moment(k), moment)).toBeLessThan(1e-9);
        // completedBy: largest n with sum(n) ≤ elapsed, for an elapsed time inside step k.
        const elapsed = s.sum(k) + frac * s.step(k) * 0.999;
        const n = s.completedBy(elapsed);
        expect(n).toBe(k);
        expect(s.sum(n)).toBeLessThanOrEqual(elapsed);
        expect(s.sum(n + 1)).toBeGreaterThan(elapsed);
        // ∫ n(s) ds by brute force.
        let integral = 0;
        let acc = 0;
        for (let j = 0; j < n; j++) {
          acc += stepOf(l, B, C, j);
          integral += elapsed - acc;
        }
        const got = s.completedIntegral(elapsed, n);
        expect(Math.abs(got - integral)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(integral), elapsed * n));
      }),
      { numRuns: 400 },
    );
  });

  it('completedBy at exact step boundaries and before the first step', () => {
    const s = new DecodeSeries();
    s.set(Float64Array.from([0.01, 1e-7, 0.005, 3e-7]), 8, 1000);
    expect(s.completedBy(0)).toBe(0);
    expect(s.completedBy(s.step(0) * 0.5)).toBe(0);
    for (let k = 1; k < 50; k++) expect(s.completedBy(s.sum(k))).toBe(k);
  });
});
