import { readFileSync, existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { SWEEP_SCHEMA, type RunRecord, type SweepHeader } from './records.js';

/** One JSON value per line, keys in build order: the same record gives the same bytes. */
export function jsonLine(v: unknown): string {
  return `${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x))}\n`;
}

export interface ShardFile { file: string; header: SweepHeader; runs: RunRecord[]; truncated: boolean }

/**
 * Reads a sweep JSON-lines file. A last line cut short (an interrupted run) is dropped and reported
 * as `truncated`; any other malformed line is an error naming the file and line.
 */
export function readShardFile(file: string, text?: string): ShardFile {
  let body: string;
  try {
    body = text ?? readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read sweep output: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { file });
  }
  const lines = body.split('\n');
  const endsClean = body.endsWith('\n');
  let header: SweepHeader | undefined;
  const runs: RunRecord[] = [];
  let truncated = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      if (i === lines.length - 1 && !endsClean) { truncated = true; continue; }
      throw new UserError('not a JSON line', { file, line: i + 1 });
    }
    const o = v as { type?: string };
    if (o.type === 'sweep') {
      if (header) throw new UserError('a second sweep header', { file, line: i + 1 });
      header = v as SweepHeader;
      if (header.schema !== SWEEP_SCHEMA) throw new UserError(`unsupported schema ${JSON.stringify(header.schema)}; expected ${SWEEP_SCHEMA}`, { file, line: i + 1 });
    } else if (o.type === 'run') {
      if (!header) throw new UserError('a run before the sweep header', { file, line: i + 1 });
      const r = v as RunRecord;
      if (r.sweep !== header.sweep) throw new UserError(`run ${r.id} belongs to sweep ${r.sweep}, not ${header.sweep}`, { file, line: i + 1 });
      runs.push(r);
    } else {
      throw new UserError(`unknown line type ${JSON.stringify(o.type)}; expected "sweep" or "run"`, { file, line: i + 1 });
    }
  }
  if (!header) throw new UserError('no sweep header: not the output of `fleetsim sweep`', { file });
  return { file, header, runs, truncated };
}

export function readShardFileIfExists(file: string): ShardFile | undefined {
  return existsSync(file) ? readShardFile(file) : undefined;
}

/**
 * Combines shard outputs of one sweep. Fails (exit 2) when files belong to different sweeps, when a
 * run appears twice, or when runs are missing — naming them and the shard they belong to.
 */
export function mergeShards(files: readonly ShardFile[]): { header: SweepHeader; runs: RunRecord[] } {
  if (files.length === 0) throw new UserError('merge: no input files');
  const h = files[0].header;
  for (const f of files) {
    if (f.header.sweep !== h.sweep) {
      throw new UserError(`merge: ${f.file} is from sweep ${f.header.sweep}, ${files[0].file} from sweep ${h.sweep}; shards of different sweeps (scenario or grid changed) cannot be merged`);
    }
  }
  const byId = new Map<string, { r: RunRecord; file: string }>();
  const dups: string[] = [];
  for (const f of files) {
    for (const r of f.runs) {
      const prev = byId.get(r.id);
      if (prev) dups.push(`${r.id} (in ${prev.file} and ${f.file})`);
      else byId.set(r.id, { r, file: f.file });
    }
  }
  if (dups.length > 0) {
    throw new UserError(`merge: ${dups.length} duplicated run${dups.length > 1 ? 's' : ''}: ${dups.slice(0, 10).join(', ')}${dups.length > 10 ? ', …' : ''}; was a shard given twice or run with overlapping --shard?`);
  }
  const runs = [...byId.values()].map((x) => x.r).sort((a, b) => a.index - b.index);
  const missing: number[] = [];
  const have = new Set(runs.map((r) => r.index));
  for (let i = 0; i < h.runs; i++) if (!have.has(i)) missing.push(i);
  if (missing.length > 0) {
    const count = h.shard?.count;
    const shards = count ? [...new Set(missing.map((i) => i % count))].sort((a, b) => a - b) : [];
    const ids = missing.slice(0, 20).map((i) => `r${String(i).padStart(Math.max(4, String(h.runs - 1).length), '0')}`);
    throw new UserError(
      `merge: ${missing.length} of ${h.runs} runs missing: ${ids.join(', ')}${missing.length > 20 ? ', …' : ''}` +
        (count ? `; they belong to shard${shards.length > 1 ? 's' : ''} ${shards.map((s) => `${s}/${count}`).join(', ')}` : ''),
    );
  }
  return { header: h, runs };
}
