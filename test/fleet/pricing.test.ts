import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { simulate } from '../../src/simulate/simulate.js';

const text = (pricing: string, extra = '') => `
horizon: 1h
workload:
  c: { rate: 0/s }
fleet:
  pools:
    - { name: p, model: llama-3.1-8b, gpu: H100, replicas: 2, region: r1, pricing: ${pricing} }
regions:
  r1:
    gpuPrices: { H100: $5/h }
${extra}`;

describe('pool pricing', () => {
  it('reserved pricing applies the region discount to every provisioned replica-second', () => {
    const od = simulate(loadScenarioText(text('on-demand', '    reservedDiscount: 40%')).resolved);
    const rs = simulate(loadScenarioText(text('reserved', '    reservedDiscount: 40%')).resolved);
    expect(od.summary['pool.p.cost'].mean).toBeCloseTo(10, 9);
    expect(rs.summary['pool.p.cost'].mean).toBeCloseTo(6, 9);
  });

  it('reserved pricing without a known discount is an input error naming the field', () => {
    expect(() => loadScenarioText(text('reserved'), 's.yaml')).toThrow(/pricing.*reservedDiscount|reservedDiscount/s);
  });
});
