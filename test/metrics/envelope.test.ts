import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { envelope } from '../../src/metrics/envelope.js';
import { Welford } from '../../src/metrics/welford.js';
import { studentT975 } from '../../src/metrics/internal/studentT.js';

/** P(|T| ≤ t) for Student's t with integer ν, closed form (Abramowitz & Stegun 26.7.3). */
function tCentralProbability(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  if (nu % 2 === 1) {
    let s = 0;
    if (nu > 1) {
      let term = Math.cos(theta);
      s = term;
      for (let k = 3; k <= nu - 2; k += 2) { term *= ((k - 1) / k) * c2; s += term; }
    }
    return (2 / Math.PI) * (theta + Math.sin(theta) * s);
  }
  let term = 1;
  let s = 1;
  for (let k = 2; k <= nu - 2; k += 2) { term *= ((k - 1) / k) * c2; s += term; }
  return Math.sin(theta) * s;
}

describe('studentT975', () => {
  it('is the 0.975 quantile: table (ν ≤ 30) to 1e-8, expansion (ν > 30) to 1e-6', () => {
    for (let nu = 1; nu <= 400; nu++) {
      let lo = 1.9;
      let hi = 13;
      for (let i = 0; i < 100; i++) {
        const m = (lo + hi) / 2;
        if (tCentralProbability(m, nu) < 0.95) lo = m; else hi = m;
      }
      expect(Math.abs(studentT975(nu) - lo)).toBeLessThan(nu <= 30 ? 1e-8 : 1e-6);
    }
    expect(() => studentT975(0)).toThrow(RangeError);
  });
});

describe('envelope', () => {
  it('matches hand-computed values for 1..5', () => {
    const e = envelope([5, 3, 1, 4, 2]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(e.p5).toBeCloseTo(1.2, 12); // h = 4 · 0.05 = 0.2
    expect(e.p95).toBeCloseTo(4.8, 12); // h = 3.8
    const half = (2.776445105 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(e.ci95Low).toBeCloseTo(3 - half, 9);
    expect(e.ci95High).toBeCloseTo(3 + half, 9);
  });

  it('one replication: band collapses, sd and CI are NaN; empty or non-finite input throws', () => {
    const e = envelope([7]);
    expect([e.mean, e.p5, e.p95]).toEqual([7, 7, 7]);
    expect(e.sd).toBeNaN();
    expect(e.ci95Low).toBeNaN();
    expect(() => envelope([])).toThrow(RangeError);
    expect(() => envelope([1, NaN])).toThrow(RangeError);
  });

  it('orders p5 ≤ mean-ish ≤ p95 and the CI contains the mean', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
      const e = envelope(xs);
      expect(e.p5).toBeLessThanOrEqual(e.p95);
      expect(e.p5).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(e.p95).toBeLessThanOrEqual(Math.max(...xs));
      expect(e.ci95Low).toBeLessThanOrEqual(e.mean);
      expect(e.ci95High).toBeGreaterThanOrEqual(e.mean);
    }));
  });
});

describe('Welford', () => {
  it('agrees with the two-pass mean and variance, and merge agrees with one pass', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }), (xs, ys) => {
        const all = [...xs, ...ys];
        const a = new Welford();
        const b = new Welford();
        const one = new Welford();
        xs.forEach((x) => { a.add(x); one.add(x); });
        ys.forEach((y) => { b.add(y); one.add(y); });
        a.merge(b);
        expect(a.count).toBe(all.length);
        if (all.length === 0) { expect(a.mean).toBeNaN(); return; }
        const mean = all.reduce((s, x) => s + x, 0) / all.length;
        expect(a.mean).toBeCloseTo(mean, 6);
        expect(one.mean).toBeCloseTo(mean, 6);
        if (all.length < 2) { expect(a.variance).toBeNaN(); return; }
        const v = all.reduce((s, x) => s + (x - mean) ** 2, 0) / (all.length - 1);
        const tol = 1e-9 * Math.max(1, v);
        expect(Math.abs(a.variance - v)).toBeLessThan(tol);
        expect(Math.abs(one.variance - v)).toBeLessThan(tol);
        expect(a.sd).toBeCloseTo(Math.sqrt(a.variance), 12);
      }));
  });

  it('is stable for large offsets', () => {
    const w = new Welford();
    for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) w.add(x);
    expect(w.mean).toBe(1e9 + 10);
    expect(w.variance).toBeCloseTo(30, 9);
    expect(w.populationVariance).toBeCloseTo(22.5, 9);
    w.reset();
    expect(w.count).toBe(0);
    expect(() => w.add(Infinity)).toThrow(RangeError);
  });
});
