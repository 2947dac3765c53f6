import { UserError } from '../../../errors.js';
import { LineReader } from '../../../io/lineReader.js';
import type { TimeUnit } from '../types.js';
import { parseIsoTime, parseNumber, TimeParts } from './bytes.js';

/** One request as read from the file, before windowing and scaling. */
export interface RawRecord {
  /** Timestamp in seconds = sec + frac, kept apart for precision (see {@link TimeParts}). */
  sec: number;
  frac: number;
  promptTokens: number;
  outputTokens: number;
  /** Reused array. */
  hashIds: number[];
}

/** Largest token count accepted in a trace; anything above is taken for a corrupt field. */
export const MAX_TOKENS = 10_000_000;
/** Largest timestamp accepted, in seconds (year ~5138 as a Unix time). */
const MAX_SECONDS = 1e11;

const UNIT_SECONDS: Record<Exclude<TimeUnit, 'iso'>, number> = { s: 1, ms: 1e-3, us: 1e-6 };

/** Result of parsing one line. */
export const Parsed = { Ok: 0, Filtered: 1, Error: 2 } as const;
export type Parsed = (typeof Parsed)[keyof typeof Parsed];

/**
 * Base of the CSV and JSONL sources: pulls lines, skips blank ones, and turns a malformed line into
 * a UserError naming the file and line (`onError: 'fail'`) or a counted skip (`'skip'`).
 * Subclasses implement `parse`, which fills the record or sets `why` and returns `Parsed.Error`.
 */
export abstract class LineSource {
  skipped = 0;
  filtered = 0;
  firstSkipError: UserError | undefined;
  /** Set by `parse` when it returns `Parsed.Error`: what was wrong. */
  protected why = '';
  /** Set by `parse` with the column/key at fault, when there is one. */
  protected whyPath: string | undefined;
  private readonly parts = new TimeParts();

  constructor(
    protected readonly reader: LineReader,
    private readonly onError: 'fail' | 'skip',
  ) {}

  get lineNumber(): number {
    return this.reader.lineNumber;
  }

  next(r: RawRecord): boolean {
    const rd = this.reader;
    while (rd.next()) {
      if (isBlankLine(rd.buf, rd.start, rd.end)) continue;
      this.whyPath = undefined;
      const st = this.parse(rd.buf, rd.start, rd.end, r);
      if (st === Parsed.Ok) return true;
      if (st === Parsed.Filtered) {
        this.filtered++;
        continue;
      }
      this.reject(this.why, this.whyPath);
    }
    return false;
  }

  /** Fails or skips the current line (also used by the cursor for out-of-order times). */
  reject(why: string, path?: string): void {
    const err = new UserError(why, { file: this.reader.path, line: this.reader.lineNumber, ...(path ? { path } : {}) });
    if (this.onError === 'fail') {
      this.close();
      throw err;
    }
    this.skipped++;
    this.firstSkipError ??= err;
  }

  close(): void {
    this.reader.close();
  }

  protected abstract parse(buf: Buffer, s: number, e: number, r: RawRecord): Parsed;

  /** Parses a timestamp field into `r.sec`/`r.frac`; on failure sets `why` and returns false. */
  protected time(buf: Buffer, s: number, e: number, unit: TimeUnit, name: string, r: RawRecord): boolean {
    if (unit === 'iso') {
      if (!parseIsoTime(buf, s, e, this.parts)) return this.bad(name, 'an ISO-8601 datetime (YYYY-MM-DD HH:MM:SS[.fff])', buf, s, e);
      r.sec = this.parts.sec;
      r.frac = this.parts.frac;
    } else {
      const v = parseNumber(buf, s, e);
      if (Number.isNaN(v)) return this.bad(name, `a number of ${unit === 's' ? 'seconds' : unit === 'ms' ? 'milliseconds' : 'microseconds'}`, buf, s, e);
      const sec = v * UNIT_SECONDS[unit];
      if (!(sec >= 0)) return this.bad(name, 'a non-negative timestamp', buf, s, e);
      if (!(sec <= MAX_SECONDS)) return this.bad(name, `a timestamp below ${MAX_SECONDS} s`, buf, s, e);
      r.sec = sec;
      r.frac = 0;
    }
    return true;
  }

  /** Parses a token count (integer in [0, MAX_TOKENS]); NaN with `why` set on failure. */
  protected tokens(buf: Buffer, s: number, e: number, name: string): number {
    const v = parseNumber(buf, s, e);
    if (Number.isNaN(v)) return this.badN(name, 'an integer token count', buf, s, e);
    if (v < 0) return this.badN(name, 'a non-negative token count', buf, s, e);
    if (!Number.isInteger(v)) return this.badN(name, 'a whole number of tokens', buf, s, e);
    if (v > MAX_TOKENS) return this.badN(name, `a token count ≤ ${MAX_TOKENS}`, buf, s, e);
    return v;
  }

  /** Records "expected X, found Y" for field `name`; returns false. */
  protected bad(name: string, expected: string, buf: Buffer, s: number, e: number): boolean {
    let found = buf.toString('utf8', s, Math.min(e, s + 60));
    if (e - s > 60) found += '…';
    this.why = `expected ${expected}, found ${e > s ? JSON.stringify(found) : 'an empty field'}`;
    this.whyPath = name;
    return false;
  }

  private badN(name: string, expected: string, buf: Buffer, s: number, e: number): number {
    this.bad(name, expected, buf, s, e);
    return NaN;
  }
}

function isBlankLine(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
