import { ITEMS, LAYERS, NONE, sumBy, type Item, type Ledger } from './ledger.js';

/**
 * The ledger's flat figures (USD over the measurement window): `cost.layer.<layer>`,
 * `cost.item.<item>`, `cost.warmPoolWaste` (idle-warm), `cost.autoscalingLag` (provisioning +
 * loading), `cost.unattributed` (rows of no class), `class.<c>.cost`, `cohort.<c>.cost`. Every key is
 * present (0 when no row has it), so that replications share one set of figure names.
 */
export function ledgerFigures(ledger: Ledger, classes: readonly string[], cohorts: readonly string[]): Record<string, number> {
  const f: Record<string, number> = {};
  const byLayer = sumBy(ledger.rows, (r) => r.layer);
  const byItem = sumBy(ledger.rows, (r) => r.item);
  const byClass = sumBy(ledger.rows, (r) => r.class);
  const byCohort = sumBy(ledger.rows, (r) => r.cohort);
  for (const l of LAYERS) f[`cost.layer.${l}`] = byLayer.get(l) ?? 0;
  for (const i of Object.keys(ITEMS) as Item[]) f[`cost.item.${i}`] = byItem.get(i) ?? 0;
  f['cost.warmPoolWaste'] = byItem.get('idle-warm') ?? 0;
  f['cost.autoscalingLag'] = (byItem.get('provisioning') ?? 0) + (byItem.get('loading') ?? 0);
  f['cost.unattributed'] = byClass.get(NONE) ?? 0;
  for (const c of classes) f[`class.${c}.cost`] = byClass.get(c) ?? 0;
  for (const c of cohorts) f[`cohort.${c}.cost`] = byCohort.get(c) ?? 0;
  return f;
}
