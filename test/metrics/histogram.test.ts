import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogHistogram } from '../../src/metrics/histogram.js';
import { nearestRank } from '../../src/metrics/internal/rank.js';

/** Exact nearest-rank percentile of a sorted sample: the convention LogHistogram promises. */
function exactPercentile(sorted: number[], p: number): number {
  return sorted[nearestRank(p, sorted.length) - 1];
}

function relErr(approx: number, exact: number): number {
  return exact === 0 ? Math.abs(approx) : Math.abs(approx - exact) / exact;
}

/** Values over 1e-6 .. 1e7 (log-uniform), with some exact zeros and many duplicates. */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: Math.log(1e-6), max: Math.log(1e7), noNaN: true }).map(Math.exp) },
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constantFrom(1, 1.02, 0.5, 1e-6, 1e7) },
);
const percentiles = [0, 0.1, 1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

describe('LogHistogram', () => {
  it('every percentile is within 1 % of the exact nearest-rank order statistic', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 2000, size: 'max' }), fc.double({ min: 0, max: 100, noNaN: true }), (xs, pRandom) => {
        const h = new LogHistogram();
        for (const x of xs) h.record(x);
        const sorted = xs.slice().sort((a, b) => a - b);
        for (const p of [...percentiles, pRandom]) {
          const err = relErr(h.percentile(p), exactPercentile(sorted, p));
          if (!(err <= 0.01)) throw new Error(`p${p}: ${h.percentile(p)} vs ${exactPercentile(sorted, p)} (err ${err})`);
          expect(err).toBeLessThanOrEqual(h.relativeError + 1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the bound for a coarser gamma (1.05 → 2.47 %)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 500 }), (xs) => {
        const h = new LogHistogram({ gamma: 1.05 });
        for (const x of xs) h.record(x);
        const sorted = xs.slice().sort((a, b) => a - b);
        for (const p of percentiles) expect(relErr(h.percentile(p), exactPercentile(sorted, p))).toBeLessThanOrEqual(0.0247);
      }),
      { numRuns: 100 },
    );
  });

  it('merge(a, b) equals the histogram of the concatenation', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 500 }), fc.array(value, { maxLength: 500 }), (xs, ys) => {
        const a = new LogHistogram();
        const b = new LogHistogram();
        const all = new LogHistogram();
        for (const x of xs) { a.record(x); all.record(x); }
        for (const y of ys) { b.record(y); all.record(y); }
        a.merge(b);
        const ja = a.toJSON();
        const jall = all.toJSON();
        expect(ja.sum).toBeCloseTo(jall.sum, 6);
        expect({ ...ja, sum: 0 }).toEqual({ ...jall, sum: 0 });
        for (const p of percentiles) expect(a.percentile(p)).toBe(all.percentile(p));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips through JSON, compactly', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 500 }), (xs) => {
        const h = new LogHistogram();
        for (const x of xs) h.record(x);
        const json = JSON.parse(JSON.stringify(h.toJSON()));
        const back = LogHistogram.fromJSON(json);
        expect(back.toJSON()).toEqual(h.toJSON());
        for (const p of percentiles) expect(back.percentile(p)).toEqual(h.percentile(p));
      }),
      { numRuns: 100 },
    );
    const h = new LogHistogram();
    for (let i = 0; i < 100_000; i++) h.record(0.1 + (i % 10) * 1e-3);
    expect(h.toJSON().bins.length).toBeLessThanOrEqual(2 * 10);
  });

  it('rejects a malformed JSON document', () => {
    const j = new LogHistogram();
    j.record(1);
    expect(() => LogHistogram.fromJSON({ ...j.toJSON(), count: 2 })).toThrow(RangeError);
    expect(() => LogHistogram.fromJSON({ ...j.toJSON(), bins: [1] })).toThrow(RangeError);
  });

  it('recordN(v, n) equals n records of v', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    a.recordN(0.25, 7);
    a.recordN(3, 0);
    for (let i = 0; i < 7; i++) b.record(0.25);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('counts zero exactly and reports count, sum, mean, min, max', () => {
    const h = new LogHistogram();
    expect(h.percentile(50)).toBeNaN();
    expect(h.mean).toBeNaN();
    for (const x of [0, 0, 0, 2, 4]) h.record(x);
    expect(h.count).toBe(5);
    expect(h.sum).toBe(6);
    expect(h.mean).toBeCloseTo(1.2, 12);
    expect(h.min).toBe(0);
    expect(h.max).toBe(4);
    expect(h.zeroCount).toBe(3);
    expect(h.percentile(60)).toBe(0);
    expect(h.percentile(61)).toBeCloseTo(2, 1);
    expect(h.percentile(100)).toBe(4);
  });

  it('counts and reports under- and overflow', () => {
    const h = new LogHistogram({ minValue: 1e-3, maxValue: 1e3 });
    h.record(1e-5);
    h.record(1);
    h.record(1e5);
    h.record(2e5);
    expect(h.underflowCount).toBe(1);
    expect(h.overflowCount).toBe(2);
    expect(h.percentile(0)).toBe(1e-5);
    expect(h.percentile(75)).toBe(1e3);
    expect(h.percentile(100)).toBe(2e5);
    const wide = new LogHistogram();
    wide.record(1e-6);
    wide.record(1e7);
    expect(wide.underflowCount + wide.overflowCount).toBe(0);
  });

  it('rejects negative, NaN and infinite values and bad percentiles', () => {
    const h = new LogHistogram();
    expect(() => h.record(-1)).toThrow(RangeError);
    expect(() => h.record(NaN)).toThrow(RangeError);
    expect(() => h.record(Infinity)).toThrow(RangeError);
    expect(() => h.recordN(1, 1.5)).toThrow(RangeError);
    expect(() => h.percentile(101)).toThrow(RangeError);
    expect(() => new LogHistogram({ gamma: 1 })).toThrow(RangeError);
    expect(() => h.merge(new LogHistogram({ gamma: 1.05 }))).toThrow(RangeError);
  });

  it('gives a cdf consistent with percentile', () => {
    const h = new LogHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 1000);
    const { x, p } = h.cdf();
    expect(p[p.length - 1]).toBe(1);
    for (let i = 1; i < x.length; i++) {
      expect(x[i]).toBeGreaterThanOrEqual(x[i - 1]);
      expect(p[i]).toBeGreaterThan(p[i - 1]);
    }
    const at = h.cdf([0, h.percentile(50), 10]);
    expect(at.p[0]).toBe(0);
    expect(at.p[1]).toBeGreaterThanOrEqual(0.5);
    expect(at.p[1]).toBeLessThan(0.52);
    expect(at.p[2]).toBe(1);
  });

  it('grows across a wide range downward and upward, and reset keeps it usable', () => {
    const h = new LogHistogram();
    const xs = [1, 1e6, 1e-6, 3e-4, 7e3, 2];
    for (const x of xs) h.record(x);
    const sorted = xs.slice().sort((a, b) => a - b);
    for (const p of percentiles) expect(relErr(h.percentile(p), exactPercentile(sorted, p))).toBeLessThanOrEqual(0.01);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.toJSON().bins).toEqual([]);
    h.record(5);
    expect(h.percentile(50)).toBe(5);
  });
});
