import { describe, expect, it } from 'vitest';
import { createRoutingPolicy, routingPolicies, routingPolicyNames, routingSchema, type RoutingInput } from '../../src/simulate/routing/registry.js';
import { makePoolView, type RouteDecision } from '../../src/simulate/routing/view.js';

/** Crafted views: each policy picks the expected pool. */
interface Row { serving?: number; out?: number; queue?: number; usd?: number; carbon?: number; rtt?: number; canServe?: boolean }

function view(rows: Row[]) {
  const v = makePoolView(rows.length);
  v.n = rows.length;
  rows.forEach((r, i) => {
    v.serving[i] = r.serving ?? 1;
    v.minOutstanding[i] = (r.serving ?? 1) > 0 ? (r.out ?? 0) : Infinity;
    v.queuePerReplica[i] = r.queue ?? 0;
    v.usdPerGpuSecond[i] = r.usd ?? 1;
    v.carbonKgPerJ[i] = r.carbon ?? 1;
    v.rtt[i] = r.rtt ?? 0;
    v.canServe[i] = r.canServe === false ? 0 : 1;
  });
  return v;
}

function pick(block: RoutingInput, rows: Row[]): RouteDecision {
  const d: RouteDecision = { pool: -2, reason: 'preferred' };
  createRoutingPolicy(routingSchema.parse(block) as RoutingInput).choose(view(rows), d);
  return d;
}

describe('routing policies', () => {
  it('registry: every policy has a summary and a params schema, and the schema is built from it', () => {
    for (const n of routingPolicyNames) {
      expect(routingPolicies[n].summary.length).toBeGreaterThan(10);
      expect(routingSchema.safeParse({ policy: n }).success).toBe(true);
    }
    expect(routingSchema.safeParse({ policy: 'round-robin-ish' }).success).toBe(false);
    expect(routingSchema.safeParse({ policy: 'least-loaded', spillover: { queuePerReplica: 2 } }).success).toBe(false);
    expect(routingSchema.parse({ policy: 'latency-aware' })).toEqual({ policy: 'latency-aware', spillover: { queuePerReplica: 8 } });
  });

  it('least-loaded: the pool with the least outstanding work; ties to the first', () => {
    expect(pick({ policy: 'least-loaded' }, [{ out: 500 }, { out: 120 }, { out: 300 }]).pool).toBe(1);
    expect(pick({ policy: 'least-loaded' }, [{ out: 100 }, { out: 100 }]).pool).toBe(0);
  });

  it('nearest: the smallest round-trip time among reachable serving pools', () => {
    const d = pick({ policy: 'nearest' }, [{ rtt: 0.09 }, { rtt: 0.015 }, { rtt: Infinity }, { rtt: 0.001, serving: 0 }]);
    expect(d).toEqual({ pool: 1, reason: 'preferred' });
  });

  it('cheapest and lowest-carbon: the lowest price / carbon; ties broken by outstanding work', () => {
    expect(pick({ policy: 'cheapest' }, [{ usd: 3 }, { usd: 2.5 }, { usd: 4 }]).pool).toBe(1);
    expect(pick({ policy: 'cheapest' }, [{ usd: 2, out: 900 }, { usd: 2, out: 10 }]).pool).toBe(1);
    expect(pick({ policy: 'lowest-carbon' }, [{ carbon: 4e-7 }, { carbon: 3e-8 }, { carbon: 1e-7 }]).pool).toBe(1);
  });

  it('latency-aware: nearest while its queue per replica is within the threshold, else the next nearest with room', () => {
    const rows = (q0: number, q1: number, q2: number): Row[] => [{ rtt: 0.02, queue: q0 }, { rtt: 0.09, queue: q1 }, { rtt: 0.05, queue: q2 }];
    expect(pick({ policy: 'latency-aware' }, rows(8, 0, 0))).toEqual({ pool: 0, reason: 'preferred' });
    expect(pick({ policy: 'latency-aware' }, rows(9, 0, 0))).toEqual({ pool: 2, reason: 'spillover' });
    expect(pick({ policy: 'latency-aware' }, rows(9, 0, 12))).toEqual({ pool: 1, reason: 'spillover' });
    expect(pick({ policy: 'latency-aware' }, rows(20, 30, 12))).toEqual({ pool: 2, reason: 'all-over-threshold' });
    expect(pick({ policy: 'latency-aware', spillover: { queuePerReplica: 2 } }, rows(3, 0, 0)).pool).toBe(2);
    // Spillover works with any ordering policy.
    expect(pick({ policy: 'cheapest', spillover: { queuePerReplica: 4 } }, [{ usd: 1, queue: 5 }, { usd: 2, queue: 0 }]).reason).toBe('spillover');
  });

  it('no serving pool: waits on the best reachable pool that can still serve; none: unreachable', () => {
    expect(pick({ policy: 'nearest' }, [{ serving: 0, rtt: 0.05 }, { serving: 0, rtt: 0.01 }, { serving: 0, rtt: 0.001, canServe: false }])).toEqual({ pool: 1, reason: 'cold' });
    expect(pick({ policy: 'nearest' }, [{ serving: 0, canServe: false }, { rtt: Infinity }])).toEqual({ pool: -1, reason: 'unreachable' });
  });
});
