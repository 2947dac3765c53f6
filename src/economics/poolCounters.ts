import type { LlmPoolRuntime } from '../simulate/llmPoolRuntime.js';

/**
 * The cumulative counters of one LLM pool that the cost ledger prices (replica-seconds, busy time by
 * pricing tier, tokens by class, payload bytes). Taken at the warm-up and at the end; the ledger
 * prices the difference. Seconds are replica-seconds.
 */
export interface PoolCounters {
  /** Replica-seconds provisioning, loading, serving, draining. */
  readonly provisioningS: number;
  readonly loadingS: number;
  readonly servingS: number;
  readonly drainingS: number;
  readonly onDemandS: number;
  readonly spotS: number;
  /** Busy replica-seconds and the compute-bound part of them, on on-demand and on spot slots. */
  readonly busyOnDemandS: number;
  readonly busySpotS: number;
  readonly computeOnDemandS: number;
  readonly computeSpotS: number;
  /** Billing-minimum top-ups (USD) of on-demand and of spot slots. */
  readonly billingTopUpOnDemandUsd: number;
  readonly billingTopUpSpotUsd: number;
  /** Tokens routed to the pool by class index. */
  readonly classTokens: readonly number[];
  readonly ingressBytes: number;
  readonly egressBytes: number;
  readonly crossRegionBytes: number;
}

/**
 * Reads a pool's counters. Precondition: the pool and its replicas are accumulated to the same
 * instant (runReplication's `flush` does both).
 */
export function readPoolCounters(p: LlmPoolRuntime): PoolCounters {
  const spotFrom = p.spotFrom;
  let busyOnDemandS = 0;
  let busySpotS = 0;
  let computeOnDemandS = 0;
  let computeSpotS = 0;
  p.replicas.forEach((r, i) => {
    if (i >= spotFrom) {
      busySpotS += r.busyTime;
      computeSpotS += r.computeBoundTime;
    } else {
      busyOnDemandS += r.busyTime;
      computeOnDemandS += r.computeBoundTime;
    }
  });
  const ss = p.stateSeconds;
  return {
    provisioningS: ss[1], loadingS: ss[2], servingS: ss[3], drainingS: ss[4],
    onDemandS: p.onDemandProvisionedSeconds, spotS: p.spotProvisionedSeconds,
    busyOnDemandS, busySpotS, computeOnDemandS, computeSpotS,
    billingTopUpOnDemandUsd: p.billingTopUpOnDemandUsd, billingTopUpSpotUsd: p.billingTopUpSpotUsd,
    classTokens: Array.from(p.classTokens),
    ingressBytes: p.ingressBytes, egressBytes: p.egressBytes, crossRegionBytes: p.crossRegionBytes,
  };
}

/** All-zero counters for `classes` classes: the snapshot of a run without warm-up. */
export function zeroCounters(classes: number): PoolCounters {
  return {
    provisioningS: 0, loadingS: 0, servingS: 0, drainingS: 0, onDemandS: 0, spotS: 0,
    busyOnDemandS: 0, busySpotS: 0, computeOnDemandS: 0, computeSpotS: 0, billingTopUpOnDemandUsd: 0, billingTopUpSpotUsd: 0,
    classTokens: new Array<number>(classes).fill(0), ingressBytes: 0, egressBytes: 0, crossRegionBytes: 0,
  };
}

/** `end − start`, field by field: the counters of the measurement window. */
export function diffCounters(end: PoolCounters, start: PoolCounters): PoolCounters {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(end) as (keyof PoolCounters)[]) {
    const a = end[k];
    const b = start[k];
    out[k] = Array.isArray(a) ? a.map((v, i) => v - ((b as readonly number[])[i] ?? 0)) : (a as number) - (b as number);
  }
  return out as unknown as PoolCounters;
}
