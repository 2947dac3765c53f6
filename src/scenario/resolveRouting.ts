import type { RoutingInput } from '../simulate/routing/registry.js';
import type { Fail } from './fail.js';
import type { ResolvedClass } from './resolveClasses.js';
import type { ResolvedPool } from './resolvePools.js';
import type { ClassInput, Scenario } from './schema.js';

/** A user population (docs/routing.md). */
export interface ResolvedPopulation {
  readonly name: string;
  /** Share of requests, a fraction; the shares add up to 1. */
  readonly share: number;
  readonly timezone: number;
  /** Round-trip time (s) by region name; a region absent cannot serve the population. */
  readonly rtt: Readonly<Record<string, number>>;
  /** The region with the smallest round-trip time: traffic served elsewhere is cross-region. */
  readonly home: string;
}

/** The `populations:` block: shares must add up to 100 %; home = the region with the smallest RTT. */
export function resolvePopulations(s: Scenario, fail: Fail): ResolvedPopulation[] | undefined {
  if (s.populations === undefined) return undefined;
  const list = Object.entries(s.populations).map(([name, p]) => {
    const regions = Object.entries(p.rtt);
    if (regions.length === 0) fail(['populations', name, 'rtt'], 'give the round-trip time to at least one region, e.g. { us-east-1: 20ms }');
    const home = regions.reduce((a, b) => (b[1] < a[1] ? b : a))[0];
    return { name, share: p.share, timezone: p.timezone, rtt: p.rtt, home };
  });
  if (list.length === 0) fail(['populations'], 'give at least one population, or leave the block out');
  const total = list.reduce((a, p) => a + p.share, 0);
  if (Math.abs(total - 1) > 0.005) fail(['populations'], `population shares add up to ${(total * 100).toFixed(1)} %, expected 100 %`);
  return list;
}

/** The routing fields of a class; `pools` is set only by a cascade (its stages' pools), overriding `pool:`. */
export type ClassRouting = Pick<ResolvedClass, 'populations' | 'routing' | 'stages' | 'escalate' | 'quality'> & { pools?: readonly number[] };

/**
 * A class's populations, routing policy, cascade stages and quality table, checked against the
 * pools: stage pools are LLM pools, no pool in two stages, quality names pools of the class, and
 * every population of the class can reach a pool of every stage.
 */
export function resolveClassRouting(
  name: string, c: ClassInput, pools: readonly ResolvedPool[], populations: readonly ResolvedPopulation[] | undefined, fail: Fail,
): ClassRouting {
  const out: { -readonly [K in keyof ClassRouting]: ClassRouting[K] } = {};
  const byName = (n: string, path: (string | number)[]): number => {
    const p = pools.find((x) => x.name === n);
    if (!p) return fail(path, `no pool named "${n}"; pools: ${pools.map((x) => x.name).join(', ')}`);
    return p.index;
  };
  if (c.routing) out.routing = c.routing as RoutingInput;
  let stages: number[][] | undefined;
  if (c.cascade) {
    if (c.pool !== undefined) fail(['workload', name, 'pool'], 'a cascade names its pools in cascade.stages; leave pool out');
    const seen = new Set<number>();
    stages = c.cascade.stages.map((st, k) => (typeof st === 'string' ? [st] : st).map((n, j) => {
      const path = ['workload', name, 'cascade', 'stages', k, ...(typeof st === 'string' ? [] : [j])];
      const pi = byName(n, path);
      if (pools[pi].kind !== 'llm') fail(path, `cascade stages are LLM pools; "${n}" is a service pool`);
      if (seen.has(pi)) fail(path, `pool "${n}" appears in two cascade stages`);
      seen.add(pi);
      return pi;
    }));
    out.stages = stages;
    out.escalate = c.cascade.escalate;
    out.pools = stages.flat();
  }
  const classPools = out.pools ?? (c.pool === undefined ? pools.map((p) => p.index) : pools.filter((p) => p.name === c.pool).map((p) => p.index));
  if (c.quality) {
    const q: Record<number, number> = {};
    for (const [n, v] of Object.entries(c.quality)) {
      const pi = byName(n, ['workload', name, 'quality', n]);
      if (!classPools.includes(pi)) fail(['workload', name, 'quality', n], `pool "${n}" does not serve class "${name}"`);
      q[pi] = v;
    }
    out.quality = q;
  }
  if (c.populations) {
    if (!populations) return fail(['workload', name, 'populations'], 'no populations: block at the top level');
    out.populations = c.populations.map((n) => {
      const i = populations.findIndex((p) => p.name === n);
      if (i < 0) fail(['workload', name, 'populations'], `no population named "${n}"; populations: ${populations.map((p) => p.name).join(', ')}`);
      return i;
    });
  }
  if (populations) {
    const llm = classPools.filter((pi) => pools[pi].kind === 'llm');
    for (const pi of out.populations ?? populations.map((_, i) => i)) {
      const pop = populations[pi];
      for (const [k, st] of (stages ?? [llm]).entries()) {
        if (st.length > 0 && !st.some((i) => pools[i].region.name in pop.rtt)) {
          fail(['populations', pop.name, 'rtt'], `population "${pop.name}" has no round-trip time to any region serving class "${name}"${stages ? ` (cascade stage ${k + 1})` : ''}: ${[...new Set(st.map((i) => pools[i].region.name))].join(', ')}`);
        }
      }
    }
  }
  return out;
}
