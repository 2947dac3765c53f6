import type { PoolCounters } from './poolCounters.js';
import { MONTH_S, WEIGHT_STORAGE_USD_PER_BYTE_SECOND, type ResolvedObservability } from './prices.js';

/** The four cost layers of DESIGN §3. */
export const LAYERS = ['compute', 'memory', 'network', 'orchestration'] as const;
export type Layer = (typeof LAYERS)[number];

/** Every ledger item and its layer (docs/economics.md states the rule behind each). */
export const ITEMS = {
  'busy-compute': 'compute',
  'service-replicas': 'compute',
  'busy-memory': 'memory',
  'weight-storage': 'memory',
  egress: 'network',
  'cross-region': 'network',
  'idle-warm': 'orchestration',
  provisioning: 'orchestration',
  loading: 'orchestration',
  draining: 'orchestration',
  'billing-minimum': 'orchestration',
  observability: 'orchestration',
  'observability-storage': 'orchestration',
} as const satisfies Record<string, Layer>;
export type Item = keyof typeof ITEMS;

/** Placeholder of a slice that does not apply or is unknown (a row of no class, a pool without a GPU). */
export const NONE = '—';

/** One cost row: money (USD) over the measurement window, with its slices and the quantity priced. */
export interface LedgerRow {
  readonly layer: Layer;
  readonly item: Item;
  readonly region: string;
  readonly gpu: string;
  readonly model: string;
  readonly pool: string;
  /** `on-demand` or `spot` (replica-seconds and billing top-ups), or `—` (not bought per replica). */
  readonly pricing: 'on-demand' | 'spot' | typeof NONE;
  readonly class: string;
  readonly cohort: string;
  readonly usd: number;
  readonly quantity: number;
  /** `gpu-s` (GPU-seconds), `replica-s`, `byte`, `byte-s` (byte-seconds stored), `usd` (a top-up). */
  readonly unit: 'gpu-s' | 'replica-s' | 'byte' | 'byte-s' | 'usd';
}

export interface Ledger {
  readonly rows: readonly LedgerRow[];
  readonly totalUsd: number;
}

export interface LedgerRegion {
  readonly name: string;
  readonly egressUsdPerByte: number | undefined;
  readonly crossRegionUsdPerByte: number | undefined;
}

export interface LedgerLlmPool {
  readonly name: string;
  readonly region: LedgerRegion;
  readonly gpu: string;
  readonly model: string;
  readonly gpusPerReplica: number;
  readonly usdPerGpuSecond: number;
  /** Spot price per GPU-second (0 without spot slots). */
  readonly spotUsdPerGpuSecond: number;
  readonly weightBytes: number;
  /** The pool's counters over the measurement window (end − warm-up snapshot). */
  readonly counters: PoolCounters;
}

export interface LedgerServicePool {
  readonly name: string;
  readonly region: LedgerRegion;
  readonly replicas: number;
  readonly usdPerReplicaSecond: number;
  /** Indices of the classes this pool serves. */
  readonly classes: readonly number[];
}

export interface LedgerInput {
  /** Length of the measurement window (s): end − warm-up. */
  readonly measuredS: number;
  /** Classes in index order, with the requests each completed in the window. */
  readonly classes: readonly { readonly name: string; readonly cohort: string | undefined; readonly completed: number }[];
  readonly llmPools: readonly LedgerLlmPool[];
  readonly servicePools: readonly LedgerServicePool[];
  readonly observability: ResolvedObservability | undefined;
}

type Slice = Pick<LedgerRow, 'region' | 'gpu' | 'model' | 'pool' | 'pricing'>;

/**
 * The cost ledger of one replication's measurement window. Pure. Postconditions: every provisioned
 * replica-second of the window appears in exactly one replica item (busy-compute, busy-memory,
 * idle-warm, provisioning, loading, draining), priced at its slot's tier; the LLM replica rows plus
 * billing-minimum rows equal the pools' replica cost; `totalUsd` is the sum of the rows; each pool's
 * rows are split across classes by the class's share of the pool's tokens (class `—` when the pool
 * routed none).
 */
export function buildLedger(input: LedgerInput): Ledger {
  const rows: LedgerRow[] = [];
  const cls = input.classes;
  /** Emits `usd`/`quantity` split by `weights` over classes (or to class — when they sum to 0). */
  const emit = (item: Item, slice: Slice, usd: number, quantity: number, unit: LedgerRow['unit'], weights: readonly number[]) => {
    if (!(usd > 0) && !(quantity > 0)) return;
    const layer = ITEMS[item];
    const total = weights.reduce((a, w) => a + (w > 0 ? w : 0), 0);
    if (!(total > 0)) {
      rows.push({ layer, item, ...slice, class: NONE, cohort: NONE, usd, quantity, unit });
      return;
    }
    weights.forEach((w, c) => {
      if (!(w > 0)) return;
      const share = w / total;
      rows.push({ layer, item, ...slice, class: cls[c].name, cohort: cls[c].cohort ?? NONE, usd: usd * share, quantity: quantity * share, unit });
    });
  };

  // Weight storage: one copy of each model's weights per region, shared by the pools that load it.
  const copies = new Map<string, number>();
  for (const p of input.llmPools) {
    const key = `${p.region.name}\u0000${p.model}\u0000${p.weightBytes}`;
    copies.set(key, (copies.get(key) ?? 0) + 1);
  }

  for (const p of input.llmPools) {
    const c = p.counters;
    const w = c.classTokens;
    const g = p.gpusPerReplica;
    const base = { region: p.region.name, gpu: p.gpu, model: p.model, pool: p.name };
    // Busy time while serving: a draining replica is busy until it empties (then it is released),
    // so its draining seconds are its busy tail; the rest of the busy time was served.
    const busy = c.busyOnDemandS + c.busySpotS;
    const servedBusy = Math.min(c.servingS, Math.max(0, busy - c.drainingS));
    const f = busy > 0 ? servedBusy / busy : 0;
    const idle = Math.max(0, c.servingS - servedBusy);
    const others: [Item, number][] = [['idle-warm', idle], ['provisioning', c.provisioningS], ['loading', c.loadingS], ['draining', c.drainingS]];
    const tiers = [
      { pricing: 'on-demand' as const, provisioned: c.onDemandS, busy: c.busyOnDemandS * f, compute: c.computeOnDemandS * f, price: p.usdPerGpuSecond },
      { pricing: 'spot' as const, provisioned: c.spotS, busy: c.busySpotS * f, compute: c.computeSpotS * f, price: p.spotUsdPerGpuSecond },
    ];
    const rest = tiers.map((t) => Math.max(0, t.provisioned - t.busy));
    const restTotal = rest[0] + rest[1];
    tiers.forEach((t, ti) => {
      const slice: Slice = { ...base, pricing: t.pricing };
      const compute = Math.min(t.compute, t.busy);
      emit('busy-compute', slice, compute * g * t.price, compute * g, 'gpu-s', w);
      emit('busy-memory', slice, (t.busy - compute) * g * t.price, (t.busy - compute) * g, 'gpu-s', w);
      const share = restTotal > 0 ? rest[ti] / restTotal : 0;
      for (const [item, seconds] of others) emit(item, slice, seconds * share * g * t.price, seconds * share * g, 'gpu-s', w);
    });
    emit('billing-minimum', { ...base, pricing: 'on-demand' }, c.billingTopUpOnDemandUsd, c.billingTopUpOnDemandUsd, 'usd', w);
    emit('billing-minimum', { ...base, pricing: 'spot' }, c.billingTopUpSpotUsd, c.billingTopUpSpotUsd, 'usd', w);
    const key = `${p.region.name}\u0000${p.model}\u0000${p.weightBytes}`;
    const stored = (p.weightBytes * input.measuredS) / copies.get(key)!;
    emit('weight-storage', { ...base, pricing: NONE }, stored * WEIGHT_STORAGE_USD_PER_BYTE_SECOND, stored, 'byte-s', w);
    emit('egress', { ...base, pricing: NONE }, c.egressBytes * (p.region.egressUsdPerByte ?? 0), c.egressBytes, 'byte', w);
    emit('cross-region', { ...base, pricing: NONE }, c.crossRegionBytes * (p.region.crossRegionUsdPerByte ?? 0), c.crossRegionBytes, 'byte', w);
  }

  for (const p of input.servicePools) {
    const w = cls.map((c, i) => (p.classes.includes(i) ? c.completed : 0));
    const seconds = p.replicas * input.measuredS;
    emit('service-replicas', { region: p.region.name, gpu: NONE, model: NONE, pool: p.name, pricing: 'on-demand' }, seconds * p.usdPerReplicaSecond, seconds, 'replica-s', w);
  }

  const o = input.observability;
  if (o) {
    cls.forEach((c, ci) => {
      const bytes = c.completed * o.bytesPerRequest * o.sampling;
      if (!(bytes > 0)) return;
      const only = cls.map((_, i) => (i === ci ? 1 : 0));
      // The class's requests go to the pools that served its tokens (a service pool serves all of them).
      const sp = input.servicePools.find((p) => p.classes.includes(ci));
      const targets: [Slice, number][] = sp
        ? [[{ region: sp.region.name, gpu: NONE, model: NONE, pool: sp.name, pricing: NONE }, 1]]
        : input.llmPools.map((p) => [{ region: p.region.name, gpu: p.gpu, model: p.model, pool: p.name, pricing: NONE }, p.counters.classTokens[ci] ?? 0]);
      const sum = targets.reduce((a, [, x]) => a + (x > 0 ? x : 0), 0);
      const list: [Slice, number][] = sum > 0 ? targets.filter(([, x]) => x > 0).map(([s, x]) => [s, x / sum]) : [[{ region: NONE, gpu: NONE, model: NONE, pool: NONE, pricing: NONE }, 1]];
      for (const [slice, share] of list) {
        const b = bytes * share;
        emit('observability', slice, b * o.usdPerByte, b, 'byte', only);
        const kept = b * o.retentionS;
        emit('observability-storage', slice, (kept / MONTH_S) * o.storageUsdPerByteMonth, kept, 'byte-s', only);
      }
    });
  }

  let totalUsd = 0;
  for (const r of rows) totalUsd += r.usd;
  return { rows, totalUsd };
}

/** Sums the rows' USD by a key of each row. */
export function sumBy(rows: readonly LedgerRow[], key: (r: LedgerRow) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.usd);
  return m;
}
