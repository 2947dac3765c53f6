/**
 * `fleetsim regions`: the region catalog as a table — provider, region, UTC offset, price per
 * GPU-hour (on-demand / spot), grid carbon intensity, PUE, electricity price — with numbered
 * sources below the table.
 *
 * Options: `gpu` (string: only regions that price this GPU, cheapest on-demand first, with the
 * instance type), `provider` (aws|gcp|azure), `json` (boolean: the catalog entries as JSON, every
 * figure with its source and date). Returns the exit code; throws UserError for an unknown GPU or
 * provider.
 */
import type { CliIo } from '../io.js';
import { UserError } from '../../errors.js';
import { getGpu } from '../../catalog/index.js';
import { listRegions, regionGpuPrice, type RegionSpec } from '../../catalog/regions.js';

export interface RegionsOptions {
  gpu?: string;
  provider?: string;
  json?: boolean;
}

const PROVIDERS = ['aws', 'gcp', 'azure'];
const pad = (rows: string[][]): string => {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n';
};
const money = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
const utc = (h: number) => `UTC${h >= 0 ? '+' : '−'}${Math.abs(h)}`;

export async function regionsCommand(o: RegionsOptions, io: CliIo): Promise<number> {
  const provider = o.provider?.toLowerCase();
  if (provider !== undefined && !PROVIDERS.includes(provider)) throw new UserError(`regions: unknown provider '${o.provider}'; known: ${PROVIDERS.join(', ')}`);
  const gpuId = o.gpu === undefined ? undefined : gpuIdOf(o.gpu);
  let regions = listRegions().filter((r) => provider === undefined || r.provider === provider);
  if (gpuId !== undefined) {
    regions = regions.filter((r) => regionGpuPrice(r, gpuId)).sort((a, b) => regionGpuPrice(a, gpuId)!.onDemandUsdPerHour - regionGpuPrice(b, gpuId)!.onDemandUsdPerHour);
  }
  if (o.json) {
    const out = regions.map((r) => (gpuId === undefined ? r : { ...r, price: regionGpuPrice(r, gpuId) }));
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const notes: string[] = [];
  const ref = (source: string) => {
    let i = notes.indexOf(source);
    if (i < 0) i = notes.push(source) - 1;
    return `[${i + 1}]`;
  };
  const head = gpuId === undefined
    ? ['provider', 'region', 'name', 'UTC', 'on-demand/spot $/GPU-h', 'gCO2e/kWh', 'PUE', '$/kWh', 'sources']
    : ['provider', 'region', 'name', 'UTC', 'instance', `${gpuId} on-demand $/h`, 'spot $/h', 'gCO2e/kWh', 'PUE', '$/kWh', 'sources'];
  const rows = regions.map((r) => {
    const common = [r.provider, r.id, r.name, utc(r.utcOffsetHours)];
    const tail = [
      `${r.carbon.gPerKWh.toFixed(0)} (${r.carbon.year ?? 'n/a'})`,
      `${r.pue.value.toFixed(2)}${r.pue.scope === 'fleet' ? '*' : ''}`,
      r.electricity.usdPerKWh.toFixed(2),
    ];
    if (gpuId === undefined) {
      const prices = r.gpuPrices.map((g) => `${g.gpu} ${money(g.onDemandUsdPerHour)}/${money(g.spotUsdPerHour)}`).join(', ') || '-';
      const srcs = [...(r.gpuPrices.length ? [ref(r.gpuPrices[0].source.split(':')[0])] : []), ref(r.carbon.source.split(':')[0]), ref(r.pue.source)];
      return [...common, prices, ...tail, srcs.join('')];
    }
    const g = regionGpuPrice(r, gpuId)!;
    return [...common, `${g.instance} (${g.gpusPerInstance})`, money(g.onDemandUsdPerHour), money(g.spotUsdPerHour), ...tail, [ref(g.source.split(':')[0]), ref(r.carbon.source.split(':')[0]), ref(r.pue.source)].join('')];
  });
  if (rows.length === 0) {
    io.stdout(`no catalog region prices ${gpuId ?? 'any GPU'}${provider ? ` on ${provider}` : ''}\n`);
    return 0;
  }
  io.stdout(pad([head, ...rows]));
  io.stdout(
    `\n${rows.length} regions. Prices: per GPU-hour (instance ÷ GPUs; GCP accelerator + host share), spot = snapshot. ` +
      'PUE * = provider fleet average (no regional figure). Electricity, egress, billing and reserved discounts are assumptions (--json; docs/regions.md).\n' +
      notes.map((n, i) => `[${i + 1}] ${n}`).join('\n') + '\n',
  );
  return 0;
}

/** Catalog id for a GPU name; ids the region data uses outside the GPU catalog pass through. */
function gpuIdOf(name: string): string {
  const extra = listRegions().flatMap((r) => r.gpuPrices.map((g) => g.gpu)).find((g) => g.toLowerCase() === name.toLowerCase());
  return extra ?? getGpu(name).id;
}
