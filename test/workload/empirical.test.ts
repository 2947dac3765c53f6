import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { UserError } from '../../src/errors.js';
import { lengthSampler, meanLength } from '../../src/workload/lengths.js';

const scenario = (percentiles: string) => `
horizon: 1m
workload:
  c:
    rate: 1/s
    prompt: { dist: empirical, percentiles: ${percentiles} }
fleet:
  pools:
    - { service: constant(1ms), replicas: 1 }
`;

describe('empirical length distributions', () => {
  it('decreasing percentile values are an input error naming the key (not silently clamped)', () => {
    try {
      loadScenarioText(scenario('{ p0: 10, p50: 5, p100: 30 }'), 's.yaml');
      throw new Error('expected a UserError');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toMatch(/percentiles\.p50: percentile values must not decrease/);
    }
  });

  it('samples and means follow the piecewise-linear inverse CDF (one implementation for simulator, fit and check)', () => {
    const dist = { dist: 'empirical' as const, percentiles: { p0: 0, p50: 10, p100: 30 } };
    let u = 0;
    const draw = lengthSampler(dist, () => u);
    u = 0.25;
    expect(draw()).toBe(5);
    u = 0.75;
    expect(draw()).toBe(20);
    expect(meanLength(dist)).toBeCloseTo(0.5 * 5 + 0.5 * 20, 12);
  });
});
