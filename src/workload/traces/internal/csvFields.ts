const COMMA = 0x2c;
const QUOTE = 0x22;

/**
 * Splits one CSV line (RFC 4180 fields, comma separated, optionally double-quoted with `""` as an
 * escaped quote) into field byte ranges without allocating. Quoted fields spanning lines are not
 * supported (reported as an unterminated quote).
 */
export class CsvFields {
  /** Field i's content is `buf[starts[i], ends[i])`, quotes removed (escaped quotes left doubled). */
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  quoted = new Uint8Array(16);
  count = 0;
  /** Why the last `split` failed. */
  error = '';

  /** Splits `buf[s, e)`; returns the number of fields, or -1 with `error` set. */
  split(buf: Buffer, s: number, e: number): number {
    this.count = 0;
    let i = s;
    for (;;) {
      if (this.count === this.starts.length) this.grow();
      const k = this.count++;
      if (i < e && buf[i] === QUOTE) {
        let j = i + 1;
        for (;;) {
          if (j >= e) {
            this.error = `unterminated quoted field ${k + 1}`;
            return -1;
          }
          if (buf[j] === QUOTE) {
            if (j + 1 < e && buf[j + 1] === QUOTE) j += 2;
            else break;
          } else j++;
        }
        this.starts[k] = i + 1;
        this.ends[k] = j;
        this.quoted[k] = 1;
        i = j + 1;
        if (i < e && buf[i] !== COMMA) {
          this.error = `unexpected character after the closing quote of field ${k + 1}`;
          return -1;
        }
      } else {
        let j = i;
        while (j < e && buf[j] !== COMMA) j++;
        this.starts[k] = i;
        this.ends[k] = j;
        this.quoted[k] = 0;
        i = j;
      }
      if (i >= e) return this.count;
      i++; // past the comma
    }
  }

  /** Field i decoded as text, with escaped quotes undone (allocates; for headers and errors). */
  text(buf: Buffer, i: number): string {
    const t = buf.toString('utf8', this.starts[i], this.ends[i]);
    return this.quoted[i] ? t.replaceAll('""', '"') : t;
  }

  /** Whether field i equals `want` (pre-encoded UTF-8 bytes), without allocating unless quoted with escapes. */
  equals(buf: Buffer, i: number, want: Buffer): boolean {
    const s = this.starts[i];
    const n = this.ends[i] - s;
    if (n === want.length && buf.compare(want, 0, n, s, s + n) === 0) return true;
    return this.quoted[i] === 1 && n > want.length && this.text(buf, i) === want.toString('utf8');
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    const q = new Uint8Array(n);
    q.set(this.quoted);
    this.starts = s;
    this.ends = e;
    this.quoted = q;
  }
}
