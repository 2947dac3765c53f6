import type { RunResult, SeriesPoint } from '../../simulate/simulate.js';
import { LAYERS, type Layer } from '../../economics/ledger.js';

/** One layer of a pool's FOCUS window row: its share of the window's replica cost and its added cost. */
export interface FocusLayer {
  layer: Layer;
  /** Share of the pool's window replica cost (replica-time items of the ledger); the shares sum to 1. */
  share: number;
  /** The layer's non-replica ledger cost (network, weight storage, observability) falling in this window (USD). */
  extraUsd: number;
}

/**
 * The layer rows of pool `pool` in window `pt`. Replica items (GPU- or replica-seconds and billing
 * top-ups) give each layer's share of the window's replica cost; the other items are spread over the
 * measured period [warm-up, last window end] in proportion to time. Layers with neither are left
 * out; a pool with no ledger rows (an older result.json) gets one `compute` row.
 */
export function focusLayerSplit(r: RunResult, pool: string, pt: SeriesPoint): FocusLayer[] {
  const rows = (r.ledger?.rows ?? []).filter((x) => x.pool === pool);
  const replica = new Map<Layer, number>();
  const extra = new Map<Layer, number>();
  for (const x of rows) {
    const m = x.unit === 'gpu-s' || x.unit === 'replica-s' || x.item === 'billing-minimum' ? replica : extra;
    m.set(x.layer, (m.get(x.layer) ?? 0) + Number(x.cost.amount));
  }
  const replicaTotal = [...replica.values()].reduce((a, b) => a + b, 0);
  const points = r.timeseries.points;
  const from = r.scenario.warmupS;
  const to = points.length > 0 ? points[points.length - 1].end : from;
  const overlap = Math.max(0, Math.min(pt.end, to) - Math.max(pt.start, from));
  const frac = to > from ? overlap / (to - from) : 0;
  const out: FocusLayer[] = [];
  for (const layer of LAYERS) {
    const rep = replica.get(layer) ?? 0;
    const ext = extra.get(layer) ?? 0;
    if (rep <= 0 && ext <= 0) continue;
    out.push({ layer, share: replicaTotal > 0 ? rep / replicaTotal : 0, extraUsd: ext * frac });
  }
  if (replicaTotal <= 0) {
    const c = out.find((x) => x.layer === 'compute');
    if (c) c.share = 1;
    else out.unshift({ layer: 'compute', share: 1, extraUsd: 0 });
  }
  return out;
}
