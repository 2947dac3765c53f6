import { UserError } from '../errors.js';
import type { Catalog } from '../catalog/index.js';
import { findRegion, regionGpuPrice } from '../catalog/regions.js';
import { createReplicaPerf, type ReplicaPerfExt } from '../serving/perf/createReplicaPerf.js';
import type { GpuSpec } from '../serving/perf/types.js';
import type { Fail } from './fail.js';
import { resolveRegion, type ResolvedRegion } from './resolveRegion.js';
import type { LlmPoolInput, Scenario, ServiceDist } from './schema.js';

interface PoolBase {
  readonly name: string;
  readonly index: number;
  readonly region: ResolvedRegion;
  readonly replicas: number;
}

export interface ResolvedLlmPool extends PoolBase {
  readonly kind: 'llm';
  readonly perf: ReplicaPerfExt;
  readonly gpusPerReplica: number;
  readonly maxBatch: number;
  readonly maxBatchTokens: number;
  readonly powerCapW: number; // per GPU; Infinity when none
  readonly prefixCacheShare: number; // share of KV capacity used as the prefix cache
  readonly usdPerGpuSecond: number;
  readonly priceSource: string;
  /** Replica slots: the autoscaler's max, else `replicas`. */
  readonly maxReplicas: number;
  readonly autoscale: ResolvedAutoscale | undefined;
  /** Seconds from provisioning to serving: node + image, then weights over the load bandwidth. */
  readonly coldStart: { readonly provisionS: number; readonly loadS: number };
  readonly startCold: boolean;
  readonly spot: { readonly slots: number; readonly ratePerS: number; readonly noticeS: number; readonly usdPerGpuSecond: number; readonly priceSource: string } | undefined;
}

export interface ResolvedAutoscale {
  readonly min: number;
  readonly max: number;
  readonly metric: 'utilization' | 'queue' | 'concurrency';
  readonly target: number;
  readonly tolerance: number;
  readonly interval: number;
  readonly lag: number;
  readonly upCooldown: number;
  readonly downCooldown: number;
  readonly idleTimeout: number; // Infinity when none
  /** Daily schedule sorted by time of day (seconds, local), with the timezone's offset applied by the fleet. */
  readonly schedule: readonly { readonly at: number; readonly min?: number; readonly max?: number }[];
  readonly timezone: number;
}

export interface ResolvedServicePool extends PoolBase {
  readonly kind: 'service';
  readonly service: ServiceDist;
  readonly usdPerReplicaSecond: number;
  readonly powerPerReplicaW: number;
}

export type ResolvedPool = ResolvedLlmPool | ResolvedServicePool;

/**
 * The `fleet.pools` list, in order (a pool's index is its position): names made unique, GPU and model
 * found in the catalog, performance model built, prices looked up. Pushes a warning for each figure
 * that falls back to something the user may not expect (no price, an idle timeout that cannot act,
 * a pool with no replicas).
 */
export function resolvePools(s: Scenario, catalog: Catalog, fail: Fail, warnings: string[]): ResolvedPool[] {
  const names = new Set<string>();
  const pools: ResolvedPool[] = s.fleet.pools.map((p, index) => {
    const name = p.name ?? ('model' in p ? `${p.model}@${p.gpu}` : `pool${index}`);
    if (names.has(name)) fail(['fleet', 'pools', index, 'name'], `duplicate pool name "${name}"`);
    names.add(name);
    const region = resolveRegion(p.region, s.regions[p.region], catalog);
    if ('service' in p) {
      return {
        kind: 'service', name, index, region, replicas: p.replicas, service: p.service,
        usdPerReplicaSecond: p.pricePerReplicaHour, powerPerReplicaW: p.powerPerReplica,
      } satisfies ResolvedServicePool;
    }
    return resolveLlmPool(p, name, index, region, s, catalog, fail, warnings);
  });
  for (const p of pools) if (p.replicas === 0) warnings.push(`pool "${p.name}" has 0 replicas: requests that can only go to it are dropped (reason no-replicas)`);
  return pools;
}

function resolveLlmPool(
  p: LlmPoolInput, name: string, index: number, region: ResolvedRegion, s: Scenario, catalog: Catalog, fail: Fail, warnings: string[],
): ResolvedLlmPool {
  const gpu = catalog.findGpu(p.gpu);
  if (!gpu) return fail(['fleet', 'pools', index, 'gpu'], catalog.unknownGpuMessage(p.gpu));
  const model = catalog.findModel(p.model);
  if (!model) return fail(['fleet', 'pools', index, 'model'], catalog.unknownModelMessage(p.model));
  let perf: ReplicaPerfExt;
  try {
    perf = createReplicaPerf({ gpu, model, tp: p.tp, weightPrecision: p.precision, kvPrecision: p.kvPrecision, memoryReserveFraction: p.memoryReserve });
  } catch (e) {
    if (e instanceof UserError) return fail(['fleet', 'pools', index], e.message);
    throw e;
  }
  const powerCapW = p.powerCap === undefined ? Infinity : 'watts' in p.powerCap ? p.powerCap.watts : p.powerCap.fraction * gpu.tdpW;
  if (powerCapW < gpu.idleLoadedW) {
    return fail(['fleet', 'pools', index, 'powerCap'], `${powerCapW.toFixed(1)} W per GPU is below ${gpu.id}'s idle power with weights loaded (${gpu.idleLoadedW} W): no clock meets it; expected a share of TDP or watts between ${gpu.idleLoadedW} W and ${gpu.tdpW} W`);
  }
  const onDemand = onDemandPrice(p, s, gpu, catalog);
  if (!onDemand) warnings.push(`pool "${name}": no price for ${gpu.id} in region ${p.region}; cost counted as $0`);
  let price = onDemand?.price ?? 0;
  let priceSource = onDemand?.priceSource ?? 'none';
  if (p.pricing === 'reserved') {
    const d = region.reservedDiscount;
    if (d === undefined) fail(['fleet', 'pools', index, 'pricing'], `no reserved/committed discount known for region ${region.name}; give regions.${region.name}.reservedDiscount`);
    price = price * (1 - d!);
    priceSource = `${priceSource}, reserved: − ${(d! * 100).toFixed(0)} % (${region.sources.reservedDiscount ?? 'region'})`;
  }
  const a = p.autoscale;
  const autoscale: ResolvedAutoscale | undefined = a && {
    min: a.min, max: a.max, metric: a.metric, target: a.target, tolerance: a.tolerance, interval: a.interval, lag: a.lag,
    upCooldown: a.upCooldown, downCooldown: a.downCooldown, idleTimeout: a.idleTimeout ?? Infinity,
    schedule: [...(a.schedule ?? [])].sort((x, y) => x.at - y.at), timezone: a.timezone,
  };
  if (a && a.idleTimeout !== undefined && a.min > 0) warnings.push(`pool "${name}": idleTimeout has no effect unless autoscale.min is 0`);
  const maxReplicas = autoscale ? Math.max(autoscale.max, p.replicas) : p.replicas;
  let spot: ResolvedLlmPool['spot'];
  if (p.spot && p.spot.share > 0) {
    let spotPrice = region.spotUsdPerGpuSecond[gpu.id];
    let spotSource = `spot price of ${gpu.id} in ${region.name} (${region.sources.spotPrices ?? 'catalog'})`;
    if (spotPrice === undefined && p.spot.discount !== undefined) {
      spotPrice = price * (1 - p.spot.discount);
      spotSource = `scenario: fleet.pools[${index}].spot.discount`;
    }
    if (spotPrice === undefined) {
      fail(['fleet', 'pools', index, 'spot'], `no spot price for ${gpu.id} in region ${region.name}; give regions.${region.name}.spotPrices.${gpu.id} or spot.discount`);
    }
    spot = { slots: Math.round(p.spot.share * maxReplicas), ratePerS: p.spot.preemptionRate, noticeS: p.spot.notice, usdPerGpuSecond: spotPrice!, priceSource: spotSource };
  }
  return {
    kind: 'llm', name, index, region, replicas: p.replicas, perf, gpusPerReplica: p.tp,
    maxBatch: p.maxBatch, maxBatchTokens: p.maxBatchTokens, powerCapW, prefixCacheShare: p.prefixCache, usdPerGpuSecond: price, priceSource,
    maxReplicas, autoscale, startCold: p.startCold, spot,
    coldStart: { provisionS: p.coldStart.provision + p.coldStart.imagePull, loadS: perf.weightBytes / p.coldStart.loadBandwidth },
  };
}

/**
 * On-demand USD per GPU-second and where it came from: the pool's own price, else the scenario's
 * `regions.<r>.gpuPrices` (keyed by any alias of the GPU), else the region catalog; undefined when none has one.
 */
function onDemandPrice(p: LlmPoolInput, s: Scenario, gpu: GpuSpec, catalog: Catalog): { price: number; priceSource: string } | undefined {
  if (p.pricePerGpuHour !== undefined) return { price: p.pricePerGpuHour, priceSource: 'scenario: fleet.pools[].pricePerGpuHour' };
  const table = s.regions[p.region]?.gpuPrices ?? {};
  const key = Object.keys(table).find((k) => catalog.findGpu(k)?.id === gpu.id);
  if (key !== undefined) return { price: table[key], priceSource: `scenario: regions.${p.region}.gpuPrices.${key}` };
  const r = findRegion(p.region);
  const offer = r && regionGpuPrice(r, gpu.id);
  if (offer) {
    return { price: offer.onDemandUsdPerHour / 3600, priceSource: `catalog: ${r.provider} ${r.id} ${offer.instance} on-demand $${offer.onDemandUsdPerHour}/GPU-h; ${offer.source}` };
  }
  return undefined;
}
