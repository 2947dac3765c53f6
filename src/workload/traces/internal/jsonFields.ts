/** Kind of a top-level JSON value found by {@link JsonFields}. */
export const JsonKind = { Missing: 0, Number: 1, String: 2, Array: 3, Other: 4 } as const;
export type JsonKind = (typeof JsonKind)[keyof typeof JsonKind];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/**
 * Finds the values of a few wanted keys in a one-line JSON object without allocating: for wanted key
 * i, `kinds[i]` and the value's byte range `[starts[i], ends[i])` (a string's range excludes its
 * quotes; an array's includes its brackets). Other keys' values, nested or not, are skipped.
 * Keys are compared as raw bytes (keys with escape sequences never match). The scan checks the
 * object's structure, not every JSON rule (e.g. it accepts `01`); a caller that gets false can ask
 * `JSON.parse` for a precise message.
 */
export class JsonFields {
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Why the last scan failed. */
  error = '';

  constructor(private readonly keys: readonly Buffer[]) {
    this.kinds = new Uint8Array(keys.length);
    this.starts = new Int32Array(keys.length);
    this.ends = new Int32Array(keys.length);
  }

  /** Scans `buf[s, e)`; returns false with `error` set when it is not a JSON object. */
  scan(buf: Buffer, s: number, e: number): boolean {
    this.kinds.fill(JsonKind.Missing);
    let i = this.blanks(buf, s, e);
    if (buf[i] !== 0x7b) return this.fail('expected a JSON object');
    i = this.blanks(buf, i + 1, e);
    if (buf[i] === 0x7d) return this.end(buf, i + 1, e);
    for (;;) {
      if (i >= e || buf[i] !== QUOTE) return this.fail('expected a key');
      const ks = i + 1;
      const ke = this.stringEnd(buf, ks, e);
      if (ke < 0) return this.fail('unterminated string');
      i = this.blanks(buf, ke + 1, e);
      if (buf[i] !== 0x3a) return this.fail('expected ":"');
      i = this.blanks(buf, i + 1, e);
      const vs = i;
      let kind: JsonKind;
      let ve: number;
      const c = buf[i];
      if (c === QUOTE) {
        kind = JsonKind.String;
        ve = this.stringEnd(buf, i + 1, e);
        if (ve < 0) return this.fail('unterminated string');
        i = ve + 1;
      } else if (c === 0x5b || c === 0x7b) {
        kind = c === 0x5b ? JsonKind.Array : JsonKind.Other;
        ve = this.nestedEnd(buf, i, e);
        if (ve < 0) return this.fail('unbalanced brackets');
        i = ve;
      } else {
        kind = (c >= 0x30 && c <= 0x39) || c === 0x2d ? JsonKind.Number : JsonKind.Other;
        while (i < e && buf[i] !== 0x2c && buf[i] !== 0x7d && !isBlank(buf[i])) i++;
        ve = i;
        if (ve === vs) return this.fail('expected a value');
      }
      const k = this.match(buf, ks, ke);
      if (k >= 0) {
        this.kinds[k] = kind;
        this.starts[k] = kind === JsonKind.String ? vs + 1 : vs;
        this.ends[k] = ve;
      }
      i = this.blanks(buf, i, e);
      if (buf[i] === 0x2c) {
        i = this.blanks(buf, i + 1, e);
        continue;
      }
      if (buf[i] === 0x7d) return this.end(buf, i + 1, e);
      return this.fail('expected "," or "}"');
    }
  }

  private end(buf: Buffer, i: number, e: number): boolean {
    return this.blanks(buf, i, e) === e ? true : this.fail('text after the closing "}"');
  }

  private fail(why: string): boolean {
    this.error = why;
    return false;
  }

  private blanks(buf: Buffer, i: number, e: number): number {
    while (i < e && isBlank(buf[i])) i++;
    return i;
  }

  /** Index of the closing quote of a string whose content starts at `i`, or -1. */
  private stringEnd(buf: Buffer, i: number, e: number): number {
    for (; i < e; i++) {
      const c = buf[i];
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) return i;
    }
    return -1;
  }

  /** Index just past the bracket closing the array/object opened at `i`, or -1. */
  private nestedEnd(buf: Buffer, i: number, e: number): number {
    let depth = 0;
    for (; i < e; i++) {
      const c = buf[i];
      if (c === QUOTE) {
        i = this.stringEnd(buf, i + 1, e);
        if (i < 0) return -1;
      } else if (c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x5d || c === 0x7d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }

  private match(buf: Buffer, ks: number, ke: number): number {
    const n = ke - ks;
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k];
      if (key.length === n && buf.compare(key, 0, n, ks, ke) === 0) return k;
    }
    return -1;
  }
}
