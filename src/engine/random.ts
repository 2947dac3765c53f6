import seedrandom from 'seedrandom';

/** A uniform [0, 1) source. */
export type Rng = () => number;

/**
 * One independent stream per named consumer, seeded from (scenario seed, stream name), so adding a
 * consumer never shifts the draws of another. Names look like `arrivals/chat`, `lengths/chat`.
 */
export function streamFor(seed: number, name: string): Rng {
  const g = seedrandom(`fleetsim:${seed}:${name}`);
  return () => g.quick();
}

/** Derives the seed of replication `index` from the scenario seed (stable across worker counts). */
export function replicationSeed(seed: number, index: number): number {
  if (index === 0) return seed;
  const g = seedrandom(`fleetsim-replication:${seed}:${index}`);
  return Math.floor(g.quick() * 2 ** 31);
}
