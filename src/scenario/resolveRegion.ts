import type { Catalog } from '../catalog/index.js';
import { findRegion, type RegionSpec } from '../catalog/regions.js';
import { makeHourlyProfile, type HourlyProfile } from '../economics/profiles.js';
import type { Fail } from './fail.js';
import type { RegionInput, Scenario } from './schema.js';

export interface ResolvedRegion {
  readonly name: string;
  readonly pue: number;
  readonly carbonKgPerJ: number;
  readonly electricityUsdPerJ: number;
  readonly inletC: number;
  /** The catalog entry's provider; undefined when the region is not in the region catalog. */
  readonly provider: 'aws' | 'gcp' | 'azure' | undefined;
  /** Hours from UTC (standard time), from the catalog; undefined when unknown. */
  readonly utcOffsetHours: number | undefined;
  /** Spot price per GPU-second by GPU id (scenario spotPrices over catalog); GPUs without one are absent. */
  readonly spotUsdPerGpuSecond: Readonly<Record<string, number>>;
  /** Committed-use discount off on-demand, a fraction; undefined when unknown. */
  readonly reservedDiscount: number | undefined;
  /** Available GPUs by GPU id; undefined: unlimited/unknown. */
  readonly capacityGpus: Readonly<Record<string, number>> | undefined;
  /** USD per byte of internet egress / of traffic to another region; undefined when unknown. */
  readonly egressUsdPerByte: number | undefined;
  readonly crossRegionUsdPerByte: number | undefined;
  /** Billing increment and minimum in seconds; undefined when unknown. */
  readonly billingGranularityS: number | undefined;
  readonly billingMinimumS: number | undefined;
  /** Where each figure came from, by field name: `scenario: regions.<r>.<field>`, `catalog: <source>` or `default`. */
  readonly sources: Readonly<Record<string, string>>;
  /** Hour-of-day shape (mean 1) of the carbon intensity: carbonAt(t) = carbonKgPerJ × multiplier (src/economics/profiles.ts). */
  readonly carbonProfile: HourlyProfile | undefined;
  /** Hour-of-day shape (mean 1) applied to the electricity price and the spot prices: priceMultiplierAt(t). */
  readonly priceProfile: HourlyProfile | undefined;
  /** Site/region power budget, when given. */
  readonly powerBudget: { readonly limitW: number; readonly scope: 'it' | 'facility'; readonly action: 'cap' | 'refuse'; readonly interval: number } | undefined;
}

/** Built-in regional defaults, used where neither the scenario's `regions:` block nor the region catalog has a figure. */
const DEFAULT_REGION = {
  pue: 1.2,
  carbonKgPerJ: 0.4 / 3.6e6,
  electricityUsdPerJ: 0.1 / 3.6e6,
  inletC: 25,
} as const;

const KWH = 3.6e6;
const GB = 1e9;

/**
 * Rejects a `regions:` entry that gives a figure twice: absolute hourly values replace the average,
 * so an average given beside them would be silently ignored. Checks every entry, used by a pool or not.
 */
export function checkRegionInputs(regions: Scenario['regions'], fail: Fail): void {
  for (const [r, input] of Object.entries(regions)) {
    if (input.carbonProfile && 'hourly' in input.carbonProfile && input.carbonIntensity !== undefined) {
      fail(['regions', r, 'carbonProfile', 'hourly'], 'give carbonIntensity or absolute carbonProfile.hourly values, not both (multipliers shape carbonIntensity)');
    }
    if (input.priceProfile && 'hourly' in input.priceProfile && input.electricityPrice !== undefined) {
      fail(['regions', r, 'priceProfile', 'hourly'], 'give electricityPrice or absolute priceProfile.hourly values, not both (multipliers shape electricityPrice)');
    }
  }
}

/**
 * Per field: the scenario's `regions.<name>` value, else the region catalog's, else the default.
 * Catalog figures are converted to SI (kg/J, USD/J, USD/byte, USD/s).
 */
export function resolveRegion(name: string, input: RegionInput | undefined, catalog: Catalog): ResolvedRegion {
  const cat: RegionSpec | undefined = findRegion(name);
  const sources: Record<string, string> = {};
  const pick = <T>(field: string, given: T | undefined, fromCatalog: [T, string] | undefined, fallback: T): T => {
    if (given !== undefined) return (sources[field] = `scenario: regions.${name}.${field}`), given;
    if (fromCatalog) return (sources[field] = `catalog: ${fromCatalog[1]}`), fromCatalog[0];
    return (sources[field] = 'default'), fallback;
  };
  const spot: Record<string, number> = {};
  for (const g of cat?.gpuPrices ?? []) if (g.spotUsdPerHour !== undefined) spot[g.gpu] = g.spotUsdPerHour / 3600;
  for (const [k, v] of Object.entries(input?.spotPrices ?? {})) spot[catalog.findGpu(k)?.id ?? k] = v;
  let capacity: Record<string, number> | undefined;
  const hourly = (field: 'carbonProfile' | 'priceProfile') => {
    const p = input?.[field];
    if (!p) return undefined;
    sources[field] = `scenario: regions.${name}.${field}`;
    const r = makeHourlyProfile('hourly' in p ? p.hourly : p.multipliers, p.timezone ?? cat?.utcOffsetHours ?? 0);
    return { base: 'hourly' in p ? r.base : undefined, profile: r.profile };
  };
  const carbonHourly = hourly('carbonProfile');
  const priceHourly = hourly('priceProfile');
  if (input?.capacityGpus) capacity = Object.fromEntries(Object.entries(input.capacityGpus).map(([k, v]) => [catalog.findGpu(k)?.id ?? k, v]));
  return {
    name,
    pue: pick('pue', input?.pue, cat && [cat.pue.value, `${cat.pue.source} (${cat.pue.scope === 'region' ? 'region' : 'fleet average'})`], DEFAULT_REGION.pue),
    carbonKgPerJ: carbonHourly?.base !== undefined ? ((sources.carbonIntensity = `scenario: regions.${name}.carbonProfile.hourly (mean)`), carbonHourly.base) : pick('carbonIntensity', input?.carbonIntensity, cat && [cat.carbon.gPerKWh / 1000 / KWH, `${cat.carbon.source}`], DEFAULT_REGION.carbonKgPerJ),
    electricityUsdPerJ: priceHourly?.base !== undefined ? ((sources.electricityPrice = `scenario: regions.${name}.priceProfile.hourly (mean)`), priceHourly.base) : pick('electricityPrice', input?.electricityPrice, cat && [cat.electricity.usdPerKWh / KWH, cat.electricity.source], DEFAULT_REGION.electricityUsdPerJ),
    inletC: pick('inletTemperature', input?.inletTemperature, cat && [cat.inlet.celsius, cat.inlet.source], DEFAULT_REGION.inletC),
    provider: cat?.provider,
    utcOffsetHours: cat?.utcOffsetHours,
    spotUsdPerGpuSecond: spot,
    reservedDiscount: pick('reservedDiscount', input?.reservedDiscount, cat && [cat.reservedDiscount.fraction, cat.reservedDiscount.source], undefined),
    capacityGpus: pick('capacityGpus', capacity, undefined, undefined),
    egressUsdPerByte: pick('egressPerGB', input?.egressPerGB, cat && [cat.egress.internetUsdPerGB / GB, cat.egress.source], undefined),
    crossRegionUsdPerByte: pick('crossRegionPerGB', input?.crossRegionPerGB, cat && [cat.egress.crossRegionUsdPerGB / GB, cat.egress.source], undefined),
    billingGranularityS: pick('billingGranularity', input?.billingGranularity, cat && [cat.billing.granularityS, cat.billing.source], undefined),
    billingMinimumS: cat?.billing.minimumS,
    carbonProfile: carbonHourly?.profile,
    priceProfile: priceHourly?.profile,
    sources,
    powerBudget: input?.powerBudget && { limitW: input.powerBudget.limit, scope: input.powerBudget.scope, action: input.powerBudget.action, interval: input.powerBudget.interval },
  };
}
