import type { RunResult } from '../simulate/simulate.js';
import { csvLines } from './csv.js';
import { focusLayerSplit } from './internal/focusLayers.js';

/** Default start of the simulated billing period: t = 0 of the simulation. */
export const DEFAULT_FOCUS_START = '2026-01-01T00:00:00Z';

/** FOCUS 1.2 columns, then simulator columns (prefixed `x_`, as the spec asks of custom columns). */
export const FOCUS_COLUMNS = [
  'BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'BillingCurrency',
  'BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency',
  'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType',
  'ServiceName', 'ServiceCategory', 'ServiceSubcategory',
  'PricingUnit', 'PricingQuantity', 'ListUnitPrice', 'ContractedUnitPrice', 'ConsumedUnit', 'ConsumedQuantity',
  'ProviderName', 'PublisherName', 'InvoiceIssuerName', 'PricingCategory', 'SkuId',
  'x_Scenario', 'x_Seed', 'x_Replications', 'x_Pool', 'x_Gpu', 'x_Model', 'x_GpusPerReplica', 'x_Replicas',
  'x_InWarmup', 'x_BilledCostP5', 'x_BilledCostP95', 'x_CarbonKg', 'x_AllocationMethod', 'x_Layer',
] as const;

const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)', 'us-east-2': 'US East (Ohio)', 'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)', 'eu-west-1': 'Europe (Ireland)', 'eu-central-1': 'Europe (Frankfurt)',
  'eu-north-1': 'Europe (Stockholm)', 'ap-northeast-1': 'Asia Pacific (Tokyo)', 'ap-southeast-1': 'Asia Pacific (Singapore)',
};

const AWS_REGION = /^(us|eu|ap|ca|sa|me|af|il|mx)-[a-z]+-\d$/;

/**
 * A FOCUS 1.2-shaped cost CSV: one row per pool per time window, the window's mean cost across
 * replications (money as decimal strings, USD). Charge periods are ISO 8601 UTC instants from
 * `start` (t = 0 of the simulation). Warm-up windows are billed too (the GPUs are paid for) and
 * flagged `x_InWarmup`.
 *
 * Allocation: result.json has cost and carbon per window for the fleet and per pool for the run;
 * a window's fleet cost is split across pools in proportion to each pool's run cost (exact while
 * pools have a fixed size), its carbon in proportion to each pool's GPU energy. `x_AllocationMethod`
 * says so on every row.
 *
 * Layers: each pool's window row is split into one row per cost layer (`x_Layer`) by the pool's
 * replica-time shares in the ledger (compute, memory, orchestration); the ledger's other items
 * (network, weight storage, observability) are added to the measured windows in proportion to their
 * length (src/report/internal/focusLayers.ts).
 */
export function focusCsv(r: RunResult, start: string = DEFAULT_FOCUS_START): string {
  const t0 = Date.parse(start);
  if (!Number.isFinite(t0)) throw new RangeError(`focus: not an ISO date: ${start}`);
  const iso = (s: number) => new Date(t0 + Math.round(s * 1000)).toISOString().replace('.000Z', 'Z');
  const m = (k: string) => r.summary[k]?.mean ?? 0;
  const total = r.pools.reduce((a, p) => a + m(`pool.${p.name}.cost`), 0);
  const energy = r.pools.reduce((a, p) => a + m(`pool.${p.name}.energyGpuJ`), 0);
  const points = r.timeseries.points;
  const periodEnd = points.length > 0 ? points[points.length - 1].end : 0;
  const rows: (string | number | boolean | null)[][] = [[...FOCUS_COLUMNS]];
  for (const pt of points) {
    const cost = pt.values.costUsd;
    const carbon = pt.values.carbonKg?.mean ?? null;
    for (const p of r.pools) for (const ly of focusLayerSplit(r, p.name, pt)) {
      const share = total > 0 ? m(`pool.${p.name}.cost`) / total : 1 / r.pools.length;
      const eShare = energy > 0 ? m(`pool.${p.name}.energyGpuJ`) / energy : share;
      const hours = (pt.end - pt.start) / 3600;
      const units = p.kind === 'llm' ? p.replicas * (p.tp ?? 1) : p.replicas;
      const qty = units * hours * ly.share;
      const billed = (cost?.mean ?? 0) * share * ly.share + ly.extraUsd;
      const unitPrice = qty > 0 ? billed / qty : 0;
      const money = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(6));
      const region = p.region;
      rows.push([
        money(billed), money(billed), money(billed), money(billed), 'USD',
        iso(0), iso(periodEnd), iso(pt.start), iso(pt.end),
        'Usage', null, p.kind === 'llm' ? `${p.model} on ${units}× ${p.gpu} GPU (${p.replicas} replicas × tp ${p.tp})` : `service pool ${p.name}`, 'Usage-Based',
        region, REGION_NAMES[region] ?? region, `fleetsim:${r.scenario.name}:${p.name}`, p.name, p.kind === 'llm' ? 'GPU Instance' : 'Service',
        p.kind === 'llm' ? 'GPU compute' : 'Service', 'AI and Machine Learning', p.kind === 'llm' ? 'Generative AI' : 'Other (AI and Machine Learning)',
        p.kind === 'llm' ? 'GPU-Hours' : 'Replica-Hours', qty.toFixed(6), unitPrice.toFixed(6), unitPrice.toFixed(6),
        p.kind === 'llm' ? 'GPU-Hours' : 'Replica-Hours', qty.toFixed(6),
        AWS_REGION.test(region) ? 'AWS' : 'unspecified', AWS_REGION.test(region) ? 'AWS' : 'unspecified', AWS_REGION.test(region) ? 'AWS' : 'unspecified',
        'Standard', p.kind === 'llm' ? `${p.gpu}` : p.name,
        r.scenario.name, r.scenario.seed, r.scenario.replications, p.name, p.gpu ?? null, p.model ?? null, p.tp ?? null, p.replicas,
        pt.end <= r.scenario.warmupS, money(cost?.p5 === null || cost?.p5 === undefined ? null : cost.p5 * share * ly.share + ly.extraUsd),
        money(cost?.p95 === null || cost?.p95 === undefined ? null : cost.p95 * share * ly.share + ly.extraUsd), carbon === null ? null : (carbon * eShare * ly.share).toFixed(6),
        'window fleet cost × pool share of run cost × layer share of the pool\'s replica time in the ledger + network/storage/observability pro rata over measured windows; carbon × pool share of GPU energy × layer share',
        ly.layer,
      ]);
    }
  }
  return csvLines(rows);
}
