import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import type { ResolvedLlmPool } from '../../src/scenario/resolve.js';

const scenario = (region: string, regions = '', gpu = 'H100', pool = '') => `
horizon: 1m
workload:
  chat: { rate: 1/s, prompt: 100, output: 10 }
fleet:
  pools:
    - { model: llama-3.1-8b, gpu: ${gpu}, replicas: 1, region: ${region}${pool} }
${regions}`;

const pool = (text: string) => {
  const r = loadScenarioText(text).resolved;
  return { pool: r.pools[0] as ResolvedLlmPool, warnings: r.warnings };
};
const perKWh = (x: number) => x * 3.6e6;

describe('scenario regions fall back to the region catalog', () => {
  it('us-east-1 H100 without a regions block gets $6.88/GPU-h and the data carbon intensity', () => {
    const { pool: p, warnings } = pool(scenario('us-east-1'));
    expect(p.usdPerGpuSecond * 3600).toBeCloseTo(6.88, 9);
    expect(p.priceSource).toMatch(/^catalog: aws us-east-1 p5\.48xlarge/);
    expect(warnings).toEqual([]);
    expect(perKWh(p.region.carbonKgPerJ) * 1000).toBeCloseTo(396.25, 6); // GSF 2024, g/kWh
    expect(p.region.pue).toBe(1.15);
    expect(p.region.provider).toBe('aws');
    expect(p.region.sources.carbonIntensity).toMatch(/^catalog: GSF .* 2024/);
    expect(p.region.spotUsdPerGpuSecond.H100 * 3600).toBeCloseTo(21.1543 / 8, 5);
    expect(p.region.reservedDiscount).toBe(0.4);
    expect(p.region.egressUsdPerByte! * 1e9).toBeCloseTo(0.09, 12);
    expect(p.region.crossRegionUsdPerByte! * 1e9).toBeCloseTo(0.02, 12);
    expect(p.region.billingGranularityS).toBe(1);
    expect(p.region.billingMinimumS).toBe(60);
    expect(p.region.capacityGpus).toBeUndefined();
  });

  it('eu-north-1 gets its price, PUE and carbon', () => {
    const { pool: p } = pool(scenario('eu-north-1'));
    expect(p.usdPerGpuSecond * 3600).toBeCloseTo(58.8928 / 8, 9);
    expect(p.region.pue).toBe(1.1);
    expect(perKWh(p.region.carbonKgPerJ) * 1000).toBeCloseTo(24.71, 6);
  });

  it('the scenario block overrides the catalog per field; the pool price overrides both', () => {
    const block = `regions:
  us-east-1:
    gpuPrices: { H100: $3.00/h }
    spotPrices: { h100: $1.00/h }
    pue: 1.3
    egressPerGB: $0.05/GB
    capacityGpus: { H100: 64 }
    reservedDiscount: 30%
    billingGranularity: 1h
`;
    const { pool: p } = pool(scenario('us-east-1', block));
    expect(p.usdPerGpuSecond * 3600).toBeCloseTo(3, 9);
    expect(p.priceSource).toBe('scenario: regions.us-east-1.gpuPrices.H100');
    expect(p.region.pue).toBe(1.3);
    expect(p.region.sources.pue).toBe('scenario: regions.us-east-1.pue');
    expect(perKWh(p.region.carbonKgPerJ) * 1000).toBeCloseTo(396.25, 6); // not given: still the catalog's
    expect(p.region.spotUsdPerGpuSecond.H100 * 3600).toBeCloseTo(1, 9);
    expect(p.region.spotUsdPerGpuSecond.H200 * 3600).toBeCloseTo(17.2074 / 8, 5); // other GPUs keep the catalog spot
    expect(p.region.egressUsdPerByte! * 1e9).toBeCloseTo(0.05, 12);
    expect(p.region.crossRegionUsdPerByte! * 1e9).toBeCloseTo(0.02, 12);
    expect(p.region.capacityGpus).toEqual({ H100: 64 });
    expect(p.region.reservedDiscount).toBeCloseTo(0.3, 12);
    expect(p.region.billingGranularityS).toBe(3600);

    const { pool: q } = pool(scenario('us-east-1', block, 'H100', ', pricePerGpuHour: $2/h'));
    expect(q.usdPerGpuSecond * 3600).toBeCloseTo(2, 9);
    expect(q.priceSource).toBe('scenario: fleet.pools[].pricePerGpuHour');
  });

  it('a catalog region without a price for the GPU, or an unknown region, warns and counts $0', () => {
    const { pool: p, warnings } = pool(scenario('eu-west-1', '', 'H100'));
    expect(p.usdPerGpuSecond).toBe(0);
    expect(p.priceSource).toBe('none');
    expect(warnings).toEqual(['pool "llama-3.1-8b@H100": no price for H100 in region eu-west-1; cost counted as $0']);

    const { pool: u, warnings: w } = pool(scenario('on-prem-1'));
    expect(w).toEqual(['pool "llama-3.1-8b@H100": no price for H100 in region on-prem-1; cost counted as $0']);
    expect(u.region).toMatchObject({ pue: 1.2, inletC: 25, provider: undefined, reservedDiscount: undefined, egressUsdPerByte: undefined });
    expect(perKWh(u.region.carbonKgPerJ) * 1000).toBeCloseTo(400, 9);
    expect(perKWh(u.region.electricityUsdPerJ)).toBeCloseTo(0.1, 12);
    expect(u.region.sources.pue).toBe('default');
  });

  it('an unknown region with a regions block uses it, defaults filling the rest', () => {
    const { pool: p, warnings } = pool(scenario('on-prem-1', 'regions:\n  on-prem-1: { gpuPrices: { H100: $2.5/h }, carbonIntensity: 50g/kWh }\n'));
    expect(warnings).toEqual([]);
    expect(p.usdPerGpuSecond * 3600).toBeCloseTo(2.5, 9);
    expect(perKWh(p.region.carbonKgPerJ) * 1000).toBeCloseTo(50, 9);
    expect(p.region.pue).toBe(1.2);
  });
});
