/** Min-heap of (finish step, request id) for the sequences decoding on one replica. */
export class FinishHeap {
  key = new Float64Array(64);
  id = new Int32Array(64);
  size = 0;

  push(k: number, v: number): void {
    if (this.size === this.key.length) {
      const nk = new Float64Array(this.size * 2);
      nk.set(this.key);
      this.key = nk;
      const ni = new Int32Array(this.size * 2);
      ni.set(this.id);
      this.id = ni;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key[p] < k || (this.key[p] === k && this.id[p] < v)) break;
      this.key[i] = this.key[p];
      this.id[i] = this.id[p];
      i = p;
    }
    this.key[i] = k;
    this.id[i] = v;
  }

  get minKey(): number {
    return this.size > 0 ? this.key[0] : Infinity;
  }

  get minId(): number {
    return this.id[0];
  }

  pop(): void {
    this.removeAt(0);
  }

  /** Removes the element at heap index i. */
  removeAt(i: number): void {
    const last = --this.size;
    if (i === last) return;
    const k = this.key[last];
    const v = this.id[last];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key[p] < k || (this.key[p] === k && this.id[p] < v)) break;
      this.key[i] = this.key[p];
      this.id[i] = this.id[p];
      i = p;
    }
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      let m = l;
      if (r < this.size && (this.key[r] < this.key[l] || (this.key[r] === this.key[l] && this.id[r] < this.id[l]))) m = r;
      if (this.key[m] > k || (this.key[m] === k && this.id[m] > v)) break;
      this.key[i] = this.key[m];
      this.id[i] = this.id[m];
      i = m;
    }
    this.key[i] = k;
    this.id[i] = v;
  }
}
