import { mergeShards, readShardFile } from '../../sweep/jsonl.js';
import { writeSweepOutputs, renderTable, type TableFormat } from '../../sweep/output.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim merge <files…>`: combines the JSON-lines outputs of sweep shards into the same results
 * a one-process sweep gives. Exit 2 naming duplicated or missing runs, or mixed sweeps.
 */
export interface MergeOptions { files: string[]; out?: string; format?: TableFormat; paretoAll?: boolean; quiet?: boolean }

export async function mergeCommand(o: MergeOptions, io: CliIo): Promise<number> {
  const shards = o.files.map((f) => readShardFile(f));
  for (const s of shards) if (s.truncated) io.stderr(`warning: ${s.file}: the last line is cut short (an interrupted shard); ignored\n`);
  const { header, runs } = mergeShards(shards);
  const { result, files } = await writeSweepOutputs({ ...header, shard: undefined }, runs, o.out, { paretoAll: o.paretoAll ?? false });
  io.stdout(renderTable(result, o.format ?? 'md'));
  if (files.length > 0 && !o.quiet) io.stderr(`merged ${shards.length} files, ${runs.length} runs; wrote ${files.join(', ')}\n`);
  return 0;
}
