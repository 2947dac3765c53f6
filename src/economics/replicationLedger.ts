import type { ResolvedRegion, ResolvedScenario } from '../scenario/resolve.js';
import type { LlmPoolRuntime } from '../simulate/llmPoolRuntime.js';
import { buildLedger, type Ledger, type LedgerRegion } from './ledger.js';
import { diffCounters, readPoolCounters, zeroCounters, type PoolCounters } from './poolCounters.js';

/** The pools' counters at the warm-up, by pool index (undefined: not an LLM pool). */
export type WarmSnapshot = (PoolCounters | undefined)[];

/** Reads every LLM pool's counters (the warm-up hook). Precondition: accumulated to the same instant. */
export function snapshotPools(pools: readonly (LlmPoolRuntime | undefined)[]): WarmSnapshot {
  return pools.map((p) => (p ? readPoolCounters(p) : undefined));
}

const region = (r: ResolvedRegion): LedgerRegion => ({ name: r.name, egressUsdPerByte: r.egressUsdPerByte, crossRegionUsdPerByte: r.crossRegionUsdPerByte });

/**
 * The ledger of one replication's measurement window [warm-up, end]: the pools' counters at the end
 * (precondition: accumulated to `end`) less those at the warm-up (zero without one).
 */
export function replicationLedger(a: {
  scenario: ResolvedScenario;
  measuredS: number;
  completed: readonly number[];
  llmPools: readonly (LlmPoolRuntime | undefined)[];
  warm: WarmSnapshot | undefined;
}): Ledger {
  const s = a.scenario;
  const n = s.classes.length;
  return buildLedger({
    measuredS: a.measuredS,
    classes: s.classes.map((c, i) => ({ name: c.name, cohort: c.cohort, completed: a.completed[i] ?? 0 })),
    llmPools: s.pools.flatMap((p) => {
      const rt = a.llmPools[p.index];
      if (p.kind !== 'llm' || !rt) return [];
      return [{
        name: p.name, region: region(p.region), gpu: p.perf.gpu.id, model: p.perf.model.id, gpusPerReplica: p.gpusPerReplica,
        usdPerGpuSecond: p.usdPerGpuSecond, spotUsdPerGpuSecond: p.spot?.usdPerGpuSecond ?? 0, weightBytes: p.perf.weightBytes,
        counters: diffCounters(readPoolCounters(rt), a.warm?.[p.index] ?? zeroCounters(n)),
      }];
    }),
    servicePools: s.pools.flatMap((p) => p.kind !== 'service' ? [] : [{
      name: p.name, region: region(p.region), replicas: p.replicas, usdPerReplicaSecond: p.usdPerReplicaSecond,
      classes: s.classes.filter((c) => c.pools.find((pi) => s.pools[pi].kind === 'service') === p.index).map((c) => c.index),
    }]),
    observability: s.observability,
  });
}
