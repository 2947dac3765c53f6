import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WindowedSeries } from '../../src/metrics/windowed.js';
import { WindowedQuantiles } from '../../src/metrics/windowedQuantiles.js';

describe('WindowedSeries', () => {
  it('sizes windows as ⌈horizon / window⌉ with a shorter last window (default 300 s)', () => {
    const s = new WindowedSeries(3600);
    expect(s.window).toBe(300);
    expect(s.length).toBe(12);
    const p = new WindowedSeries(1000, 300);
    expect(p.length).toBe(4);
    expect(p.windowDuration(3)).toBe(100);
    expect(p.windowStart(3)).toBe(900);
    expect(() => new WindowedSeries(0)).toThrow(RangeError);
  });

  it('counts instants into their window; horizon belongs to the last; outside is reported', () => {
    const s = new WindowedSeries(1000, 300);
    s.add(0, 1);
    s.add(299.999, 1);
    s.add(300, 2);
    s.add(1000, 5);
    s.add(1000.1, 7);
    s.add(-1, 11);
    expect(Array.from(s.sums())).toEqual([2, 2, 0, 5]);
    expect(s.outside).toBe(18);
    expect(s.means()[3]).toBe(5 / 100);
  });

  it('integrates a gauge across window boundaries exactly', () => {
    const s = new WindowedSeries(1000, 300);
    s.integrate(250, 950, 2); // 50 s in w0, 300 in w1, 300 in w2, 50 in w3
    expect(Array.from(s.sums())).toEqual([100, 600, 600, 100]);
    expect(Array.from(s.means())).toEqual([100 / 300, 2, 2, 1]);
    s.integrate(900, 1100, 1); // 100 s inside, 100 s past the horizon
    expect(s.sums()[3]).toBe(200);
    expect(s.outside).toBe(100);
    expect(() => s.integrate(5, 4, 1)).toThrow(RangeError);
  });

  it('conserves the integral for random segments, and merge adds window by window', () => {
    const seg = fc.record({ a: fc.double({ min: -100, max: 2000, noNaN: true }), d: fc.double({ min: 0, max: 800, noNaN: true }), v: fc.double({ min: -5, max: 5, noNaN: true }) });
    fc.assert(fc.property(fc.array(seg, { maxLength: 50 }), (segs) => {
      const s = new WindowedSeries(1234.5, 300);
      const other = new WindowedSeries(1234.5, 300);
      let total = 0;
      for (const { a, d, v } of segs) {
        s.integrate(a, a + d, v);
        other.add(Math.max(0, a), v);
        total += v * d;
      }
      const binned = s.sums().reduce((x, y) => x + y, 0);
      expect(binned + s.outside).toBeCloseTo(total, 6);
      const before = s.sums();
      s.merge(other);
      const after = s.sums();
      const o = other.sums();
      for (let i = 0; i < s.length; i++) expect(after[i]).toBeCloseTo(before[i] + o[i], 9);
    }));
    expect(() => new WindowedSeries(10, 5).merge(new WindowedSeries(10, 2))).toThrow(RangeError);
  });
});

describe('WindowedQuantiles', () => {
  it('reports per-window percentiles within the coarse bound, NaN for empty windows', () => {
    const q = new WindowedQuantiles(900);
    for (let i = 0; i < 1000; i++) q.record(i * 0.3, 1 + i / 1000); // window 0: 1.0..1.999 (t < 300)
    for (let i = 1; i <= 100; i++) q.record(600 + i, i); // window 2: 1..100
    q.record(901, 1);
    const p50 = q.percentiles(50);
    expect(Math.abs(p50[0] - 1.499) / 1.499).toBeLessThanOrEqual(0.025);
    expect(p50[1]).toBeNaN();
    expect(Math.abs(q.percentiles(95)[2] - 95) / 95).toBeLessThanOrEqual(0.025);
    expect(Array.from(q.counts())).toEqual([1000, 0, 100]);
    expect(q.outside).toBe(1);
    expect(q.histogram(0).gamma).toBe(1.05);
  });

  it('round-trips through JSON and merges', () => {
    const a = new WindowedQuantiles(600, { window: 60 });
    const b = new WindowedQuantiles(600, { window: 60 });
    for (let i = 0; i < 600; i++) { a.record(i, 0.01 * (i % 37)); b.record(599 - i, 0.02 * (i % 11)); }
    const back = WindowedQuantiles.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(back.toJSON()).toEqual(a.toJSON());
    a.merge(b);
    expect(a.counts().reduce((x, y) => x + y, 0)).toBe(1200);
    expect(() => a.merge(new WindowedQuantiles(600))).toThrow(RangeError);
  });
});
