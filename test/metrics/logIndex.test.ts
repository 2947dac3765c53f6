import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogBucketIndex, referenceIndex } from '../../src/metrics/internal/logIndex.js';

const view = new DataView(new ArrayBuffer(8));
/** The double `steps` ulps away from positive x. */
function ulps(x: number, steps: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(steps));
  return view.getFloat64(0);
}

const layouts: [number, number, number][] = [
  [1.02, 1e-9, 1e12], // LogHistogram defaults
  [1.05, 1e-6, 1e7], // per-window latency histograms
  [1.3, 0.5, 3],
];

describe('LogBucketIndex', () => {
  for (const [gamma, minValue, maxValue] of layouts) {
    const ix = new LogBucketIndex(gamma, minValue, maxValue);
    const inv = 1 / Math.log(gamma);
    const ref = (v: number) => referenceIndex(v, inv, ix.minIndex, ix.maxIndex);

    it(`equals ceil(ln v / ln γ) at and around every bucket boundary (γ ${gamma}, [${minValue}, ${maxValue}])`, () => {
      let checked = 0;
      for (let i = ix.minIndex; i <= ix.maxIndex; i++) {
        const b = Math.exp(i * Math.log(gamma));
        for (let d = -4; d <= 4; d++) {
          const v = ulps(b, d);
          if (v < minValue || v > maxValue) continue;
          expect(ix.indexOf(v)).toBe(ref(v));
          checked++;
        }
      }
      for (const v of [minValue, ulps(minValue, 1), maxValue, ulps(maxValue, -1)]) expect(ix.indexOf(v)).toBe(ref(v));
      expect(checked).toBeGreaterThan(8 * (ix.maxIndex - ix.minIndex));
    });

    it(`equals the reference for random values (γ ${gamma})`, () => {
      const lnMin = Math.log(minValue);
      const lnMax = Math.log(maxValue);
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (u) => {
          const v = Math.min(maxValue, Math.max(minValue, Math.exp(lnMin + u * (lnMax - lnMin))));
          return ix.indexOf(v) === ref(v);
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('is monotone and moves one bucket at a time across a boundary', () => {
    const ix = new LogBucketIndex(1.02, 1e-9, 1e12);
    const b = Math.exp(100 * Math.log(1.02));
    let below = ix.indexOf(ulps(b, -50));
    for (let d = -49; d <= 50; d++) {
      const here = ix.indexOf(ulps(b, d));
      expect(here - below === 0 || here - below === 1).toBe(true);
      below = here;
    }
  });
});
