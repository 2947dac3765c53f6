import type { ValueKind } from './values.js';

/**
 * The vocabulary of gates: which summary figure a friendly name means, what kind of value it is,
 * and which direction is better (for baselines). Figure names are those of `RunResult.summary`
 * (src/simulate/output.ts); they are SI (seconds, USD, fractions, W, J, kg).
 */

/** Which direction of change is a regression for a figure. */
export type Direction = 'lower' | 'higher' | 'either';

/** Friendly names (identifiers or dotted) → figure. */
export const ALIASES: Readonly<Record<string, string>> = {
  cost_per_1k_requests: 'cost.per1kRequests',
  cost_per_successful_outcome: 'cost.perSuccessfulOutcome',
  cost_per_1m_tokens: 'cost.per1MTokens',
  cost_total: 'cost.total',
  total_cost: 'cost.total',
  gpu_utilization: 'fleet.utilization',
  utilization: 'fleet.utilization',
  gpu_hours: 'fleet.gpuHours',
  queue_mean: 'fleet.queueMean',
  'power.peak': 'power.peakW',
  'power.mean': 'power.meanW',
  'power.facility_peak': 'power.facilityPeakW',
  'power.facility_mean': 'power.facilityMeanW',
  peak_power: 'power.peakW',
  mean_power: 'power.meanW',
  energy: 'energy.facilityJ',
  'energy.facility': 'energy.facilityJ',
  energy_per_1k_requests: 'energy.per1kRequestsJ',
  energy_per_output_token: 'energy.perOutputTokenJ',
  carbon: 'carbon.kg',
  carbon_per_1k_requests: 'carbon.per1kRequestsKg',
  slo_attainment: 'requests.sloAttainment',
  throughput: 'requests.throughput',
  dropped: 'requests.dropped',
  completed: 'requests.completed',
  arrived: 'requests.arrived',
  preemptions: 'requests.preemptions',
  tokens_per_successful_outcome: 'tokens.perSuccessfulOutcome',
};

/** Latency metrics usable in pNN(metric, class=X), mean(...), max(...). */
export const LATENCY_METRICS: Readonly<Record<string, string>> = { ttft: 'ttft', tpot: 'tpot', e2e: 'e2e', queue_wait: 'queueWait', queueWait: 'queueWait' };
/** Percentiles that exist as figures. */
export const PERCENTILES = ['50', '90', '95', '99'] as const;

/** Per-class functions f(class) → class.<class>.<field>. */
export const CLASS_FUNCTIONS: Readonly<Record<string, string>> = {
  slo_attainment: 'sloAttainment', throughput: 'throughput', dropped: 'dropped', completed: 'completed', arrived: 'arrived',
  preemptions: 'preemptions', p_wait: 'pWait', tokens_in: 'tokensIn', tokens_out: 'tokensOut',
};

/** Per-pool functions f(pool=NAME) → pool.<name>.<field>. */
export const POOL_FUNCTIONS: Readonly<Record<string, string>> = {
  utilization: 'utilization', gpu_utilization: 'utilization', mean_batch: 'meanBatch', mean_queue: 'meanQueue',
  kv_utilization: 'kvUtilization', throttled: 'throttledFraction', peak_temperature: 'peakTemperatureC', replicas: 'replicas',
  gpus: 'gpus', cost: 'cost', preemptions: 'preemptions', energy: 'energyGpuJ',
};

/** The kind of a summary figure, from its name. Unknown shapes are plain numbers. */
export function figureKind(figure: string): ValueKind {
  const last = figure.slice(figure.lastIndexOf('.') + 1);
  if (/^class\.[^.]+\.(ttft|tpot|e2e|queueWait)\./.test(figure)) return 'duration';
  if (/^(sloAttainment|utilization|pWait|kvUtilization|throttledFraction)$/.test(last)) return 'fraction';
  if (figure.startsWith('cost.') || /^pool\.[^]+\.cost$/.test(figure)) return 'money';
  if (figure.startsWith('power.')) return 'power';
  if (figure.startsWith('energy.') || last === 'energyGpuJ') return 'energy';
  if (figure.startsWith('carbon.')) return 'mass';
  if (last === 'throughput') return 'rate';
  if (last === 'peakTemperatureC') return 'temperature';
  return 'number';
}

/** Which direction is worse for a figure (used when comparing with a baseline). */
export function figureDirection(figure: string): Direction {
  const last = figure.slice(figure.lastIndexOf('.') + 1);
  if (/^(sloAttainment|throughput|completed)$/.test(last)) return 'higher';
  if (/utilization|replicas|gpus|arrived|tokens(In|Out)?$|^(in|out)$/i.test(last)) return 'either';
  return 'lower';
}

/**
 * Figures compared with a baseline by default (glob patterns, `*` = one name segment): the
 * latency percentiles and SLO attainment of every class, unit cost, power, energy, carbon,
 * throughput and utilization. A policy file adds more (`baseline.figures`).
 */
export const DEFAULT_BASELINE_FIGURES: readonly string[] = [
  'class.*.ttft.p50', 'class.*.ttft.p95', 'class.*.ttft.p99', 'class.*.tpot.p50', 'class.*.tpot.p95',
  'class.*.e2e.p50', 'class.*.e2e.p95', 'class.*.e2e.p99', 'class.*.sloAttainment',
  'requests.throughput', 'requests.dropped', 'cost.per1kRequests', 'cost.total', 'cost.perSuccessfulOutcome',
  'power.peakW', 'power.meanW', 'energy.facilityJ', 'energy.per1kRequestsJ', 'carbon.kg', 'fleet.utilization',
];

/** Glob match on figure names: `*` matches one segment (no dots), `**` any run of characters. */
export function figureGlob(pattern: string): RegExp {
  const re = pattern
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^.]*'))
    .join('.*');
  return new RegExp(`^${re}$`);
}

/** `table[key]` for own keys only (`constructor`, `toString` … are not names). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
