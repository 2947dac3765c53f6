/**
 * Per-replica prefix cache: the most recently used prompt blocks (identified by hash) whose KV the
 * replica still holds, up to a capacity in blocks, evicted least-recently-used. A request's cached
 * prefix is its longest run of leading blocks present in the cache.
 */
export class PrefixCache {
  private readonly lru = new Map<number, true>();

  constructor(readonly capacityBlocks: number) {}

  get size(): number {
    return this.lru.size;
  }

  /** Number of leading blocks of `hashes[0..count)` present; marks them recently used. */
  match(hashes: Float64Array, count: number): number {
    let n = 0;
    while (n < count && this.lru.has(hashes[n])) {
      // Re-insert to move to the most-recent end.
      this.lru.delete(hashes[n]);
      this.lru.set(hashes[n], true);
      n++;
    }
    return n;
  }

  /** Inserts (or refreshes) the blocks, evicting the least recently used beyond capacity. */
  insert(hashes: Float64Array, count: number): void {
    if (this.capacityBlocks <= 0) return;
    for (let i = 0; i < count; i++) {
      const h = hashes[i];
      if (this.lru.has(h)) this.lru.delete(h);
      this.lru.set(h, true);
    }
    while (this.lru.size > this.capacityBlocks) {
      const oldest = this.lru.keys().next().value as number;
      this.lru.delete(oldest);
    }
  }
}
