/**
 * Allocation-free parsing of numbers and datetimes straight from a line's UTF-8 bytes.
 * Every function reads `buf[s, e)` and returns NaN for anything it does not accept.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Skips ASCII spaces and tabs from `s` forward. */
export function trimStart(buf: Buffer, s: number, e: number): number {
  while (s < e && (buf[s] === 0x20 || buf[s] === 0x09)) s++;
  return s;
}

/** Skips ASCII spaces and tabs from `e` backward. */
export function trimEnd(buf: Buffer, s: number, e: number): number {
  while (e > s && (buf[e - 1] === 0x20 || buf[e - 1] === 0x09)) e--;
  return e;
}

/**
 * Parses a decimal number (`-12`, `3.25`, `1e6`), surrounding blanks allowed. Plain decimals with at
 * most 15 significant digits take an exact fast path (an integer mantissa divided by a power of ten
 * is correctly rounded); anything else falls back to `Number()` on the decoded text.
 */
export function parseNumber(buf: Buffer, s: number, e: number): number {
  s = trimStart(buf, s, e);
  e = trimEnd(buf, s, e);
  if (s >= e) return NaN;
  let i = s;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  } else if (buf[i] === 0x2b) i++;
  let mant = 0;
  let digits = 0;
  let fracDigits = 0;
  let seenDot = false;
  let any = false;
  for (; i < e; i++) {
    const c = buf[i];
    if (isDigit(c)) {
      any = true;
      if (mant === 0 && c === 0x30 && !seenDot) continue;
      mant = mant * 10 + (c - 0x30);
      digits++;
      if (seenDot) fracDigits++;
    } else if (c === 0x2e && !seenDot) {
      seenDot = true;
    } else break;
  }
  if (i === e && any && digits <= 15) {
    const v = fracDigits === 0 ? mant : mant / POW10[fracDigits];
    return neg ? -v : v;
  }
  const text = buf.toString('latin1', s, e);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  return Number(text);
}

/** Whole seconds since the Unix epoch and the fraction, kept apart so 100 ns digits survive float rounding. */
export class TimeParts {
  sec = 0;
  frac = 0;
}

function digitsAt(buf: Buffer, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[i + k];
    if (!isDigit(c)) return NaN;
    v = v * 10 + (c - 0x30);
  }
  return v;
}

/**
 * Parses `YYYY-MM-DD[T| ]HH:MM:SS[.f…][Z|±HH:MM|±HHMM]` into `out` (a missing zone means UTC);
 * returns false when the text is not such a datetime or a field is out of range.
 */
export function parseIsoTime(buf: Buffer, s: number, e: number, out: TimeParts): boolean {
  s = trimStart(buf, s, e);
  e = trimEnd(buf, s, e);
  if (e - s < 19 || buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d || buf[s + 13] !== 0x3a || buf[s + 16] !== 0x3a) return false;
  const sep = buf[s + 10];
  if (sep !== 0x20 && sep !== 0x54 && sep !== 0x74) return false;
  const y = digitsAt(buf, s, 4);
  const mo = digitsAt(buf, s + 5, 2);
  const d = digitsAt(buf, s + 8, 2);
  const h = digitsAt(buf, s + 11, 2);
  const mi = digitsAt(buf, s + 14, 2);
  const sec = digitsAt(buf, s + 17, 2);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 60)) return false;
  let i = s + 19;
  let frac = 0;
  if (i < e && (buf[i] === 0x2e || buf[i] === 0x2c)) {
    i++;
    let scale = 0.1;
    const from = i;
    while (i < e && isDigit(buf[i])) {
      frac += (buf[i] - 0x30) * scale;
      scale /= 10;
      i++;
    }
    if (i === from) return false;
  }
  let zone = 0;
  if (i < e) {
    const c = buf[i];
    if ((c === 0x5a || c === 0x7a) && i + 1 === e) zone = 0;
    else if (c === 0x2b || c === 0x2d) {
      const zh = digitsAt(buf, i + 1, 2);
      const colon = buf[i + 3] === 0x3a ? 1 : 0;
      const zm = digitsAt(buf, i + 3 + colon, 2);
      if (i + 5 + colon !== e || !(zh <= 23 && zm <= 59)) return false;
      zone = (c === 0x2d ? -1 : 1) * (zh * 3600 + zm * 60);
    } else return false;
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  if (!Number.isFinite(ms)) return false;
  out.sec = ms / 1000 - zone;
  out.frac = frac;
  return true;
}

/**
 * Reads a list of integers from `buf[s, e)`: `[1, 2, 3]`, `1 2 3`, `1;2;3`. Returns false when a
 * character other than digits, a minus sign, brackets, commas, semicolons or blanks appears.
 */
export function parseIntList(buf: Buffer, s: number, e: number, out: number[]): boolean {
  out.length = 0;
  let v = 0;
  let inNum = false;
  let neg = false;
  for (let i = s; i <= e; i++) {
    const c = i < e ? buf[i] : 0x20;
    if (isDigit(c)) {
      v = v * 10 + (c - 0x30);
      inNum = true;
      continue;
    }
    if (inNum) {
      out.push(neg ? -v : v);
      v = 0;
      inNum = false;
      neg = false;
    }
    if (c === 0x2d) neg = true;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x2c && c !== 0x3b && c !== 0x5b && c !== 0x5d && c !== 0x22) return false;
  }
  return true;
}
