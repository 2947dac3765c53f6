import { z } from 'zod';
import { pickLowest, type PoolView, type RouteDecision, type RoutingPolicy } from './view.js';

/**
 * Routing policies: name → { create, params, summary }. The scenario schema (`routing:` of a
 * class), the documentation table and the factory all come from this table: adding a policy touches
 * only this file. Each policy chooses a *pool*; the replica inside it is the one with the least
 * outstanding work (the pool's routing tree).
 */

const spillover = z
  .strictObject({
    queuePerReplica: z.number().finite().min(0).meta({ description: 'waiting requests per serving replica above which the next pool in the policy\'s order with room takes the request' }),
  })
  .meta({ description: 'spill to the next pool in the policy\'s order when the preferred pool\'s queue grows' });

/** Spill threshold of a routing block (Infinity: never spill). */
const threshold = (p: { spillover?: { queuePerReplica: number } }): number => p.spillover?.queuePerReplica ?? Infinity;

/** An ordering policy: the lowest `key(view)` first, spilling over past `spill`. */
function ordering(key: (v: PoolView) => Float64Array, spill: number): RoutingPolicy {
  return {
    usesQueue: spill !== Infinity,
    choose: (v: PoolView, out: RouteDecision) => pickLowest(v, key(v), spill, out),
  };
}

interface Entry<S extends z.ZodObject> {
  readonly params: S;
  readonly summary: string;
  readonly create: (params: z.output<S>) => RoutingPolicy;
}

const entry = <S extends z.ZodObject>(e: Entry<S>): Entry<S> => e;

export const routingPolicies = {
  'least-loaded': entry({
    summary: 'the pool whose best serving replica has the least outstanding work (default)',
    params: z.strictObject({}),
    create: () => ordering((v) => v.minOutstanding, Infinity),
  }),
  nearest: entry({
    summary: 'the pool with the smallest round-trip time from the request\'s population',
    params: z.strictObject({ spillover: spillover.optional() }),
    create: (p) => ordering((v) => v.rtt, threshold(p)),
  }),
  cheapest: entry({
    summary: 'the pool with the lowest on-demand price per GPU-hour',
    params: z.strictObject({ spillover: spillover.optional() }),
    create: (p) => ordering((v) => v.usdPerGpuSecond, threshold(p)),
  }),
  'lowest-carbon': entry({
    summary: 'the pool whose region has the lowest grid carbon intensity × PUE at this hour',
    params: z.strictObject({ spillover: spillover.optional() }),
    create: (p) => ordering((v) => v.carbonKgPerJ, threshold(p)),
  }),
  'latency-aware': entry({
    summary: 'nearest, unless its queue per serving replica exceeds spillover.queuePerReplica (default 8): then the next nearest with room',
    params: z.strictObject({ spillover: spillover.prefault({ queuePerReplica: 8 }) }),
    create: (p) => ordering((v) => v.rtt, threshold(p)),
  }),
} as const;

export type RoutingPolicyName = keyof typeof routingPolicies;
export const routingPolicyNames = Object.keys(routingPolicies) as RoutingPolicyName[];

/** The class's `routing:` block: `{ policy: <name>, …params }`, one variant per registered policy. */
export const routingSchema = z.discriminatedUnion(
  'policy',
  routingPolicyNames.map((name) => routingPolicies[name].params.extend({ policy: z.literal(name) })) as unknown as [z.ZodObject<{ policy: z.ZodLiteral<RoutingPolicyName> }>, ...z.ZodObject<{ policy: z.ZodLiteral<RoutingPolicyName> }>[]],
).meta({ description: `how the class picks a pool: ${routingPolicyNames.join(', ')}` });

export type RoutingInput = { policy: RoutingPolicyName } & Record<string, unknown>;

/** Builds the policy of a validated routing block (default: least-loaded). */
export function createRoutingPolicy(block: RoutingInput | undefined): RoutingPolicy {
  const name = block?.policy ?? 'least-loaded';
  const e = routingPolicies[name] as Entry<z.ZodObject>;
  return e.create(e.params.parse(stripPolicy(block)));
}

function stripPolicy(block: RoutingInput | undefined): Record<string, unknown> {
  if (block === undefined) return {};
  const { policy: _p, ...rest } = block;
  return rest;
}
