/**
 * The built-in cloud-region catalog: every AWS, GCP and Azure region in ../shared/data/prices and
 * ../shared/data/carbon with GPU prices, billing, carbon, PUE, electricity, inlet temperature,
 * egress and commitment discounts. Every figure carries a source string and a date; figures marked
 * "assumption"/"assumed" are modelling choices (docs/regions.md lists them).
 *
 * Units: USD per GPU-hour, gCO2e per kWh, USD per kWh, USD per GB (10^9 bytes), seconds, °C — as
 * published, not SI; `resolveScenario` converts. Generated part: internal/regionsData.ts
 * (scripts/derive-regions.mjs).
 */
import { REGION_ROWS, type RegionDataRow, type RegionPriceRow } from './internal/regionsData.js';
import {
  ASSUMPTIONS_DATE, BILLING, EGRESS, FLEET_PUE, INLET_C, RESERVED, electricityUsdPerKWh, type Provider,
} from './internal/regionAssumptions.js';
import { rankByCloseness } from './internal/names.js';

export type { Provider } from './internal/regionAssumptions.js';

/** Where a figure comes from and when: a data year, a snapshot note, or the date an assumption was written. */
export interface Sourced {
  readonly source: string;
  readonly date: string;
}

/** One GPU offer: USD per GPU-hour, the instance price divided by its GPUs (GCP: accelerator + host share). */
export interface RegionGpuPrice extends RegionPriceRow, Sourced {}

export interface RegionSpec {
  readonly provider: Provider;
  readonly id: string;
  readonly name: string;
  /** ISO 3166 alpha-2. */
  readonly country: string;
  /** Hours from UTC, standard time. */
  readonly utcOffsetHours: number;
  /** By GPU id; ids outside the GPU catalog (A100-40GB, H100-NVL) are listed but match no pool. */
  readonly gpuPrices: readonly RegionGpuPrice[];
  readonly billing: Sourced & { readonly granularityS: number; readonly minimumS: number };
  /** Grid carbon intensity, annual average, location-based. */
  readonly carbon: Sourced & { readonly gPerKWh: number; readonly year: number | undefined };
  /** `region`: provider-reported for this region; `fleet`: the provider's fleet average. */
  readonly pue: Sourced & { readonly value: number; readonly scope: 'region' | 'fleet' };
  readonly electricity: Sourced & { readonly usdPerKWh: number };
  readonly inlet: Sourced & { readonly celsius: number };
  readonly egress: Sourced & { readonly internetUsdPerGB: number; readonly crossRegionUsdPerGB: number };
  /** One-year commitment discount off on-demand, a fraction in [0, 1). */
  readonly reservedDiscount: Sourced & { readonly fraction: number };
  /** Available GPUs by GPU id; undefined: unknown (no public figure). */
  readonly capacityGpus: Readonly<Record<string, number>> | undefined;
}

const PRICE_DATE = `snapshot, date unknown (skypilot-catalog excerpt; read ${ASSUMPTIONS_DATE})`;
const yearDate = (year: number | undefined) => (year === undefined ? `year not stated (read ${ASSUMPTIONS_DATE})` : String(year));

function build(row: RegionDataRow): RegionSpec {
  const p = row.provider;
  const el = electricityUsdPerKWh(row.country);
  const assumed = <T>(a: { value: T; source: string }) => ({ source: a.source, date: ASSUMPTIONS_DATE });
  return Object.freeze({
    provider: p,
    id: row.id,
    name: row.name,
    country: row.country,
    utcOffsetHours: row.utcOffsetHours,
    gpuPrices: Object.freeze(row.prices.map((x) => Object.freeze({ ...x, date: PRICE_DATE }))),
    billing: { ...BILLING[p].value, ...assumed(BILLING[p]) },
    carbon: { gPerKWh: row.carbon.gPerKWh, year: row.carbon.year, source: row.carbon.source, date: yearDate(row.carbon.year) },
    pue: row.pue
      ? { value: row.pue.value, scope: 'region' as const, source: row.pue.source, date: yearDate(row.pue.year) }
      : { value: FLEET_PUE[p].value, scope: 'fleet' as const, source: FLEET_PUE[p].source, date: `constant (read ${ASSUMPTIONS_DATE})` },
    electricity: { usdPerKWh: el.value, ...assumed(el) },
    inlet: { celsius: INLET_C.value, ...assumed(INLET_C) },
    egress: { ...EGRESS[p].value, ...assumed(EGRESS[p]) },
    reservedDiscount: { fraction: RESERVED[p].value, ...assumed(RESERVED[p]) },
    capacityGpus: undefined,
  });
}

const REGIONS: readonly RegionSpec[] = Object.freeze(REGION_ROWS.map(build));
const byId = new Map(REGIONS.map((r) => [r.id.toLowerCase(), r]));

/** Every catalog region: AWS, then GCP, then Azure, each by id. */
export function listRegions(): readonly RegionSpec[] {
  return REGIONS;
}

/**
 * The region with this id (case-insensitive; an optional `aws:`/`gcp:`/`azure:` or `aws/` prefix
 * must then match the provider), or undefined. Region ids are unique across providers.
 */
export function findRegion(id: string): RegionSpec | undefined {
  const m = /^(aws|gcp|azure)[:/](.+)$/i.exec(id.trim());
  const r = byId.get((m ? m[2] : id).trim().toLowerCase());
  return r && (!m || r.provider === m[1].toLowerCase()) ? r : undefined;
}

/** The offer for a GPU id (exact catalog id, e.g. `H100`) in a region, or undefined. */
export function regionGpuPrice(region: RegionSpec, gpuId: string): RegionGpuPrice | undefined {
  return region.gpuPrices.find((g) => g.gpu === gpuId);
}

export function unknownRegionMessage(id: string): string {
  return `unknown region '${id}'; closest catalog regions: ${rankByCloseness(id, REGIONS.map((r) => r.id), (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).slice(0, 8).join(', ')}`;
}
