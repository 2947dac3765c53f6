/**
 * Tournament (segment) tree over n numeric slots answering "which slot in [lo, hi) holds the least
 * value?" in O(log n), ties to the lowest slot; `set` is O(log n). Typed arrays, no allocation after
 * construction. Built for least-outstanding-work routing: the linear scan over every candidate
 * replica per arrival costs O(replicas) (39 % of a run at 1,000 replicas).
 */
export class ArgMinTree {
  readonly size: number;
  private readonly leaves: number; // power of two ≥ size
  private readonly value: Float64Array; // by slot; Infinity for padding
  private readonly win: Int32Array; // node → winning slot; node 1 is the root, leaves at [leaves, 2·leaves)

  constructor(size: number) {
    this.size = size;
    let p = 1;
    while (p < size) p *= 2;
    this.leaves = p;
    this.value = new Float64Array(p).fill(Infinity);
    this.value.fill(0, 0, size);
    this.win = new Int32Array(2 * p);
    for (let i = 0; i < p; i++) this.win[p + i] = i;
    for (let v = p - 1; v >= 1; v--) this.win[v] = this.better(this.win[2 * v], this.win[2 * v + 1]);
  }

  get(slot: number): number {
    return this.value[slot];
  }

  /** Sets slot's value and replays its path to the root. */
  set(slot: number, v: number): void {
    this.value[slot] = v;
    let node = (this.leaves + slot) >> 1;
    while (node >= 1) {
      const w = this.better(this.win[2 * node], this.win[2 * node + 1]);
      if (this.win[node] === w && w !== slot) break; // the winner above did not change
      this.win[node] = w;
      node >>= 1;
    }
  }

  /** Slot with the least value over every slot (ties: lowest slot); -1 when size is 0. */
  argMin(): number {
    return this.size === 0 ? -1 : this.win[1];
  }

  /** Slot with the least value in [lo, hi) (ties: lowest slot); -1 when the range is empty. */
  argMinRange(lo: number, hi: number): number {
    if (lo >= hi) return -1;
    if (lo === 0 && hi >= this.size) return this.argMin();
    let best = -1;
    let l = lo + this.leaves;
    let r = hi + this.leaves;
    while (l < r) {
      if (l & 1) {
        best = best < 0 ? this.win[l] : this.better(best, this.win[l]);
        l++;
      }
      if (r & 1) {
        r--;
        best = best < 0 ? this.win[r] : this.better(best, this.win[r]);
      }
      l >>= 1;
      r >>= 1;
    }
    return best;
  }

  private better(a: number, b: number): number {
    const va = this.value[a];
    const vb = this.value[b];
    return va < vb || (va === vb && a < b) ? a : b;
  }
}
