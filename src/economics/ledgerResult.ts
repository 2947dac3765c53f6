import { LAYERS, type Layer, type Ledger, type LedgerRow } from './ledger.js';

export type Money = { amount: string; currency: 'USD' };

/** A ledger row of result.json: the mean across replications, money as a decimal string. */
export interface LedgerResultRow {
  layer: LedgerRow['layer'];
  item: LedgerRow['item'];
  region: string;
  gpu: string;
  model: string;
  pool: string;
  pricing: LedgerRow['pricing'];
  class: string;
  cohort: string;
  cost: Money;
  quantity: number;
  unit: LedgerRow['unit'];
}

/** The ledger of a run: rows (means across replications), totals by layer, and the total. */
export interface LedgerResult {
  currency: 'USD';
  total: Money;
  layers: Record<Layer, Money>;
  rows: LedgerResultRow[];
}

const money = (v: number): Money => ({ amount: (Math.abs(v) < 5e-7 ? 0 : v).toFixed(6), currency: 'USD' });

/**
 * Combines the replications' ledgers: rows with the same slices are summed and divided by the number
 * of replications (a row missing from a replication counts as 0 there), in first-seen order.
 * Deterministic for replications given in seed order.
 */
export function ledgerResult(ledgers: readonly Ledger[]): LedgerResult {
  const n = ledgers.length;
  const acc = new Map<string, { row: LedgerRow; usd: number; quantity: number }>();
  for (const l of ledgers) {
    for (const r of l.rows) {
      const key = [r.item, r.region, r.gpu, r.model, r.pool, r.pricing, r.class, r.cohort].join('\u0000');
      const a = acc.get(key);
      if (a) {
        a.usd += r.usd;
        a.quantity += r.quantity;
      } else acc.set(key, { row: r, usd: r.usd, quantity: r.quantity });
    }
  }
  const layers = Object.fromEntries(LAYERS.map((l) => [l, 0])) as Record<Layer, number>;
  let total = 0;
  const rows: LedgerResultRow[] = [];
  for (const { row, usd, quantity } of acc.values()) {
    const mean = n > 0 ? usd / n : 0;
    layers[row.layer] += mean;
    total += mean;
    rows.push({
      layer: row.layer, item: row.item, region: row.region, gpu: row.gpu, model: row.model, pool: row.pool, pricing: row.pricing,
      class: row.class, cohort: row.cohort, cost: money(mean), quantity: n > 0 ? quantity / n : 0, unit: row.unit,
    });
  }
  return {
    currency: 'USD', total: money(total),
    layers: Object.fromEntries(LAYERS.map((l) => [l, money(layers[l])])) as Record<Layer, Money>,
    rows,
  };
}
