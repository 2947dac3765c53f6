import { describe, expect, it } from 'vitest';
import { findRegion, listRegions, regionGpuPrice, unknownRegionMessage } from '../../src/catalog/regions.js';
import { listGpus } from '../../src/catalog/index.js';

const KNOWN_GPUS = new Set([...listGpus().map((g) => g.id), 'A100-40GB', 'H100-NVL']);

describe('region catalog: look-ups', () => {
  it('finds regions by id, case-insensitively, with an optional provider prefix', () => {
    expect(findRegion('us-east-1')?.provider).toBe('aws');
    expect(findRegion('US-EAST-1')?.id).toBe('us-east-1');
    expect(findRegion('gcp:us-central1')?.name).toBe('Iowa');
    expect(findRegion('azure/eastus')?.provider).toBe('azure');
    expect(findRegion('gcp:us-east-1')).toBeUndefined();
    expect(findRegion('mars-1')).toBeUndefined();
    expect(unknownRegionMessage('us-east1x')).toMatch(/us-east1/);
  });

  it('holds every AWS, GCP and Azure region of the price data, and the key carbon regions', () => {
    const ids = new Set(listRegions().map((r) => `${r.provider}:${r.id}`));
    for (const id of ['aws:us-east-1', 'aws:eu-north-1', 'aws:ap-southeast-3', 'aws:me-central-1', 'gcp:us-central1', 'gcp:europe-west4',
      'gcp:me-central2', 'azure:eastus', 'azure:southcentralus', 'azure:westus3', 'azure:swedencentral', 'azure:japaneast']) {
      expect(ids, id).toContain(id);
    }
    expect(listRegions().length).toBeGreaterThanOrEqual(130);
    expect(new Set(listRegions().map((r) => r.id)).size).toBe(listRegions().length); // ids unique across providers
  });

  it('us-east-1 H100 is p5.48xlarge $55.04/h ÷ 8 = $6.88/GPU-h, with a spot price below it', () => {
    const h100 = regionGpuPrice(findRegion('us-east-1')!, 'H100')!;
    expect(h100.instance).toBe('p5.48xlarge');
    expect(h100.gpusPerInstance).toBe(8);
    expect(h100.onDemandUsdPerHour).toBeCloseTo(55.04 / 8, 9);
    expect(h100.spotUsdPerHour!).toBeLessThan(h100.onDemandUsdPerHour);
    expect(h100.source).toMatch(/p5\.48xlarge \$55\.04\/h ÷ 8/);
  });

  it('GCP prices add the host share to the accelerator, and leave out the inconsistent H100 rows', () => {
    const a100 = regionGpuPrice(findRegion('us-central1')!, 'A100-80GB')!;
    expect(a100.onDemandUsdPerHour).toBeCloseTo(14.76958 / 8 + 8.79698 / 8, 5); // accelerator + a2-ultragpu-8g host
    // us-central1 a3-highgpu H100 component ($33.60609 for 8, repeated in 7 regions) is flagged; a3-mega is used instead.
    const h100 = regionGpuPrice(findRegion('us-central1')!, 'H100')!;
    expect(h100.instance).toBe('a3-megagpu-8g');
    expect(h100.onDemandUsdPerHour).toBeGreaterThan(82.75421 / 8);
    expect(regionGpuPrice(findRegion('asia-northeast1')!, 'H100')).toBeUndefined();
  });

  it('Azure H100 rows list no spot price (the excerpt has none), H100 NVL is kept apart from H100', () => {
    const eastus = findRegion('eastus')!;
    expect(regionGpuPrice(eastus, 'H100')!.onDemandUsdPerHour).toBeCloseTo(98.32 / 8, 9);
    expect(regionGpuPrice(eastus, 'H100')!.spotUsdPerHour).toBeUndefined();
    expect(regionGpuPrice(findRegion('westus3')!, 'H100')).toBeUndefined();
    expect(regionGpuPrice(findRegion('westus3')!, 'H100-NVL')).toBeDefined();
  });

  it('carbon is the most recent year of the data with its source', () => {
    const eun1 = findRegion('eu-north-1')!;
    expect(eun1.carbon).toMatchObject({ gPerKWh: 24.71, year: 2024 });
    expect(eun1.carbon.source).toMatch(/GSF/);
    expect(findRegion('us-central1')!.carbon).toMatchObject({ gPerKWh: 412.72, year: 2024 });
    expect(findRegion('us-central1')!.carbon.source).toMatch(/region-carbon-info 2024/);
    expect(findRegion('eu-west-2')!.carbon.year).toBe(2023); // no 2024 row for London
    expect(findRegion('northeurope')!.pue.value).toBe(1.19); // the Ireland row, not the Finland one
  });

  it('PUE is provider-reported where the data has it, else the provider fleet average, and says which', () => {
    expect(findRegion('us-east-1')!.pue).toMatchObject({ value: 1.15, scope: 'region' });
    const fleet = findRegion('eu-west-2')!.pue;
    expect(fleet).toMatchObject({ value: 1.135, scope: 'fleet' });
    expect(fleet.source).toMatch(/fleet average/);
  });

  it('every figure of every region is present, finite and positive, with a source and a date', () => {
    for (const r of listRegions()) {
      const where = `${r.provider}:${r.id}`;
      expect(r.name.length, where).toBeGreaterThan(0);
      expect(r.utcOffsetHours, where).toBeGreaterThanOrEqual(-12);
      expect(r.utcOffsetHours, where).toBeLessThanOrEqual(14);
      const figures: [string, number, { source: string; date: string }][] = [
        ['carbon', r.carbon.gPerKWh, r.carbon], ['pue', r.pue.value - 1, r.pue], ['electricity', r.electricity.usdPerKWh, r.electricity],
        ['inlet', r.inlet.celsius, r.inlet], ['egress', r.egress.internetUsdPerGB, r.egress], ['crossRegion', r.egress.crossRegionUsdPerGB, r.egress],
        ['reserved', r.reservedDiscount.fraction, r.reservedDiscount], ['billing', r.billing.granularityS, r.billing],
      ];
      for (const [name, v, s] of figures) {
        expect(Number.isFinite(v) && v > 0, `${where} ${name} = ${v}`).toBe(true);
        expect(s.source.length, `${where} ${name} source`).toBeGreaterThan(0);
        expect(s.date.length, `${where} ${name} date`).toBeGreaterThan(0);
      }
      expect(r.reservedDiscount.fraction).toBeLessThan(1);
      expect(r.capacityGpus, where).toBeUndefined();
      for (const g of r.gpuPrices) {
        expect(KNOWN_GPUS, `${where} ${g.gpu}`).toContain(g.gpu);
        expect(g.onDemandUsdPerHour, `${where} ${g.gpu}`).toBeGreaterThan(0);
        if (g.spotUsdPerHour !== undefined) expect(g.spotUsdPerHour, `${where} ${g.gpu} spot`).toBeGreaterThan(0);
        expect(g.source).toMatch(/skypilot-catalog/);
        expect(g.date).toMatch(/snapshot/);
      }
    }
  });

  it('assumptions are labelled as such and dated 2026-12-04', () => {
    const r = findRegion('us-east-1')!;
    expect(r.billing).toMatchObject({ granularityS: 1, minimumS: 60, date: '2026-12-04' });
    expect(r.egress).toMatchObject({ internetUsdPerGB: 0.09, crossRegionUsdPerGB: 0.02 });
    for (const s of [r.billing, r.egress, r.reservedDiscount, r.inlet, r.electricity]) expect(s.source).toMatch(/^assum/);
    expect(findRegion('eastus')!.billing.minimumS).toBe(0);
  });
});
