import { newTraceRecord, type TraceCursor } from '../traces/types.js';
import { QuantileSample } from './quantileSample.js';

/** Most distinct prefix-block hashes remembered; past it, new hashes count as misses (reuse becomes a lower bound). */
export const MAX_DISTINCT_HASHES = 8_000_000;

/** Growable per-bin sums over time bins of a fixed width. */
class Bins {
  count = new Float64Array(64);
  gapSum = new Float64Array(64);
  gapSq = new Float64Array(64);
  used = 0;

  at(i: number): void {
    while (i >= this.count.length) {
      for (const k of ['count', 'gapSum', 'gapSq'] as const) {
        const a = new Float64Array(this.count.length * 2);
        a.set(this[k]);
        this[k] = a;
      }
    }
    if (i + 1 > this.used) this.used = i + 1;
  }
}

/**
 * Everything `traceStats` and `fitWorkload` need, gathered in one streaming pass over a cursor with
 * memory bounded by the quantile samples, the distinct-hash set and one slot per time bin.
 * Times are taken relative to the first record. Gap k (between arrivals k and k+1) is binned where it starts.
 */
export class TraceSummary {
  readonly prompt = new QuantileSample();
  readonly output = new QuantileSample();
  count = 0;
  firstTime = NaN;
  lastTime = NaN;
  gapCount = 0;
  gapSum = 0;
  gapSq = 0;
  hashBlocks = 0;
  reusedBlocks = 0;
  reusedTokens = 0;
  promptTokenSum = 0;
  hashesExact = true;
  skipped = 0;
  filtered = 0;
  readonly bins = new Bins();

  /** `binSeconds`: width of the time bins windows are built from (windows are whole multiples). */
  constructor(readonly binSeconds: number) {}

  /** Reads the cursor to exhaustion (and closes it). */
  static of(cursor: TraceCursor, binSeconds: number): TraceSummary {
    const s = new TraceSummary(binSeconds);
    const seen = new Set<number>();
    const r = newTraceRecord();
    try {
      while (cursor.next(r)) {
        if (s.count === 0) s.firstTime = r.time;
        else s.addGap(r.time - s.lastTime);
        s.lastTime = r.time;
        s.count++;
        const b = Math.floor((r.time - s.firstTime) / binSeconds);
        s.bins.at(b);
        s.bins.count[b]++;
        s.prompt.add(r.promptTokens);
        s.output.add(r.outputTokens);
        s.promptTokenSum += r.promptTokens;
        const h = r.hashIds;
        for (let i = 0; i < h.length; i++) {
          s.hashBlocks++;
          if (seen.has(h[i])) {
            s.reusedBlocks++;
            // The last block may be partial: count only the tokens the prompt really has there.
            s.reusedTokens += Math.max(0, Math.min(r.blockTokens, r.promptTokens - i * r.blockTokens));
          } else if (seen.size < MAX_DISTINCT_HASHES) seen.add(h[i]);
          else s.hashesExact = false;
        }
      }
    } finally {
      cursor.close();
    }
    s.skipped = cursor.skipped;
    s.filtered = cursor.filtered;
    return s;
  }

  /** Seconds from the first to the last arrival. */
  get duration(): number {
    return this.count > 1 ? this.lastTime - this.firstTime : 0;
  }

  private addGap(g: number): void {
    this.gapCount++;
    this.gapSum += g;
    this.gapSq += g * g;
    const b = Math.floor((this.lastTime - this.firstTime) / this.binSeconds);
    this.bins.gapSum[b] += g;
    this.bins.gapSq[b] += g * g;
  }
}
