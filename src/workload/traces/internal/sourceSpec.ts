import { extname } from 'node:path';
import { UserError } from '../../../errors.js';
import type { TimeUnit, TraceOptions } from '../types.js';

/** Everything a line source needs to know about a file's layout, resolved from the format. */
export interface SourceSpec {
  fileType: 'csv' | 'jsonl';
  time: string;
  timeUnit: TimeUnit;
  prompt: string;
  output: string;
  hashIds?: string;
  /** Tokens per hash block; 0 without hashes. */
  blockTokens: number;
  /** Keep only rows whose `column` equals `value`. */
  match?: { column: string; value: string };
  /** Filter rows whose output length is 0 (BurstGPT failed requests). */
  dropZeroOutput: boolean;
}

const TIME_UNITS: readonly TimeUnit[] = ['s', 'ms', 'us', 'iso'];

/** Resolves the built-in formats and validates a generic mapping. */
export function sourceSpec(path: string, o: TraceOptions): SourceSpec {
  switch (o.format) {
    case 'azure':
      return { fileType: 'csv', time: 'TIMESTAMP', timeUnit: 'iso', prompt: 'ContextTokens', output: 'GeneratedTokens', blockTokens: 0, dropZeroOutput: false };
    case 'mooncake':
      return { fileType: 'jsonl', time: 'timestamp', timeUnit: 'ms', prompt: 'input_length', output: 'output_length', hashIds: 'hash_ids', blockTokens: 512, dropZeroOutput: false };
    case 'burstgpt':
      return {
        fileType: 'csv',
        time: 'Timestamp',
        timeUnit: 's',
        prompt: 'Request tokens',
        output: 'Response tokens',
        blockTokens: 0,
        ...(o.model !== undefined ? { match: { column: 'Model', value: o.model } } : {}),
        dropZeroOutput: !o.includeFailed,
      };
    case 'generic':
      return genericSpec(path, o);
    default:
      throw new UserError(`unknown trace format ${JSON.stringify(o.format)}; expected azure, mooncake, burstgpt or generic`, { path: 'format' });
  }
}

function genericSpec(path: string, o: TraceOptions): SourceSpec {
  const c = o.columns;
  if (!c || !c.time || !c.prompt || !c.output) {
    throw new UserError('the generic format needs a column mapping with time, prompt and output (e.g. time=ts,prompt=in,output=out)', { path: 'columns' });
  }
  const timeUnit = o.timeUnit ?? 's';
  if (!TIME_UNITS.includes(timeUnit)) {
    throw new UserError(`unknown time unit ${JSON.stringify(timeUnit)}; expected one of ${TIME_UNITS.join(', ')}`, { path: 'timeUnit' });
  }
  let fileType = o.fileType;
  if (fileType === undefined) {
    const ext = extname(path).toLowerCase();
    if (ext === '.csv') fileType = 'csv';
    else if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') fileType = 'jsonl';
    else throw new UserError(`cannot tell the file type from the extension ${JSON.stringify(ext)}; give fileType csv or jsonl`, { file: path, path: 'fileType' });
  }
  const blockTokens = o.blockTokens ?? (c.hashIds ? 512 : 0);
  if (!(Number.isInteger(blockTokens) && blockTokens >= 0)) {
    throw new UserError(`blockTokens must be a non-negative integer, found ${blockTokens}`, { path: 'blockTokens' });
  }
  return { fileType, time: c.time, timeUnit, prompt: c.prompt, output: c.output, ...(c.hashIds ? { hashIds: c.hashIds } : {}), blockTokens, dropZeroOutput: false };
}
