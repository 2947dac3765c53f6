import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomLogNormal, randomNormal } from 'd3-random';
import { streamFor } from '../../src/engine/random.js';
import { lengthSampler, polarNormal } from '../../src/workload/lengths.js';

/** The hand-written normal must be d3-random's sequence exactly, so seeds keep their meaning. */
describe('polarNormal', () => {
  it('draws the same numbers as d3-random randomNormal on the same source, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true }), (seed, mu, sigma) => {
        const ours = polarNormal(streamFor(seed, 'x'), mu, sigma);
        const d3 = randomNormal.source(streamFor(seed, 'x'))(mu, sigma);
        for (let i = 0; i < 101; i++) if (!Object.is(ours(), d3())) return false;
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('the lognormal length sampler is d3 randomLogNormal, rounded and clamped', () => {
    const ours = lengthSampler({ dist: 'lognormal', median: 500, sigma: 0.8, min: 20, max: 3000 }, streamFor(7, 'prompt/chat'), 0);
    const d3 = randomLogNormal.source(streamFor(7, 'prompt/chat'))(Math.log(500), 0.8);
    let clampedLow = 0;
    let clampedHigh = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = Math.round(d3());
      const want = r < 20 ? 20 : r > 3000 ? 3000 : r;
      if (want === 20) clampedLow++;
      if (want === 3000) clampedHigh++;
      expect(ours()).toBe(want);
    }
    expect(clampedLow).toBeGreaterThan(0);
    expect(clampedHigh).toBeGreaterThan(0);
  });

  it('normal lengths respect the floor', () => {
    const s = lengthSampler({ dist: 'normal', mean: 2, sd: 5 }, streamFor(1, 'out'), 1);
    for (let i = 0; i < 10_000; i++) expect(s()).toBeGreaterThanOrEqual(1);
  });
});
