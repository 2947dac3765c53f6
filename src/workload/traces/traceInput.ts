import { UserError } from '../../errors.js';
import { detectFormat } from './detectFormat.js';
import type { TimeUnit, TraceColumns, TraceFormat, TraceOptions } from './types.js';

/**
 * Trace selection as the CLI commands take it (flag values, strings allowed where a flag is text).
 * `format` defaults to the one detected from the file's first line.
 */
export interface TraceInputOptions {
  /** Path of the trace file. */
  trace: string;
  format?: TraceFormat;
  /** Generic format mapping, e.g. `time=ts,prompt=in,output=out,hashIds=blocks`. */
  columns?: string | TraceColumns;
  timeUnit?: TimeUnit;
  fileType?: 'csv' | 'jsonl';
  model?: string;
  includeFailed?: boolean;
  /** `start:end` in seconds from the first record (either side may be empty), or an object. */
  window?: string | { start: number; end: number };
  timeScale?: number;
  rateScale?: number;
  seed?: number;
  onError?: 'fail' | 'skip';
}

/** Turns CLI-style options into `openTrace` arguments; a UserError names the bad option. */
export function resolveTraceInput(o: TraceInputOptions): { path: string; options: TraceOptions } {
  if (!o.trace) throw new UserError('no trace file given', { path: 'trace' });
  const format = o.format ?? detectFormat(o.trace) ?? (o.columns ? 'generic' : undefined);
  if (!format) {
    throw new UserError('cannot tell the trace format from its first line; give --format (azure, mooncake, burstgpt) or --columns for the generic format', { file: o.trace });
  }
  const options: TraceOptions = { format };
  if (o.columns !== undefined) options.columns = typeof o.columns === 'string' ? parseColumns(o.columns) : o.columns;
  if (o.timeUnit !== undefined) options.timeUnit = o.timeUnit;
  if (o.fileType !== undefined) options.fileType = o.fileType;
  if (o.model !== undefined) options.model = o.model;
  if (o.includeFailed !== undefined) options.includeFailed = o.includeFailed;
  if (o.window !== undefined) options.window = typeof o.window === 'string' ? parseWindow(o.window) : o.window;
  if (o.timeScale !== undefined) options.timeScale = o.timeScale;
  if (o.rateScale !== undefined) options.rateScale = o.rateScale;
  if (o.seed !== undefined) options.seed = o.seed;
  if (o.onError !== undefined) options.onError = o.onError;
  return { path: o.trace, options };
}

function parseColumns(text: string): TraceColumns {
  const m: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const k = part.slice(0, eq).trim();
    if (eq < 0 || !['time', 'prompt', 'output', 'hashIds'].includes(k) || !part.slice(eq + 1).trim()) {
      throw new UserError(`expected key=column pairs with keys time, prompt, output, hashIds; found ${JSON.stringify(part)}`, { path: 'columns' });
    }
    m[k] = part.slice(eq + 1).trim();
  }
  if (!m.time || !m.prompt || !m.output) throw new UserError('columns needs time, prompt and output', { path: 'columns' });
  return { time: m.time, prompt: m.prompt, output: m.output, ...(m.hashIds ? { hashIds: m.hashIds } : {}) };
}

function parseWindow(text: string): { start: number; end: number } {
  const m = /^\s*([^:]*):([^:]*)\s*$/.exec(text);
  const start = m && m[1].trim() !== '' ? Number(m[1]) : 0;
  const end = m && m[2].trim() !== '' ? Number(m[2]) : Infinity;
  if (!m || Number.isNaN(start) || Number.isNaN(end)) throw new UserError(`expected start:end in seconds, found ${JSON.stringify(text)}`, { path: 'window' });
  return { start, end };
}
