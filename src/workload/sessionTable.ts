/**
 * Per-session state (interactive conversations, agent chains, closed-loop users, batch jobs) as
 * parallel typed arrays with a free list. `ring` keeps the last turns' sizes for keep-last-N pruning.
 */
export class SessionTable {
  cls = new Int32Array(0);
  start = new Float64Array(0);
  /** Turns (or agent steps) done and planned. */
  done = new Int32Array(0);
  planned = new Float64Array(0); // Infinity for closed-loop users without sessions
  /** History tokens carried into the next prompt (after pruning). */
  history = new Float64Array(0);
  /** Bumped when pruning rewrites the history prefix (cached blocks no longer match). */
  epoch = new Int32Array(0);
  /** Calls of the current step still running (agents' fan-out; batch jobs' requests). */
  pending = new Int32Array(0);
  /** Output tokens of the current step's calls so far. */
  stepOutput = new Float64Array(0);
  /** Closed-loop user that owns the session (−1 none). */
  user = new Int32Array(0);
  serial = new Float64Array(0);
  ring: Float64Array;
  private free = new Int32Array(0);
  private freeTop = 0;
  private cap = 0;
  private serialCounter = 0;
  inUse = 0;

  constructor(readonly ringSize: number, initial = 256) {
    this.ring = new Float64Array(0);
    this.grow(initial);
  }

  alloc(): number {
    if (this.freeTop === 0) this.grow(this.cap * 2);
    this.inUse++;
    const id = this.free[--this.freeTop];
    this.serial[id] = this.serialCounter++;
    this.done[id] = 0;
    this.history[id] = 0;
    this.epoch[id] = 0;
    this.pending[id] = 0;
    this.stepOutput[id] = 0;
    this.user[id] = -1;
    this.ring.fill(0, id * this.ringSize, (id + 1) * this.ringSize);
    return id;
  }

  release(id: number): void {
    this.inUse--;
    this.free[this.freeTop++] = id;
  }

  private grow(n: number): void {
    const old = this.cap;
    const f = (a: Float64Array, k = 1) => {
      const b = new Float64Array(n * k);
      b.set(a);
      return b;
    };
    const i = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.cls = i(this.cls);
    this.start = f(this.start);
    this.done = i(this.done);
    this.planned = f(this.planned);
    this.history = f(this.history);
    this.epoch = i(this.epoch);
    this.pending = i(this.pending);
    this.stepOutput = f(this.stepOutput);
    this.user = i(this.user);
    this.serial = f(this.serial);
    this.ring = f(this.ring, this.ringSize);
    const fr = new Int32Array(n);
    fr.set(this.free.subarray(0, this.freeTop));
    for (let id = n - 1; id >= old; id--) fr[this.freeTop++] = id;
    this.free = fr;
    this.cap = n;
  }
}
