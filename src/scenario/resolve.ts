import type { Catalog } from '../catalog/index.js';
import type { ResolvedObservability } from '../economics/prices.js';
import { makeFail } from './fail.js';
import type { SourceDoc } from './load.js';
import { resolveCatalog } from './resolveCatalog.js';
import { resolveClasses, type ResolvedClass } from './resolveClasses.js';
import { resolvePools, type ResolvedPool } from './resolvePools.js';
import { checkRegionInputs } from './resolveRegion.js';
import { resolvePopulations, type ResolvedPopulation } from './resolveRouting.js';
import type { Scenario } from './schema.js';

export type { ResolvedClass } from './resolveClasses.js';
export type { ResolvedAutoscale, ResolvedLlmPool, ResolvedPool, ResolvedServicePool } from './resolvePools.js';
export type { ResolvedRegion } from './resolveRegion.js';
export type { ResolvedPopulation } from './resolveRouting.js';

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

/**
 * Resolves names against the catalog (the built-in one plus the scenario's `catalog:` entries, unless
 * one is given) and checks cross-field rules the schema cannot see (a GPU that exists, a model that
 * fits, a pool a class names). Errors point at the scenario path.
 */
export function resolveScenario(s: Scenario, src?: SourceDoc, catalog?: Catalog): ResolvedScenario {
  const fail = makeFail(src);
  const warnings: string[] = [];
  const cat = catalog ?? resolveCatalog(s.catalog, fail);
  checkRegionInputs(s.regions, fail);
  const pools = resolvePools(s, cat, fail, warnings);
  const populations = resolvePopulations(s, fail);
  const classes = resolveClasses(s, pools, populations, src?.file, fail, warnings);

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
