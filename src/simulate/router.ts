import type { LlmPoolRuntime } from './llmPoolRuntime.js';

/** Where a request goes: a pool and a slot in it; slot −1 means "wait for the pool to warm up". */
export interface RouteChoice {
  pool: number; // index into the candidate list
  slot: number;
}

/**
 * Least outstanding work across the class's candidate pools: each pool's routing tree gives its
 * serving replica with the least assigned-and-unfinished tokens in O(log n); the pools are compared
 * by that value (ties: the first pool, then the lowest slot — deterministic). When no candidate has a
 * serving replica, the request waits on the first pool that can still serve (it is warming up or can
 * scale from zero). Returns false when no pool can ever serve.
 */
export function routeLeastOutstanding(candidates: readonly LlmPoolRuntime[], out: RouteChoice): boolean {
  let bestPool = -1;
  let bestSlot = -1;
  let bestWork = Infinity;
  for (let p = 0; p < candidates.length; p++) {
    const tree = candidates[p].tree;
    const slot = tree.argMin();
    const w = tree.get(slot);
    if (w < bestWork) {
      bestWork = w;
      bestPool = p;
      bestSlot = slot;
    }
  }
  if (bestPool >= 0) {
    out.pool = bestPool;
    out.slot = bestSlot;
    return true;
  }
  for (let p = 0; p < candidates.length; p++) {
    if (candidates[p].canServe) {
      out.pool = p;
      out.slot = -1;
      return true;
    }
  }
  return false;
}
