import { join } from 'node:path';
import { writeFileAtomic, toJson } from '../report/atomicWrite.js';
import { paretoSvg } from './paretoChart.js';
import { buildSweepResult, tableCsv, tableMarkdown, type ResultOptions, type SweepResult } from './results.js';
import type { RunRecord, SweepHeader } from './records.js';

export type TableFormat = 'md' | 'csv' | 'json';

export function renderTable(r: SweepResult, format: TableFormat): string {
  return format === 'json' ? toJson(r) : format === 'csv' ? tableCsv(r) : tableMarkdown(r);
}

/**
 * Builds the combined result and, with `out`, writes results.json, results.csv, results.md and
 * pareto.svg (when there are two objectives) atomically. Returns the result and the files written.
 */
export async function writeSweepOutputs(header: SweepHeader, records: readonly RunRecord[], out?: string, opts: ResultOptions = {}): Promise<{ result: SweepResult; files: string[] }> {
  const result = buildSweepResult(header, records, opts);
  const files: string[] = [];
  if (out !== undefined) {
    const put = (name: string, data: string) => {
      writeFileAtomic(join(out, name), data);
      files.push(join(out, name));
    };
    put('results.json', toJson(result));
    put('results.csv', tableCsv(result));
    put('results.md', tableMarkdown(result));
    const svg = await paretoSvg(result);
    if (svg) put('pareto.svg', svg);
  }
  return { result, files };
}
