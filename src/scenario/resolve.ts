import { UserError } from '../errors.js';
import { createCatalog, type Catalog } from '../catalog/index.js';
import { findRegion, regionGpuPrice, type RegionSpec } from '../catalog/regions.js';
import { createReplicaPerf, type ReplicaPerfExt } from '../serving/perf/createReplicaPerf.js';
import type { Scenario, ServiceDist, LengthDistInput, RegionInput } from './schema.js';
import type { SourceDoc } from './load.js';
import { dirname, resolve as resolvePath } from 'node:path';
import { openTrace } from '../workload/traces/openTrace.js';
import { confinePath, getFileRoot } from './include.js';
import { detectFormat } from '../workload/traces/detectFormat.js';
import type { TraceOptions } from '../workload/traces/types.js';
import { ratePresets } from '../workload/presets/index.js';
import { makeProfile, type RateProfile } from '../workload/profile.js';
import type { ResolvedArrival, ResolvedAgent, ResolvedSession, PromptComposition } from '../workload/types.js';
import { makeHourlyProfile, type HourlyProfile } from '../economics/profiles.js';
import { mmppStationaryRate } from '../workload/mmpp.js';
import { resolveHoldCondition } from '../workload/holdCondition.js';
import type { RoutingInput } from '../simulate/routing/registry.js';
import type { ResolvedObservability } from '../economics/prices.js';

/** Resolved, validated model inputs: plain typed objects in SI units. */
export interface ResolvedClass {
  readonly name: string;
  readonly index: number;
  readonly kind: 'interactive' | 'batch' | 'agent';
  readonly rate: number; // requests (or sessions) per second; 0 for trace/closed/schedule
  readonly arrival: ResolvedArrival;
  readonly profile: RateProfile | undefined;
  readonly count: number; // Infinity when unbounded
  readonly composition: PromptComposition;
  readonly output: LengthDistInput;
  readonly session: ResolvedSession | undefined;
  readonly agent: ResolvedAgent | undefined;
  readonly prefixCache: boolean;
  readonly exactHitRate: number;
  readonly cohort: string | undefined;
  readonly priority: number;
  readonly slo: { ttft?: number; tpot?: number; e2e?: number; percentile: number } | undefined;
  /** Indices of the pools that may serve this class. */
  readonly pools: readonly number[];
  /** Indices into `ResolvedScenario.populations` this class draws from (default: all). */
  readonly populations?: readonly number[];
  /** The validated `routing:` block (default: least-loaded). */
  readonly routing?: RoutingInput;
  /** Pool indices per cascade stage (a request starts at stage 0); undefined: one stage of `pools`. */
  readonly stages?: readonly (readonly number[])[];
  /** Share of a stage's completions sent on to the next stage. */
  readonly escalate?: number;
  /** Success probability of an answer by pool index; pools absent: 1. */
  readonly quality?: Readonly<Record<number, number>>;
}

/** A user population (docs/routing.md). */
export interface ResolvedPopulation {
  readonly name: string;
  /** Share of requests, a fraction; the shares add up to 1. */
  readonly share: number;
  readonly timezone: number;
  /** Round-trip time (s) by region name; a region absent cannot serve the population. */
  readonly rtt: Readonly<Record<string, number>>;
  /** The region with the smallest round-trip time: traffic served elsewhere is cross-region. */
  readonly home: string;
}

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

export interface ResolvedScenario {
  readonly name: string;
  readonly seed: number;
  readonly horizon: number; // Infinity when bounded by class counts
  readonly warmup: number;
  readonly window: number;
  readonly replications: number;
  readonly fidelity: 'analytic' | 'iteration';
  readonly drain: boolean;
  readonly classes: readonly ResolvedClass[];
  readonly pools: readonly ResolvedPool[];
  readonly warnings: readonly string[];
  /** User populations; undefined: one implicit population 0 s from every region, never cross-region. */
  readonly populations?: readonly ResolvedPopulation[];
  /** Telemetry pricing (the scenario's `observability:` block); undefined: none priced. */
  readonly observability?: ResolvedObservability;
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
 * Per field: the scenario's `regions.<name>` value, else the region catalog's, else the default.
 * Catalog figures are converted to SI (kg/J, USD/J, USD/byte, USD/s).
 */
function resolveRegion(name: string, input: RegionInput | undefined, catalog: Catalog): ResolvedRegion {
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

/**
 * Resolves names against the catalog and checks cross-field rules the schema cannot see
 * (a GPU that exists, a model that fits, a pool a class names). Errors point at the scenario path.
 */
export function resolveScenario(s: Scenario, src?: SourceDoc, catalog: Catalog = createCatalog()): ResolvedScenario {
  const fail = (path: (string | number)[], message: string): never => {
    const line = src?.lineOf(path);
    const p = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    throw new UserError(message, { file: src?.file, path: p, ...(line !== undefined ? { line } : {}) });
  };
  const warnings: string[] = [];
  for (const [r, input] of Object.entries(s.regions)) {
    if (input.carbonProfile && 'hourly' in input.carbonProfile && input.carbonIntensity !== undefined) {
      fail(['regions', r, 'carbonProfile', 'hourly'], 'give carbonIntensity or absolute carbonProfile.hourly values, not both (multipliers shape carbonIntensity)');
    }
    if (input.priceProfile && 'hourly' in input.priceProfile && input.electricityPrice !== undefined) {
      fail(['regions', r, 'priceProfile', 'hourly'], 'give electricityPrice or absolute priceProfile.hourly values, not both (multipliers shape electricityPrice)');
    }
  }
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
    const powerCapW = p.powerCap === undefined ? Infinity : p.powerCap <= 1 ? p.powerCap * gpu.tdpW : p.powerCap;
    let price = p.pricePerGpuHour;
    let priceSource = 'scenario: fleet.pools[].pricePerGpuHour';
    if (price === undefined) {
      const table = s.regions[p.region]?.gpuPrices ?? {};
      const key = Object.keys(table).find((k) => catalog.findGpu(k)?.id === gpu.id);
      if (key !== undefined) {
        price = table[key];
        priceSource = `scenario: regions.${p.region}.gpuPrices.${key}`;
      }
    }
    if (price === undefined) {
      const r = findRegion(p.region);
      const offer = r && regionGpuPrice(r, gpu.id);
      if (offer) {
        price = offer.onDemandUsdPerHour / 3600;
        priceSource = `catalog: ${r.provider} ${r.id} ${offer.instance} on-demand $${offer.onDemandUsdPerHour}/GPU-h; ${offer.source}`;
      }
    }
    if (price === undefined) {
      warnings.push(`pool "${name}": no price for ${gpu.id} in region ${p.region}; cost counted as $0`);
      price = 0;
      priceSource = 'none';
    }
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
    } satisfies ResolvedLlmPool;
  });

  const populations = resolvePopulations(s, fail);
  for (const p of pools) if (p.replicas === 0) warnings.push(`pool "${p.name}" has 0 replicas: requests that can only go to it are dropped (reason no-replicas)`);
  const classes: ResolvedClass[] = Object.entries(s.workload).map(([name, c], index) => {
    const poolIdx = c.pool === undefined ? pools.map((p) => p.index) : pools.filter((p) => p.name === c.pool).map((p) => p.index);
    if (poolIdx.length === 0) {
      fail(['workload', name, 'pool'], `no pool named "${c.pool}"; pools: ${pools.map((p) => p.name).join(', ')}`);
    }
    if (typeof c.prompt !== 'number' && c.prompt.dist === 'uniform' && c.prompt.min > c.prompt.max) fail(['workload', name, 'prompt'], 'min is greater than max');
    if (typeof c.output !== 'number' && c.output.dist === 'uniform' && c.output.min > c.output.max) fail(['workload', name, 'output'], 'min is greater than max');
    let arrival = resolveArrival(c.arrival, src?.file, (msg) => fail(['workload', name, 'arrival'], msg));
    if (arrival.process === 'schedule' && c.arrival !== 'poisson' && c.arrival.process === 'schedule' && c.arrival.when) {
      const regions = [...new Set(poolIdx.map((i) => pools[i].region.name))];
      if (regions.length !== 1) fail(['workload', name, 'arrival', 'when'], `the class's pools are in several regions (${regions.join(', ')}); name one pool with pool:`);
      const held = resolveHoldCondition(c.arrival.when, pools[poolIdx[0]].region);
      if (held.warning) warnings.push(`class "${name}": ${held.warning}`);
      arrival = { ...arrival, when: held.condition };
    }
    let profile: RateProfile | undefined;
    if (c.profile !== undefined) {
      if ('preset' in c.profile) {
        const preset = ratePresets[c.profile.preset];
        if (!preset) fail(['workload', name, 'profile', 'preset'], `unknown rate profile "${c.profile.preset}"; known: ${Object.keys(ratePresets).join(', ')}`);
        profile = makeProfile(preset.multipliers, preset.windowSeconds, c.profile.timezone);
      } else {
        if (c.profile.multipliers.every((m) => m === 0)) fail(['workload', name, 'profile', 'multipliers'], 'at least one multiplier must be above 0');
        profile = makeProfile(c.profile.multipliers, c.profile.window, c.profile.timezone);
      }
    }
    const session: ResolvedSession | undefined = c.session && {
      turns: c.session.turns, think: c.session.think, keepTurns: c.session.keepTurns ?? Infinity, maxContext: c.session.maxContext ?? Infinity,
    };
    const agent: ResolvedAgent | undefined = c.agent && {
      steps: c.agent.steps, fanout: c.agent.fanout, tool: c.agent.tool, toolOutput: c.agent.toolOutput, bound: c.agent.bound ?? Infinity,
    };
    const routed = resolveClassRouting(name, c, pools, populations, fail);
    return {
      ...routed,
      name, index, kind: c.kind, rate: (c.rate ?? (arrival.process === 'mmpp' ? mmppStationaryRate(arrival.states) : 0)) * s.trafficMultiplier, arrival, profile, count: c.count ?? Infinity,
      composition: { system: c.system, retrieval: c.retrieval, user: c.prompt }, output: c.output, session, agent,
      prefixCache: c.cache.prefix, exactHitRate: c.cache.exactHitRate, cohort: c.cohort,
      priority: c.priority ?? (c.kind === 'batch' ? 5 : 0), slo: c.slo, pools: routed.pools ?? poolIdx,
    };
  });

  const bounded = classes.every(
    (c) => c.count !== Infinity || c.arrival.process === 'trace' || (c.rate === 0 && c.arrival.process !== 'closed' && c.arrival.process !== 'schedule'),
  );
  if (s.horizon === undefined && !bounded) fail(['horizon'], 'a horizon is required unless every class has a count or replays a trace');
  const horizon = s.horizon ?? Infinity;
  if (s.warmup >= horizon) fail(['warmup'], `the warm-up (${s.warmup} s) must be shorter than the horizon (${horizon} s)`);
  return {
    name: s.name ?? 'scenario', seed: s.seed, horizon, warmup: s.warmup, window: s.window, replications: s.replications,
    fidelity: s.fidelity, drain: s.drain, classes, pools, warnings, ...(populations && { populations }),
    ...(s.observability && { observability: {
      bytesPerRequest: s.observability.bytesPerRequest, sampling: s.observability.sampling, usdPerByte: s.observability.pricePerGB,
      retentionS: s.observability.retention, storageUsdPerByteMonth: s.observability.storagePerGBMonth,
    } }),
  };
}

/** Turns the arrival block into its resolved form; trace paths are relative to the scenario file. */
function resolveArrival(a: Scenario['workload'][string]['arrival'], file: string | undefined, fail: (msg: string) => never): ResolvedArrival {
  if (a === 'poisson') return { process: 'poisson' };
  if (a.process === 'schedule') {
    const { when: _when, ...rest } = a; // resolved against the class's region by the caller
    return rest;
  }
  if (a.process !== 'trace') return a;
  const path = resolvePath(file ? dirname(file) : process.cwd(), a.path);
  if (getFileRoot() !== undefined) {
    try {
      confinePath(path, 'trace');
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const format = a.format ?? detectFormat(path) ?? (a.columns ? 'generic' : undefined);
  if (format === undefined) fail(`cannot tell the format of trace ${a.path} from its first line (or the file is missing); give arrival.format`);
  const options: TraceOptions = { format: format!, onError: a.onError };
  if (a.columns) options.columns = a.columns;
  if (a.timeUnit) options.timeUnit = a.timeUnit;
  if (a.window) options.window = a.window;
  if (a.timeScale !== undefined) options.timeScale = a.timeScale;
  if (a.rateScale !== undefined) options.rateScale = a.rateScale;
  if (a.offset !== undefined) options.offset = a.offset;
  if (a.model !== undefined) options.model = a.model;
  return { process: 'trace', path, open: (seed: number) => openTrace(path, { ...options, seed }) };
}

type Fail = (path: (string | number)[], message: string) => never;

/** The `populations:` block: shares must add up to 100 %; home = the region with the smallest RTT. */
function resolvePopulations(s: Scenario, fail: Fail): ResolvedPopulation[] | undefined {
  if (s.populations === undefined) return undefined;
  const list = Object.entries(s.populations).map(([name, p]) => {
    const regions = Object.entries(p.rtt);
    if (regions.length === 0) fail(['populations', name, 'rtt'], 'give the round-trip time to at least one region, e.g. { us-east-1: 20ms }');
    const home = regions.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
    return { name, share: p.share, timezone: p.timezone, rtt: p.rtt, home };
  });
  if (list.length === 0) fail(['populations'], 'give at least one population, or leave the block out');
  const total = list.reduce((a, p) => a + p.share, 0);
  if (Math.abs(total - 1) > 0.005) fail(['populations'], `population shares add up to ${(total * 100).toFixed(1)} %, expected 100 %`);
  return list;
}

type ClassRouting = Pick<ResolvedClass, 'populations' | 'routing' | 'stages' | 'escalate' | 'quality'> & { pools?: readonly number[] };

/**
 * A class's populations, routing policy, cascade stages and quality table, checked against the
 * pools: stage pools are LLM pools, no pool in two stages, quality names pools of the class, and
 * every population of the class can reach a pool of every stage.
 */
function resolveClassRouting(
  name: string, c: Scenario['workload'][string], pools: readonly ResolvedPool[], populations: readonly ResolvedPopulation[] | undefined, fail: Fail,
): ClassRouting {
  const out: { -readonly [K in keyof ClassRouting]: ClassRouting[K] } = {};
  const byName = (n: string, path: (string | number)[]): number => {
    const p = pools.find((x) => x.name === n);
    if (!p) return fail(path, `no pool named "${n}"; pools: ${pools.map((x) => x.name).join(', ')}`);
    return p.index;
  };
  if (c.routing) out.routing = c.routing as RoutingInput;
  let stages: number[][] | undefined;
  if (c.cascade) {
    if (c.pool !== undefined) fail(['workload', name, 'pool'], 'a cascade names its pools in cascade.stages; leave pool out');
    const seen = new Set<number>();
    stages = c.cascade.stages.map((st, k) => (typeof st === 'string' ? [st] : st).map((n, j) => {
      const path = ['workload', name, 'cascade', 'stages', k, ...(typeof st === 'string' ? [] : [j])];
      const pi = byName(n, path);
      if (pools[pi].kind !== 'llm') fail(path, `cascade stages are LLM pools; "${n}" is a service pool`);
      if (seen.has(pi)) fail(path, `pool "${n}" appears in two cascade stages`);
      seen.add(pi);
      return pi;
    }));
    out.stages = stages;
    out.escalate = c.cascade.escalate;
    out.pools = stages.flat();
  }
  const classPools = out.pools ?? (c.pool === undefined ? pools.map((p) => p.index) : pools.filter((p) => p.name === c.pool).map((p) => p.index));
  if (c.quality) {
    const q: Record<number, number> = {};
    for (const [n, v] of Object.entries(c.quality)) {
      const pi = byName(n, ['workload', name, 'quality', n]);
      if (!classPools.includes(pi)) fail(['workload', name, 'quality', n], `pool "${n}" does not serve class "${name}"`);
      q[pi] = v;
    }
    out.quality = q;
  }
  if (c.populations) {
    if (!populations) return fail(['workload', name, 'populations'], 'no populations: block at the top level');
    out.populations = c.populations.map((n) => {
      const i = populations.findIndex((p) => p.name === n);
      if (i < 0) fail(['workload', name, 'populations'], `no population named "${n}"; populations: ${populations.map((p) => p.name).join(', ')}`);
      return i;
    });
  }
  if (populations) {
    const llm = classPools.filter((pi) => pools[pi].kind === 'llm');
    for (const pi of out.populations ?? populations.map((_, i) => i)) {
      const pop = populations[pi];
      for (const [k, st] of (stages ?? [llm]).entries()) {
        if (st.length > 0 && !st.some((i) => pools[i].region.name in pop.rtt)) {
          fail(['populations', pop.name, 'rtt'], `population "${pop.name}" has no round-trip time to any region serving class "${name}"${stages ? ` (cascade stage ${k + 1})` : ''}: ${[...new Set(st.map((i) => pools[i].region.name))].join(', ')}`);
        }
      }
    }
  }
  return out;
}
