/**
 * Bucket index of a log histogram without a logarithm on the hot path.
 *
 * The bucket of a value v is defined as `ceil(ln v / ln γ)` clamped to [minIndex, maxIndex]
 * ({@link referenceIndex}). `Math.log` costs about as much as the rest of a histogram update, and a
 * replication records several latencies per request, so {@link LogBucketIndex} reads the value's
 * IEEE-754 exponent and top mantissa bits instead: a table gives the bucket of the smallest value in
 * that cell, and a table of exact bucket upper bounds moves it up by at most a step or two. The
 * result equals the reference for every double in range, by construction: each bound is found by
 * stepping one ulp at a time against the reference itself (tested on boundaries and at random).
 *
 * Tables are shared per layout (γ, minValue, maxValue) and filled cell by cell as values arrive:
 * at most about 2,500 bounds and 18,000 cells for the default layout.
 */

/** The defining formula: what {@link LogBucketIndex.indexOf} must return for v in [minValue, maxValue]. */
export function referenceIndex(v: number, invLnGamma: number, minIndex: number, maxIndex: number): number {
  const i = Math.ceil(Math.log(v) * invLnGamma) | 0; // | 0: no -0 in JSON
  return i < minIndex ? minIndex : i > maxIndex ? maxIndex : i;
}

/** Mantissa bits that, with the exponent, select a table cell (cells 2^-8 wide, relative). */
const CELL_MANTISSA_BITS = 8;
const CELL_SHIFT = 20 - CELL_MANTISSA_BITS;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Which 32-bit word of a double holds the sign, exponent and top 20 mantissa bits. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const UNSET = -0x7fffffff;

function cellOf(v: number): number {
  scratch[0] = v;
  return scratchWords[HIGH_WORD] >>> CELL_SHIFT;
}

/** The smallest double in a cell. */
function cellStart(cell: number): number {
  scratchWords[HIGH_WORD] = cell << CELL_SHIFT;
  scratchWords[1 - HIGH_WORD] = 0;
  return scratch[0];
}

/** The next double after positive finite x (one ulp up, or down with `dir` −1). */
function step(x: number, dir: 1 | -1): number {
  scratch[0] = x;
  const lo = scratchWords[1 - HIGH_WORD];
  if (dir === 1) {
    if (lo === 0xffffffff) scratchWords[HIGH_WORD]++;
    scratchWords[1 - HIGH_WORD] = lo + 1;
  } else {
    if (lo === 0) scratchWords[HIGH_WORD]--;
    scratchWords[1 - HIGH_WORD] = lo - 1;
  }
  return scratch[0];
}

export class LogBucketIndex {
  readonly minIndex: number;
  readonly maxIndex: number;
  private readonly invLnGamma: number;
  private readonly minValue: number;
  private readonly maxValue: number;
  private readonly firstCell: number;
  /** Per cell: the bucket of the cell's smallest in-range value; UNSET until a value falls in the cell. */
  private readonly cellBucket: Int32Array;
  /** upper[i − minIndex]: the largest double whose bucket is ≤ i (Infinity for maxIndex); NaN until needed. */
  private readonly upper: Float64Array;

  constructor(gamma: number, minValue: number, maxValue: number) {
    const inv = 1 / Math.log(gamma);
    this.invLnGamma = inv;
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.minIndex = Math.ceil(Math.log(minValue) * inv);
    this.maxIndex = Math.ceil(Math.log(maxValue) * inv);
    this.upper = new Float64Array(this.maxIndex - this.minIndex + 1).fill(NaN);
    this.upper[this.maxIndex - this.minIndex] = Infinity;
    this.firstCell = cellOf(minValue);
    this.cellBucket = new Int32Array(cellOf(maxValue) - this.firstCell + 1).fill(UNSET);
  }

  /** Bucket of v; v must be in [minValue, maxValue]. Equal to {@link referenceIndex}. */
  indexOf(v: number): number {
    scratch[0] = v;
    const cell = (scratchWords[HIGH_WORD] >>> CELL_SHIFT) - this.firstCell;
    let i = this.cellBucket[cell];
    if (i === UNSET) i = this.prepareCell(cell);
    const upper = this.upper;
    const base = this.minIndex;
    while (v > upper[i - base]) i++;
    return i;
  }

  /**
   * Tables are filled per cell on first use (a run touches a few hundred of the ~18,000 cells): the
   * cell's first bucket, and the upper bounds of every bucket a value in the cell can fall in.
   */
  private prepareCell(cell: number): number {
    const ref = (v: number) => referenceIndex(v, this.invLnGamma, this.minIndex, this.maxIndex);
    const start = Math.max(this.minValue, cellStart(cell + this.firstCell));
    const end = Math.min(this.maxValue, step(cellStart(cell + this.firstCell + 1), -1));
    const first = ref(start);
    const last = ref(end);
    for (let i = first; i <= last && i < this.maxIndex; i++) {
      if (Number.isNaN(this.upper[i - this.minIndex])) this.upper[i - this.minIndex] = this.largestAtMost(i, ref);
    }
    this.cellBucket[cell] = first;
    return first;
  }

  /**
   * The last double whose bucket is ≤ i: from γ^i, one ulp at a time (the rounding in ln v / ln γ moves
   * the boundary by a few dozen ulps at most; the walk stops at the first crossing).
   */
  private largestAtMost(i: number, ref: (v: number) => number): number {
    let x = Math.exp(i / this.invLnGamma);
    if (ref(x) <= i) {
      for (let up = step(x, 1); ref(up) <= i; up = step(up, 1)) x = up;
      return x;
    }
    do x = step(x, -1);
    while (ref(x) > i);
    return x;
  }
}

const shared = new Map<string, LogBucketIndex>();

/** The index for a layout, built on first use and shared by every histogram with that layout. */
export function logBucketIndex(gamma: number, minValue: number, maxValue: number): LogBucketIndex {
  const key = `${gamma}|${minValue}|${maxValue}`;
  let ix = shared.get(key);
  if (ix === undefined) {
    ix = new LogBucketIndex(gamma, minValue, maxValue);
    shared.set(key, ix);
  }
  return ix;
}
