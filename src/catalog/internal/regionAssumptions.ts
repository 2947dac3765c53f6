/**
 * Provider- and country-level figures the data files do not hold: billing granularity, egress,
 * committed-use discounts, fleet-average PUE, electricity prices and inlet temperature. Each is a
 * modelling assumption from public list prices or documents, dated when it was written; replace any
 * of them per region in a scenario's `regions:` block.
 */
export type Provider = 'aws' | 'gcp' | 'azure';

/** The date the assumptions below were read from the public pages they name. */
export const ASSUMPTIONS_DATE = '2026-12-04';

export interface Assumed<T> {
  readonly value: T;
  readonly source: string;
}

export const BILLING: Readonly<Record<Provider, Assumed<{ granularityS: number; minimumS: number }>>> = {
  aws: { value: { granularityS: 1, minimumS: 60 }, source: 'assumption: AWS EC2 pricing page, per-second billing with a 60-second minimum (Linux On-Demand and Spot)' },
  gcp: { value: { granularityS: 1, minimumS: 60 }, source: 'assumption: Google Compute Engine pricing docs, per-second billing with a 1-minute minimum' },
  azure: { value: { granularityS: 1, minimumS: 0 }, source: 'assumption: Azure Linux VM pricing page, billed per second; no minimum stated' },
};

/** USD per GB (10^9 bytes): internet egress, first paid tier; traffic between regions of the provider. */
export const EGRESS: Readonly<Record<Provider, Assumed<{ internetUsdPerGB: number; crossRegionUsdPerGB: number }>>> = {
  aws: {
    value: { internetUsdPerGB: 0.09, crossRegionUsdPerGB: 0.02 },
    source: 'assumption: AWS EC2 data-transfer list prices, internet egress $0.09/GB for the first 10 TB/month (after 100 GB free), inter-region $0.02/GB (most US pairs; other pairs up to ~$0.15/GB)',
  },
  gcp: {
    value: { internetUsdPerGB: 0.12, crossRegionUsdPerGB: 0.02 },
    source: 'assumption: GCP network list prices, Premium Tier internet egress ~$0.12/GB for the first TiB/month (NA/EU sources), inter-region within a continent ~$0.02/GB (across continents up to ~$0.08/GB)',
  },
  azure: {
    value: { internetUsdPerGB: 0.087, crossRegionUsdPerGB: 0.02 },
    source: 'assumption: Azure bandwidth list prices, internet egress $0.087/GB for the first 10 TB/month from NA/EU (after 100 GB free), inter-region within a continent $0.02/GB',
  },
};

/** One-year commitment discount off on-demand, as a fraction. */
export const RESERVED: Readonly<Record<Provider, Assumed<number>>> = {
  aws: { value: 0.4, source: 'assumption: 1-year ≈ 40 % off on-demand; public range for AWS 1-year Savings Plans / Reserved Instances on GPU instances ~30–45 % (3-year up to ~72 %)' },
  gcp: { value: 0.4, source: 'assumption: 1-year ≈ 40 % off on-demand; public range for GCP 1-year committed use discounts ~37 % resource-based (3-year ~55 %)' },
  azure: { value: 0.4, source: 'assumption: 1-year ≈ 40 % off on-demand; public range for Azure 1-year reserved VM instances ~30–40 % (3-year up to ~60 %)' },
};

/** Fleet-average PUE where the provider reports none for the region (../shared/data/calibration/pue.csv). */
export const FLEET_PUE: Readonly<Record<Provider, Assumed<number>>> = {
  aws: { value: 1.135, source: 'provider fleet average: Cloud Carbon Footprint AWS constant (calibration/pue.csv)' },
  gcp: { value: 1.1, source: 'provider fleet average: Cloud Carbon Footprint GCP constant (calibration/pue.csv)' },
  azure: { value: 1.185, source: 'provider fleet average: Cloud Carbon Footprint Azure constant (calibration/pue.csv)' },
};

export const INLET_C: Assumed<number> = { value: 25, source: 'assumption: 25 °C server inlet, within the ASHRAE TC 9.9 recommended envelope (18–27 °C)' };

const EUROPE = new Set(['AT', 'BE', 'CH', 'DE', 'DK', 'ES', 'FR', 'GB', 'GR', 'IE', 'IT', 'NL', 'PL']);
const NORDIC = new Set(['FI', 'NO', 'SE']);

/** Electricity price in USD per kWh by country (ISO 3166 alpha-2). */
export function electricityUsdPerKWh(country: string): Assumed<number> {
  if (country === 'US') return { value: 0.13, source: 'assumption: ≈ EIA 2024 US average retail price to commercial customers (~13 ¢/kWh, Electric Power Monthly table 5.3)' };
  if (NORDIC.has(country)) return { value: 0.08, source: 'assumed: Nordic commercial electricity ~$0.08/kWh (no figure in the data)' };
  if (EUROPE.has(country)) return { value: 0.2, source: 'assumed: European non-household electricity ~$0.20/kWh (order of Eurostat 2024 averages; no figure in the data)' };
  return { value: 0.12, source: 'assumed: $0.12/kWh placeholder (no figure in the data)' };
}
