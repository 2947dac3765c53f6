import type { UserError } from '../../../errors.js';
import type { TraceCursor, TraceRecord } from '../types.js';
import type { LineSource, RawRecord } from './lineSource.js';

/** Resolved, validated transform settings of a replay. */
export interface ReplaySettings {
  windowStart: number;
  windowEnd: number;
  timeScale: number;
  rateScale: number;
  offset: number;
  blockTokens: number;
  rng: () => number;
}

/** A record with its time relative to the trace start (seconds, before scaling). */
interface Staged {
  rel: number;
  promptTokens: number;
  outputTokens: number;
  hashIds: number[];
}

function newStaged(): Staged {
  return { rel: 0, promptTokens: 0, outputTokens: 0, hashIds: [] };
}

/**
 * The cursor behind {@link openTrace}: source → order check → window → rate scaling → time scaling.
 * See `TraceCursor` for the contract and docs/traces.md for the rate-scaling rule.
 */
export class ReplayCursor implements TraceCursor {
  private readonly raw: RawRecord = { sec: 0, frac: 0, promptTokens: 0, outputTokens: 0, hashIds: [] };
  private started = false;
  private sec0 = 0;
  private frac0 = 0;
  private prevRel = 0;
  private done = false;
  private dropped = 0;
  /** Rate scaling > 1: the record being copied, the lookahead, and the copies' jitter fractions. */
  private cur = newStaged();
  private ahead = newStaged();
  private hasAhead = false;
  private readonly jitter: Float64Array;
  private copies = 0;
  private copyIndex = 0;
  private readonly maxCopies: number;

  constructor(
    private readonly src: LineSource,
    private readonly s: ReplaySettings,
  ) {
    this.maxCopies = Math.ceil(s.rateScale);
    this.jitter = new Float64Array(Math.max(1, this.maxCopies));
  }

  get skipped(): number {
    return this.src.skipped;
  }
  get filtered(): number {
    return this.src.filtered + this.dropped;
  }
  get firstSkipError(): UserError | undefined {
    return this.src.firstSkipError;
  }
  get lineNumber(): number {
    return this.src.lineNumber;
  }

  close(): void {
    this.done = true;
    this.src.close();
  }

  next(out: TraceRecord): boolean {
    const r = this.s.rateScale;
    if (r === 1) return this.pull(this.cur) && this.emit(this.cur, 0, out);
    if (r < 1) {
      while (this.pull(this.cur)) {
        if (this.s.rng() < r) return this.emit(this.cur, 0, out);
        this.dropped++;
      }
      return false;
    }
    return this.nextCopy(out);
  }

  /** Rate scale > 1: copy j of a record lands at rel + u_j × (gap to the next record), u_0 = 0. */
  private nextCopy(out: TraceRecord): boolean {
    while (this.copyIndex >= this.copies) {
      if (!this.hasAhead && !this.pull(this.ahead)) return false;
      const t = this.cur;
      this.cur = this.ahead;
      this.ahead = t;
      this.hasAhead = this.pull(this.ahead);
      const r = this.s.rateScale;
      const whole = Math.floor(r);
      this.copies = whole + (this.s.rng() < r - whole ? 1 : 0);
      this.copyIndex = 0;
      const j = this.jitter;
      j[0] = 0;
      for (let k = 1; k < this.copies; k++) {
        const u = this.s.rng();
        let m = k;
        while (m > 1 && j[m - 1] > u) {
          j[m] = j[m - 1];
          m--;
        }
        j[m] = u;
      }
      if (this.copies === 0) this.dropped++;
    }
    const gap = this.hasAhead ? this.ahead.rel - this.cur.rel : 0;
    const k = this.copyIndex++;
    return this.emit(this.cur, this.jitter[k] * gap, out, k);
  }

  private emit(st: Staged, jitter: number, out: TraceRecord, copy = -1): true {
    const s = this.s;
    out.time = (st.rel + jitter - s.windowStart) * s.timeScale + s.offset;
    out.promptTokens = st.promptTokens;
    out.outputTokens = st.outputTokens;
    out.blockTokens = s.blockTokens;
    const src = st.hashIds;
    const dst = out.hashIds;
    dst.length = src.length;
    if (copy < 0) for (let i = 0; i < src.length; i++) dst[i] = src[i];
    else for (let i = 0; i < src.length; i++) dst[i] = src[i] * this.maxCopies + copy;
    return true;
  }

  /** Next record inside the window, in order; false when exhausted (then closes the source). */
  private pull(st: Staged): boolean {
    if (this.done) return false;
    const raw = this.raw;
    for (;;) {
      if (!this.src.next(raw)) {
        this.close();
        return false;
      }
      if (!this.started) {
        this.started = true;
        this.sec0 = raw.sec;
        this.frac0 = raw.frac;
      }
      const rel = raw.sec - this.sec0 + (raw.frac - this.frac0);
      if (rel < this.prevRel) {
        this.src.reject(`timestamps go backwards: ${fmt(rel)} s after the first record, after ${fmt(this.prevRel)} s on an earlier line (the trace must be sorted by time)`);
        continue;
      }
      this.prevRel = rel;
      if (rel < this.s.windowStart) {
        this.dropped++;
        continue;
      }
      if (rel >= this.s.windowEnd) {
        this.close();
        return false;
      }
      st.rel = rel;
      st.promptTokens = raw.promptTokens;
      st.outputTokens = raw.outputTokens;
      const h = st.hashIds;
      h.length = raw.hashIds.length;
      for (let i = 0; i < h.length; i++) h[i] = raw.hashIds[i];
      return true;
    }
  }
}

function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
