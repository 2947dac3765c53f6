import seedrandom from 'seedrandom';
import { UserError } from '../../errors.js';
import { LineReader } from '../../io/lineReader.js';
import { CsvSource } from './internal/csvSource.js';
import { JsonlSource } from './internal/jsonlSource.js';
import { ReplayCursor } from './internal/replayCursor.js';
import { sourceSpec } from './internal/sourceSpec.js';
import type { TraceCursor, TraceOptions } from './types.js';

/** Largest accepted `rateScale` (copies per record). */
const MAX_RATE_SCALE = 1000;

/**
 * Opens a trace file for streaming replay. Reads synchronously in 1 MiB chunks; memory does not grow
 * with the file. Option errors and header errors throw a UserError at once; malformed data lines
 * throw when reached (or are skipped, see `onError`). See docs/traces.md for formats and options.
 */
export function openTrace(path: string, opts: TraceOptions): TraceCursor {
  const spec = sourceSpec(path, opts);
  const windowStart = opts.window?.start ?? 0;
  const windowEnd = opts.window?.end ?? Infinity;
  if (!(windowStart >= 0 && Number.isFinite(windowStart))) throw optErr('window.start', 'a finite number of seconds ≥ 0', windowStart);
  if (!(windowEnd > windowStart)) throw optErr('window.end', `a number of seconds > window.start (${windowStart})`, windowEnd);
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0 && Number.isFinite(timeScale))) throw optErr('timeScale', 'a finite number > 0', timeScale);
  const rateScale = opts.rateScale ?? 1;
  if (!(rateScale > 0 && rateScale <= MAX_RATE_SCALE)) throw optErr('rateScale', `a number in (0, ${MAX_RATE_SCALE}]`, rateScale);
  const offset = opts.offset ?? 0;
  if (!Number.isFinite(offset)) throw optErr('offset', 'a finite number of seconds', offset);
  const seed = opts.seed ?? 0;
  if (!Number.isFinite(seed)) throw optErr('seed', 'a finite number', seed);
  const onError = opts.onError ?? 'fail';
  if (onError !== 'fail' && onError !== 'skip') throw optErr('onError', "'fail' or 'skip'", onError);
  let rng = opts.rng;
  if (!rng) {
    const g = seedrandom(`fleetsim:${seed}:trace/rateScale`);
    rng = () => g.quick();
  }

  const reader = new LineReader(path, opts.chunkSize !== undefined ? { chunkSize: opts.chunkSize } : {});
  try {
    const src = spec.fileType === 'csv' ? new CsvSource(reader, onError, spec) : new JsonlSource(reader, onError, spec);
    return new ReplayCursor(src, { windowStart, windowEnd, timeScale, rateScale, offset, blockTokens: spec.blockTokens, rng });
  } catch (e) {
    reader.close();
    throw e;
  }
}

function optErr(path: string, expected: string, found: unknown): UserError {
  return new UserError(`expected ${expected}, found ${typeof found === 'string' ? JSON.stringify(found) : String(found)}`, { path });
}
