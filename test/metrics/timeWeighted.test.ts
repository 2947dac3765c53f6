import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeWeightedGauge } from '../../src/metrics/timeWeighted.js';
import { WindowedSeries } from '../../src/metrics/windowed.js';

describe('TimeWeightedGauge', () => {
  it('integrates a step function and reports mean and max', () => {
    const g = new TimeWeightedGauge();
    g.set(0, 2); // [0, 10): 2
    g.add(10, 3); // [10, 15): 5
    g.set(15, 0); // [15, 20): 0
    expect(g.value).toBe(0);
    expect(g.integral(20)).toBe(2 * 10 + 5 * 5);
    expect(g.mean(20)).toBeCloseTo(45 / 20, 12);
    expect(g.max).toBe(5);
    expect(g.lastTime).toBe(15); // integral/mean do not mutate
  });

  it('counts only from startAt (warm-up excluded), including the value current at startAt', () => {
    const g = new TimeWeightedGauge({ startAt: 100 });
    g.set(0, 50); // warm-up peak: not counted
    g.set(90, 4); // held across startAt
    g.set(110, 6);
    expect(g.integral(120)).toBe(4 * 10 + 6 * 10);
    expect(g.mean(120)).toBe(5);
    expect(g.max).toBe(6);
    expect(new TimeWeightedGauge({ startAt: 100 }).mean(50)).toBeNaN();
  });

  it('a momentary peak counts toward max but not toward the integral', () => {
    const g = new TimeWeightedGauge();
    g.add(1, 1);
    g.add(1, -1);
    expect(g.max).toBe(1);
    expect(g.integral(2)).toBe(0);
  });

  it('rejects time going backwards and non-finite values', () => {
    const g = new TimeWeightedGauge();
    g.set(5, 1);
    expect(() => g.set(4, 1)).toThrow(RangeError);
    expect(() => g.integral(4)).toThrow(RangeError);
    expect(() => g.set(6, NaN)).toThrow(RangeError);
  });

  it('equals brute-force integration of random step functions, and feeds a windowed series', () => {
    const step = fc.record({ dt: fc.double({ min: 0, max: 50, noNaN: true }), v: fc.double({ min: -100, max: 100, noNaN: true }) });
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), fc.double({ min: 0, max: 500, noNaN: true }), (steps, startAt) => {
      const series = new WindowedSeries(5000, 60);
      const g = new TimeWeightedGauge({ startAt, series });
      let t = 0;
      let v = 0;
      let area = 0;
      let areaAll = 0;
      let peak = startAt <= 0 ? 0 : -Infinity;
      for (const s of steps) {
        const t1 = t + s.dt;
        area += v * Math.max(0, t1 - Math.max(t, startAt));
        areaAll += v * (t1 - t);
        if (t1 > startAt && t1 > t) peak = Math.max(peak, v);
        if (t1 >= startAt) peak = Math.max(peak, s.v);
        t = t1;
        v = s.v;
        g.set(t, v);
      }
      const end = t + 1;
      area += v * Math.max(0, end - Math.max(t, startAt));
      areaAll += v * (end - t);
      if (end > startAt) peak = Math.max(peak, v);
      g.advance(end);
      expect(g.integral(end)).toBeCloseTo(area, 6);
      expect(g.max).toBe(peak);
      const binned = series.sums().reduce((s, x) => s + x, 0);
      expect(binned).toBeCloseTo(areaAll, 6);
    }));
  });
});
