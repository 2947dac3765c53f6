import { traceStats, type TraceStats } from '../../workload/fit/index.js';
import { openTrace, resolveTraceInput, type TraceInputOptions } from '../../workload/traces/index.js';
import type { CliIo } from '../io.js';

/**
 * Options of `fleetsim trace-stats <trace>`: the trace selection options of `fit` (`format`,
 * `columns`, `timeUnit`, `fileType`, `model`, `includeFailed`, `window`, `timeScale`, `rateScale`,
 * `seed`, `onError`), plus `windowSeconds` (rate windows, default 600) and `json` (print JSON).
 */
export interface TraceStatsCommandOptions extends TraceInputOptions {
  windowSeconds?: number;
  json?: boolean;
}

/** Prints a trace's statistics as a table (or JSON); returns the exit code (0). */
export async function traceStatsCommand(opts: TraceStatsCommandOptions, io: CliIo): Promise<number> {
  const { path, options } = resolveTraceInput(opts);
  const st = traceStats(openTrace(path, options), opts.windowSeconds !== undefined ? { windowSeconds: opts.windowSeconds } : {});
  io.stdout(opts.json ? `${JSON.stringify(st, null, 2)}\n` : statsTable(st, path));
  return 0;
}

const n = (x: number, d = 2): string => (Number.isFinite(x) ? (Math.round(x * 10 ** d) / 10 ** d).toLocaleString('en-US') : '-');

/** A readable plain-text table of the statistics. */
export function statsTable(s: TraceStats, path: string): string {
  const rows: [string, string][] = [
    ['trace', path],
    ['requests', n(s.count, 0)],
    ['duration', `${n(s.durationSeconds)} s`],
    ['mean rate', `${n(s.meanRate, 3)} req/s`],
    ['inter-arrival', `mean ${n(s.interArrival.mean, 4)} s, CV ${n(s.interArrival.cv, 3)}`],
    [`rate per ${s.windowSeconds} s`, s.ratePerWindow.length ? `min ${n(Math.min(...s.ratePerWindow))}, max ${n(Math.max(...s.ratePerWindow))} req/s over ${s.ratePerWindow.length} windows` : '-'],
  ];
  const len = (name: string, l: TraceStats['prompt']): [string, string] => [
    name,
    `mean ${n(l.mean, 1)}  p50 ${n(l.p50, 1)}  p90 ${n(l.p90, 1)}  p99 ${n(l.p99, 1)}  min ${n(l.min, 0)}  max ${n(l.max, 0)}`,
  ];
  rows.push(len('prompt tokens', s.prompt), len('output tokens', s.output));
  if (s.prefixReuse) {
    const p = s.prefixReuse;
    rows.push(['prefix reuse', `${n(p.blockFraction * 100, 1)} % of ${n(p.blocks, 0)} blocks, ${n(p.tokenFraction * 100, 1)} % of prompt tokens${p.exact ? '' : ' (lower bound)'}`]);
  }
  if (!s.exactQuantiles) rows.push(['note', 'quantiles from a 2,000,000-record reservoir sample']);
  if (s.skipped || s.filtered) rows.push(['skipped / filtered', `${n(s.skipped, 0)} / ${n(s.filtered, 0)}`]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n';
}
