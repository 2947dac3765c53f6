import { closeSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';

/** Options of {@link LineReader}. */
export interface LineReaderOptions {
  /** Bytes read per `readSync` call; default 1 MiB. Tests use tiny sizes to exercise boundaries. */
  chunkSize?: number;
  /** Longest accepted line in bytes (default 64 MiB); a longer line is a UserError, not an OOM. */
  maxLineBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Synchronous, streaming line reader over a file: memory is one chunk plus the longest line.
 *
 * Contract: after `next()` returns true, the current line's bytes are `buf[start, end)` (without the
 * line terminator: LF or CRLF; a UTF-8 BOM at the start of the file is dropped) and `lineNumber` is
 * its 1-based number. The bytes stay valid only until the next call. `text()` decodes them as UTF-8
 * (allocates; parsers that care read the bytes). Splitting on the byte 0x0A is safe for UTF-8 since
 * no multi-byte sequence contains it, so characters split across chunks are reassembled whole.
 * A last line without a terminator is still returned. Exhaustion is permanent; `close()` is idempotent.
 */
export class LineReader {
  /** Bytes of the current line are `buf[start, end)`. */
  buf: Buffer;
  start = 0;
  end = 0;
  /** 1-based number of the current line (0 before the first `next()`). */
  lineNumber = 0;

  private fd: number | undefined;
  private readonly chunkSize: number;
  private readonly maxLineBytes: number;
  /** Unconsumed bytes are `buf[pos, len)`. */
  private pos = 0;
  private len = 0;
  private eof = false;
  private first = true;

  constructor(readonly path: string, opts: LineReaderOptions = {}) {
    this.chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? 1 << 20));
    this.maxLineBytes = opts.maxLineBytes ?? 64 << 20;
    try {
      this.fd = openSync(path, 'r');
    } catch (e) {
      throw new UserError(`cannot open trace: ${(e as Error).message}`, { file: path });
    }
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkSize * 2, 4096));
  }

  /** Advances to the next line; false when the file is exhausted (and closes it). */
  next(): boolean {
    let scanFrom = this.pos;
    for (;;) {
      const nl = this.buf.indexOf(LF, scanFrom);
      if (nl !== -1 && nl < this.len) {
        this.emit(this.pos, nl);
        this.pos = nl + 1;
        return true;
      }
      if (this.eof) {
        if (this.pos < this.len) {
          this.emit(this.pos, this.len);
          this.pos = this.len;
          return true;
        }
        this.close();
        return false;
      }
      // The unconsumed tail holds no LF; after fill() it sits at [0, tail) and new bytes follow it.
      scanFrom = this.fill();
    }
  }

  /** The current line decoded as UTF-8. */
  text(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    this.eof = true;
  }

  private emit(s: number, e: number): void {
    if (e > s && this.buf[e - 1] === CR) e--;
    if (this.first) {
      this.first = false;
      if (e - s >= 3 && this.buf[s] === 0xef && this.buf[s + 1] === 0xbb && this.buf[s + 2] === 0xbf) s += 3;
    }
    this.start = s;
    this.end = e;
    this.lineNumber++;
  }

  /**
   * Moves the unconsumed tail to the front (growing the buffer if needed), reads one chunk after it
   * and returns the tail's length (where the new bytes start).
   */
  private fill(): number {
    const tail = this.len - this.pos;
    if (tail > this.maxLineBytes) {
      throw new UserError(`line longer than ${this.maxLineBytes} bytes`, { file: this.path, line: this.lineNumber + 1 });
    }
    if (tail + this.chunkSize > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, tail + this.chunkSize));
      this.buf.copy(bigger, 0, this.pos, this.len);
      this.buf = bigger;
    } else if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.len);
    }
    this.pos = 0;
    this.len = tail;
    const n = this.fd === undefined ? 0 : readSync(this.fd, this.buf, tail, this.chunkSize, null);
    this.len += n;
    if (n === 0) this.eof = true;
    return tail;
  }
}
