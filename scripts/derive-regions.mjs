#!/usr/bin/env node
// Derives the cloud-region table from ../shared/data/prices/*.csv and ../shared/data/carbon/*.csv and
// writes src/catalog/internal/regionsData.ts. Usage: node scripts/derive-regions.mjs [dataDir]
//
// Rules (docs/regions.md repeats them):
// - Regions: every AWS, GCP and Azure region in the price and carbon files, except CCF's Azure
//   geographies, staging/EUAP rings and "Unknown" rows (not deployable regions).
// - Price per GPU-hour = instance (or accelerator component) price ÷ GPUs. Per region and GPU the
//   instance with the most GPUs that has an on-demand price is kept. AWS spot = median over AZs.
// - GCP: accelerator component + per-GPU share of the host VM (the same region's host row, else the
//   median of that host type over the regions that have one, else a stated proxy or assumption).
//   A GCP component price that repeats identically in ≥ 3 regions and is < 0.6 × the median of the
//   other regions' prices is flagged inconsistent and left out (data README: "H100 rows are
//   inconsistent between regions").
// - Azure rows whose spot equals on-demand carry no spot price (the excerpt notes no discount listed).
// - Carbon: GCP from Google's region-carbon-info (latest year), else GSF; AWS/Azure from GSF
//   (ElectricityMaps annual average, latest year with a value), else CCF's constant factor.
// - PUE: provider-reported per region from GSF (latest year with a value); absent → undefined here
//   (regions.ts then uses the provider fleet average and says so).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? resolve(root, '../shared/data'));
const OUT = resolve(root, 'src/catalog/internal/regionsData.ts');

/** Minimal CSV reader: quoted fields with commas, no embedded newlines. */
function readCsv(rel) {
  const lines = readFileSync(resolve(dataDir, rel), 'utf8').trim().split(/\r?\n/);
  const split = (l) => {
    const out = [];
    let cur = '';
    let q = false;
    for (const ch of l) {
      if (ch === '"') q = !q;
      else if (ch === ',' && !q) (out.push(cur), (cur = ''));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const head = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v.trim()])));
}
const num = (s) => (s === undefined || s === '' ? undefined : Number(s));
const r6 = (x) => Math.round(x * 1e6) / 1e6;
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- Region identity: UTC offset (standard time, hours), country, display name where the data has none
// Hand-written (public region pages); the script fails when a region in the data is missing here.
const PLACES = {
  aws: {
    'af-south-1': [2, 'ZA'], 'ap-east-1': [8, 'HK'], 'ap-northeast-1': [9, 'JP'], 'ap-northeast-2': [9, 'KR'], 'ap-northeast-3': [9, 'JP'],
    'ap-south-1': [5.5, 'IN'], 'ap-south-2': [5.5, 'IN'], 'ap-southeast-1': [8, 'SG'], 'ap-southeast-2': [10, 'AU'], 'ap-southeast-3': [7, 'ID'],
    'ap-southeast-4': [10, 'AU'], 'ca-central-1': [-5, 'CA'], 'ca-west-1': [-7, 'CA'], 'cn-north-1': [8, 'CN'], 'cn-northwest-1': [8, 'CN'],
    'eu-central-1': [1, 'DE'], 'eu-central-2': [1, 'CH'], 'eu-north-1': [1, 'SE'], 'eu-south-1': [1, 'IT'], 'eu-south-2': [1, 'ES'],
    'eu-west-1': [0, 'IE'], 'eu-west-2': [0, 'GB'], 'eu-west-3': [1, 'FR'], 'il-central-1': [2, 'IL'], 'me-central-1': [4, 'AE'],
    'me-south-1': [3, 'BH'], 'sa-east-1': [-3, 'BR'], 'us-east-1': [-5, 'US'], 'us-east-2': [-5, 'US'], 'us-gov-east-1': [-5, 'US'],
    'us-gov-west-1': [-8, 'US'], 'us-west-1': [-8, 'US'], 'us-west-2': [-8, 'US'],
  },
  gcp: {
    'africa-south1': [2, 'ZA'], 'asia-east1': [8, 'TW'], 'asia-east2': [8, 'HK'], 'asia-northeast1': [9, 'JP'], 'asia-northeast2': [9, 'JP'],
    'asia-northeast3': [9, 'KR'], 'asia-south1': [5.5, 'IN'], 'asia-south2': [5.5, 'IN'], 'asia-southeast1': [8, 'SG'], 'asia-southeast2': [7, 'ID'],
    'australia-southeast1': [10, 'AU'], 'australia-southeast2': [10, 'AU'], 'europe-central2': [1, 'PL'], 'europe-north1': [2, 'FI'],
    'europe-north2': [1, 'SE'], 'europe-southwest1': [1, 'ES'], 'europe-west1': [1, 'BE'], 'europe-west10': [1, 'DE'], 'europe-west12': [1, 'IT'],
    'europe-west2': [0, 'GB'], 'europe-west3': [1, 'DE'], 'europe-west4': [1, 'NL'], 'europe-west6': [1, 'CH'], 'europe-west8': [1, 'IT'],
    'europe-west9': [1, 'FR'], 'me-central1': [3, 'QA'], 'me-central2': [3, 'SA'], 'me-west1': [2, 'IL'], 'northamerica-northeast1': [-5, 'CA'],
    'northamerica-northeast2': [-5, 'CA'], 'northamerica-south1': [-6, 'MX'], 'southamerica-east1': [-3, 'BR'], 'southamerica-west1': [-4, 'CL'],
    'us-central1': [-6, 'US'], 'us-central2': [-6, 'US'], 'us-east1': [-5, 'US'], 'us-east2': [-5, 'US'], 'us-east4': [-5, 'US'],
    'us-east5': [-5, 'US'], 'us-south1': [-6, 'US'], 'us-west1': [-8, 'US'], 'us-west2': [-8, 'US'], 'us-west3': [-7, 'US'], 'us-west4': [-8, 'US'],
  },
  azure: {
    australiacentral: [10, 'AU', 'Australia Central (Canberra)'], australiacentral2: [10, 'AU', 'Australia Central 2 (Canberra)'],
    australiaeast: [10, 'AU', 'Australia East (New South Wales)'], australiasoutheast: [10, 'AU', 'Australia Southeast (Victoria)'],
    austriaeast: [1, 'AT', 'Austria East (Vienna)'], brazilsouth: [-3, 'BR', 'Brazil South (São Paulo)'], brazilsoutheast: [-3, 'BR', 'Brazil Southeast (Rio)'],
    canadacentral: [-5, 'CA', 'Canada Central (Toronto)'], canadaeast: [-5, 'CA', 'Canada East (Quebec City)'], centralindia: [5.5, 'IN', 'Central India (Pune)'],
    centralus: [-6, 'US', 'Central US (Iowa)'], denmarkeast: [1, 'DK', 'Denmark East (Copenhagen)'], eastasia: [8, 'HK', 'East Asia (Hong Kong)'],
    eastus: [-5, 'US', 'East US (Virginia)'], eastus2: [-5, 'US', 'East US 2 (Virginia)'], eastus3: [-5, 'US', 'East US 3 (Georgia)'],
    francecentral: [1, 'FR', 'France Central (Paris)'], francesouth: [1, 'FR', 'France South (Marseille)'], germanynorth: [1, 'DE', 'Germany North (Berlin)'],
    germanywestcentral: [1, 'DE', 'Germany West Central (Frankfurt)'], greececentral: [2, 'GR', 'Greece Central (Athens)'],
    indiasouthcentral: [5.5, 'IN', 'India South Central (Hyderabad)'], italynorth: [1, 'IT', 'Italy North (Milan)'], japaneast: [9, 'JP', 'Japan East (Tokyo)'],
    japanwest: [9, 'JP', 'Japan West (Osaka)'], jioindiacentral: [5.5, 'IN', 'Jio India Central (Nagpur)'], jioindiawest: [5.5, 'IN', 'Jio India West (Jamnagar)'],
    koreacentral: [9, 'KR', 'Korea Central (Seoul)'], koreasouth: [9, 'KR', 'Korea South (Busan)'], mexicocentral: [-6, 'MX', 'Mexico Central (Querétaro)'],
    newzealandnorth: [12, 'NZ', 'New Zealand North (Auckland)'], northcentralus: [-6, 'US', 'North Central US (Illinois)'], northeurope: [0, 'IE', 'North Europe (Ireland)'],
    norwayeast: [1, 'NO', 'Norway East (Oslo)'], norwaywest: [1, 'NO', 'Norway West (Stavanger)'], polandcentral: [1, 'PL', 'Poland Central (Warsaw)'],
    southafricanorth: [2, 'ZA', 'South Africa North (Johannesburg)'], southafricawest: [2, 'ZA', 'South Africa West (Cape Town)'],
    southcentralus: [-6, 'US', 'South Central US (Texas)'], southeastasia: [8, 'SG', 'Southeast Asia (Singapore)'], southindia: [5.5, 'IN', 'South India (Chennai)'],
    spaincentral: [1, 'ES', 'Spain Central (Madrid)'], swedencentral: [1, 'SE', 'Sweden Central (Gävle)'], switzerlandnorth: [1, 'CH', 'Switzerland North (Zurich)'],
    switzerlandwest: [1, 'CH', 'Switzerland West (Geneva)'], taiwannorth: [8, 'TW', 'Taiwan North (Taipei)'], uaecentral: [4, 'AE', 'UAE Central (Abu Dhabi)'],
    uaenorth: [4, 'AE', 'UAE North (Dubai)'], uksouth: [0, 'GB', 'UK South (London)'], ukwest: [0, 'GB', 'UK West (Cardiff)'],
    westcentralus: [-7, 'US', 'West Central US (Wyoming)'], westeurope: [1, 'NL', 'West Europe (Netherlands)'], westindia: [5.5, 'IN', 'West India (Mumbai)'],
    westus: [-8, 'US', 'West US (California)'], westus2: [-8, 'US', 'West US 2 (Washington)'], westus3: [-7, 'US', 'West US 3 (Arizona)'],
  },
};
/** CCF Azure rows that are geographies, staging/EUAP rings or aliases, not deployable regions. */
const AZURE_SKIP = /^(apeast|apsoutheast|asia|asiapacific|australia|brazil|canada|france|germany|india|japan|korea|norway|southafrica|switzerland|uae|uk|unitedstates|usnorth|unknown)$|stage$|euap$/;

const regions = new Map(); // key provider:id → row
const key = (p, id) => `${p}:${id}`;
function region(provider, id, name) {
  const k = key(provider, id);
  if (!regions.has(k)) {
    const place = PLACES[provider][id];
    if (!place) throw new Error(`${provider} ${id}: add its UTC offset and country to PLACES`);
    regions.set(k, { provider, id, name: place[2] ?? name ?? id, utcOffsetHours: place[0], country: place[1], prices: [] });
  } else if (name && regions.get(k).name === id) regions.get(k).name = name;
  return regions.get(k);
}

// ---- Carbon and PUE ---------------------------------------------------------------------------
const PROVIDER = { 'Amazon Web Services': 'aws', 'Google Cloud': 'gcp', 'Microsoft Azure': 'azure' };
const gsf = readCsv('carbon/gsf_Cloud_Region_Metadata.csv');
const GSF = 'GSF real-time-cloud Cloud_Region_Metadata.csv';
// Latest year first; where one (provider, region, year) has two rows (Azure northeurope: Finland and
// Ireland), the row with a provider PUE (the Ireland site the region is named for) wins.
gsf.sort((a, b) => Number(b.year) - Number(a.year) || (b['power-usage-effectiveness'] ? 1 : 0) - (a['power-usage-effectiveness'] ? 1 : 0));
for (const r of gsf) {
  const p = PROVIDER[r['cloud-provider']];
  if (p === 'azure' && AZURE_SKIP.test(r['cloud-region'])) continue;
  const name = p === 'azure' ? undefined : p === 'aws' ? r.location : r.location;
  const reg = region(p, r['cloud-region'], name);
  const ci = num(r['grid-carbon-intensity-average-consumption-annual']);
  if (ci !== undefined && !reg.carbon && p !== 'gcp') reg.carbon = { gPerKWh: ci, year: Number(r.year), source: `${GSF} ${r.year} (ElectricityMaps annual average, location-based)` };
  if (ci !== undefined && p === 'gcp') reg.gsfCarbon ??= { gPerKWh: ci, year: Number(r.year), source: `${GSF} ${r.year} (ElectricityMaps annual average, location-based)` };
  const pue = num(r['power-usage-effectiveness']);
  if (pue !== undefined && !reg.pue) reg.pue = { value: pue, year: Number(r.year), source: `${GSF} ${r.year} (provider-reported PUE for the region)` };
}
for (const year of [2024, 2023, 2022]) {
  for (const r of readCsv(`carbon/gcp_region_carbon_${year}.csv`)) {
    const reg = region('gcp', r['Google Cloud Region'], r.Location);
    const ci = num(r['Grid carbon intensity (gCO2eq / kWh)']);
    if (ci !== undefined && !reg.carbon) reg.carbon = { gPerKWh: ci, year, source: `GoogleCloudPlatform/region-carbon-info ${year} (grid carbon intensity, location-based)` };
  }
}
const CCF = 'Cloud Carbon Footprint grid emission factors (ccf_grid_emission_factors.csv; year not stated)';
const ccfUnknown = {};
for (const r of readCsv('carbon/ccf_grid_emission_factors.csv')) {
  const id = r.region.toLowerCase();
  if (id === 'unknown') ccfUnknown[r.cloud] = Number(r.gCO2e_per_kWh);
  if (id === 'unknown' || (r.cloud === 'azure' && AZURE_SKIP.test(id))) continue;
  const reg = region(r.cloud, id);
  if (!reg.carbon) reg.carbon = { gPerKWh: Number(r.gCO2e_per_kWh), source: `${CCF}: ${r.ccf_enum}${r.derived_from ? ` (${r.derived_from})` : ''}` };
}
for (const reg of regions.values()) {
  if (!reg.carbon && reg.gsfCarbon) reg.carbon = reg.gsfCarbon;
  delete reg.gsfCarbon;
  // No figure for the region anywhere: CCF's provider-wide factor for an unknown region.
  if (!reg.carbon && ccfUnknown[reg.provider] !== undefined) {
    reg.carbon = { gPerKWh: ccfUnknown[reg.provider], source: `${CCF}: ${reg.provider} UNKNOWN-region factor (no regional figure in the data)` };
  }
  if (!reg.carbon) throw new Error(`${reg.provider} ${reg.id}: no carbon intensity`);
}

// ---- Prices -----------------------------------------------------------------------------------
const AWS_GPU = { A100: 'A100-40GB', 'A100-80GB': 'A100-80GB', H100: 'H100', H200: 'H200', B200: 'B200', L4: 'L4', L40S: 'L40S' };
const AWS_SRC = 'skypilot-catalog aws v8 excerpt (aws_gpu_prices_by_region_summary.csv; snapshot date unknown)';
const candidates = new Map(); // provider:id:gpu → [{...}]
const offer = (provider, id, o) => {
  const k = `${key(provider, id)}:${o.gpu}`;
  if (!candidates.has(k)) candidates.set(k, []);
  candidates.get(k).push(o);
};
for (const r of readCsv('prices/aws_gpu_prices_by_region_summary.csv')) {
  const n = Number(r.Count);
  const od = num(r.OnDemand_usd_hr);
  if (od === undefined) continue; // p5e: spot only
  const spot = num(r.Spot_median_usd_hr);
  offer('aws', r.Region, {
    gpu: AWS_GPU[r.Accelerator], instance: r.InstanceType, gpusPerInstance: n, onDemandUsdPerHour: r6(od / n),
    spotUsdPerHour: spot === undefined ? undefined : r6(spot / n),
    source: `${AWS_SRC}: ${r.InstanceType} $${od}/h ÷ ${n}${spot === undefined ? '' : `; spot median of ${r.n_AZ_rows} AZ rows $${spot}/h ÷ ${n}`}`,
  });
}

const AZ_SRC = 'skypilot-catalog azure v6 excerpt (azure_gpu_prices_skypilot_v6_excerpt.csv; snapshot date unknown)';
for (const r of readCsv('prices/azure_gpu_prices_skypilot_v6_excerpt.csv')) {
  const n = Number(r.AcceleratorCount);
  const od = Number(r.Price_ondemand_usd_hr);
  const spotRaw = num(r.SpotPrice_usd_hr);
  const spot = spotRaw === undefined || spotRaw === od ? undefined : spotRaw;
  const nvl = /^Standard_NC\d+a?dis?_H100_v5$|NC40ads_H100|NC80adis_H100/.test(r.InstanceType);
  const gpu = nvl ? 'H100-NVL' : r.InstanceType === 'Standard_ND96asr_v4' ? 'A100-40GB' : r.AcceleratorName;
  const pcie = /^Standard_NC/.test(r.InstanceType) && gpu === 'A100-80GB' ? ' (A100 80GB PCIe)' : '';
  offer('azure', r.Region, {
    gpu, instance: r.InstanceType, gpusPerInstance: n, onDemandUsdPerHour: r6(od / n), spotUsdPerHour: spot === undefined ? undefined : r6(spot / n),
    source: `${AZ_SRC}: ${r.InstanceType}${pcie} $${od}/h ÷ ${n}${spot === undefined ? '; no spot discount listed' : `; spot $${spot}/h ÷ ${n}`}`,
  });
}

// GCP: accelerator components + host VM share.
const GCP_SRC = 'skypilot-catalog gcp v8 excerpt (gcp_gpu_component_prices / gcp_host_vm_prices; snapshot date unknown)';
const GCP_FAMILY = {
  'H100/8': { gpu: 'H100', instance: 'a3-highgpu-8g', host: 'a3-highgpu' },
  'H100-MEGA/8': { gpu: 'H100', instance: 'a3-megagpu-8g', host: 'a3-edgegpu', proxy: 'a3-edgegpu-8g host (same 208 vCPU / 1872 GiB shape) as proxy' },
  'H200/8': { gpu: 'H200', instance: 'a3-ultragpu-8g', host: 'a3-edgegpu', proxy: 'a3-edgegpu-8g host as proxy (host not in data; assumption)' },
  'B200/8': { gpu: 'B200', instance: 'a4-highgpu-8g', host: 'a3-edgegpu', proxy: 'a3-edgegpu-8g host as proxy (host not in data; assumption)' },
  'A100-80GB/8': { gpu: 'A100-80GB', instance: 'a2-ultragpu-8g', host: 'a2-ultragpu' },
  'A100-80GB/1': { gpu: 'A100-80GB', instance: 'a2-ultragpu-1g', host: 'a2-ultragpu' },
  'A100/16': { gpu: 'A100-40GB', instance: 'a2-megagpu-16g', host: 'a2-highgpu', proxy: 'a2-highgpu-8g host per GPU as proxy' },
  'L4/1': { gpu: 'L4', instance: 'g2-standard-4', host: 'g2', assumed: { od: 0.15, spot: 0.06, note: 'host share assumed $0.15/h on-demand, $0.06/h spot (g2 host not in data)' } },
};
/** Per-GPU host share by host family and region, from the host rows (instance name ends in -<n>g). */
const hostShare = new Map();
for (const r of readCsv('prices/gcp_host_vm_prices_skypilot_v8_excerpt.csv')) {
  const m = /^(.*)-(\d+)g$/.exec(r.InstanceType);
  const fam = m[1];
  const n = Number(m[2]);
  if (!hostShare.has(fam)) hostShare.set(fam, new Map());
  hostShare.get(fam).set(r.Region, { od: Number(r.Price_ondemand_usd_hr) / n, spot: Number(r.SpotPrice_usd_hr) / n, instance: r.InstanceType });
}
function host(family, region) {
  const f = family.host === 'g2' ? undefined : hostShare.get(family.host);
  if (!f) return { od: family.assumed.od, spot: family.assumed.spot, note: family.assumed.note };
  const here = f.get(region);
  if (here && !family.proxy) return { ...here, note: `host ${here.instance} ${region} ÷ GPUs` };
  const all = [...f.values()];
  const od = median(all.map((h) => h.od));
  const spot = median(all.map((h) => h.spot));
  const what = family.proxy ?? `${family.host} host`;
  return { od, spot, note: `${what}: median per-GPU share of ${all.length} regions (estimate)` };
}
const gcpRows = readCsv('prices/gcp_gpu_component_prices_skypilot_v8_excerpt.csv');
const byType = new Map();
for (const r of gcpRows) {
  const t = `${r.AcceleratorName}/${r.AcceleratorCount}`;
  if (!byType.has(t)) byType.set(t, []);
  byType.get(t).push(r);
}
const flagged = [];
for (const [t, rows] of byType) {
  const counts = new Map();
  for (const r of rows) counts.set(r.Price_ondemand_usd_hr, (counts.get(r.Price_ondemand_usd_hr) ?? 0) + 1);
  for (const [v, c] of counts) {
    const others = rows.filter((r) => r.Price_ondemand_usd_hr !== v).map((r) => Number(r.Price_ondemand_usd_hr));
    if (c >= 3 && others.length > 0 && Number(v) < 0.6 * median(others)) {
      for (const r of rows) if (r.Price_ondemand_usd_hr === v) (r.flagged = true), flagged.push(`${t} ${r.Region} $${v}/h`);
    }
  }
  const family = GCP_FAMILY[t];
  if (!family) throw new Error(`GCP accelerator ${t}: add it to GCP_FAMILY`);
  for (const r of rows) {
    if (r.flagged) continue;
    const n = Number(r.AcceleratorCount);
    const h = host(family, r.Region);
    const acc = Number(r.Price_ondemand_usd_hr) / n;
    const accSpot = num(r.SpotPrice_usd_hr);
    offer('gcp', r.Region, {
      gpu: family.gpu, instance: family.instance, gpusPerInstance: n, onDemandUsdPerHour: r6(acc + h.od),
      spotUsdPerHour: accSpot === undefined ? undefined : r6(accSpot / n + h.spot),
      source: `${GCP_SRC}: ${r.AcceleratorName} ×${n} accelerator $${r.Price_ondemand_usd_hr}/h ÷ ${n} + ${h.note}`,
    });
  }
}

for (const [k, offers] of candidates) {
  const [provider, id] = k.split(':');
  offers.sort((a, b) => b.gpusPerInstance - a.gpusPerInstance); // stable: data order breaks ties
  region(provider, id).prices.push(offers[0]);
}

// ---- Output -----------------------------------------------------------------------------------
const ORDER = { aws: 0, gcp: 1, azure: 2 };
const rows = [...regions.values()].sort((a, b) => ORDER[a.provider] - ORDER[b.provider] || a.id.localeCompare(b.id));
for (const r of rows) r.prices.sort((a, b) => a.gpu.localeCompare(b.gpu));
const lit = (v) => JSON.stringify(v);
const body = rows
  .map((r) => {
    const parts = [`provider: ${lit(r.provider)}`, `id: ${lit(r.id)}`, `name: ${lit(r.name)}`, `utcOffsetHours: ${r.utcOffsetHours}`, `country: ${lit(r.country)}`];
    parts.push(`carbon: ${lit(r.carbon)}`);
    if (r.pue) parts.push(`pue: ${lit(r.pue)}`);
    const prices = r.prices.map((p) => `      ${lit(Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))},`).join('\n');
    return `  {\n    ${parts.join(', ')},\n    prices: [${prices ? `\n${prices}\n    ` : ''}],\n  },`;
  })
  .join('\n');

const text = `// Generated by scripts/derive-regions.mjs from ../shared/data/prices and ../shared/data/carbon. Do not edit by hand:
// change the script and run \`node scripts/derive-regions.mjs\`.
// GCP component prices left out as inconsistent (same figure in ≥ 3 regions, < 0.6 × the others' median):
${flagged.map((f) => `//   ${f}`).join('\n')}

/** One GPU offer in a region: USD per GPU-hour, derived from one instance type. */
export interface RegionPriceRow {
  readonly gpu: string;
  readonly instance: string;
  readonly gpusPerInstance: number;
  readonly onDemandUsdPerHour: number;
  readonly spotUsdPerHour?: number;
  readonly source: string;
}

/** A measured figure with its year (when the source states one) and source. */
export interface YearFigure {
  readonly year?: number;
  readonly source: string;
}

export interface RegionDataRow {
  readonly provider: 'aws' | 'gcp' | 'azure';
  readonly id: string;
  readonly name: string;
  /** Hours from UTC, standard time (no daylight saving). */
  readonly utcOffsetHours: number;
  /** ISO 3166 alpha-2 country code. */
  readonly country: string;
  readonly carbon: YearFigure & { readonly gPerKWh: number };
  readonly pue?: YearFigure & { readonly value: number };
  readonly prices: readonly RegionPriceRow[];
}

export const REGION_ROWS: readonly RegionDataRow[] = [
${body}
];
`;
writeFileSync(OUT, text);
console.log(`wrote ${OUT}: ${rows.length} regions (${['aws', 'gcp', 'azure'].map((p) => `${p} ${rows.filter((r) => r.provider === p).length}`).join(', ')}), ${rows.reduce((s, r) => s + r.prices.length, 0)} GPU prices, ${flagged.length} GCP rows flagged`);
