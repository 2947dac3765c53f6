import { basename } from 'node:path';
import YAML from 'yaml';
import { fitWorkload, type FitOptions, type FitResult } from '../../workload/fit/index.js';
import { openTrace, resolveTraceInput, type TraceInputOptions } from '../../workload/traces/index.js';
import type { CliIo } from '../io.js';

/**
 * Options of `fleetsim fit <trace>` (flag names as the lead wires them):
 * - `trace` (positional): the trace file.
 * - `format`: azure | mooncake | burstgpt | generic (default: detected from the first line).
 * - `columns`: generic mapping `time=…,prompt=…,output=…[,hashIds=…]`; `timeUnit`: s | ms | us | iso;
 *   `fileType`: csv | jsonl; `model`, `includeFailed`: BurstGPT filters.
 * - `window` (`start:end` s), `timeScale`, `rateScale`, `seed`: as in trace replay (docs/traces.md).
 * - `onError`: fail (default) | skip.
 * - `windowSeconds`: profile window (default 3600 s for traces ≥ 2 days, else 600 s).
 * - `fold`: none | day | week (default by trace length); `cvTolerance` (default 0.1).
 * - `json`: print the fit result as JSON instead of commented YAML.
 */
export interface FitCommandOptions extends TraceInputOptions, FitOptions {
  json?: boolean;
}

/** Prints a workload block that reproduces the trace; returns the exit code (0). */
export async function fitCommand(opts: FitCommandOptions, io: CliIo): Promise<number> {
  const { path, options } = resolveTraceInput(opts);
  const fitOpts: FitOptions = {};
  if (opts.windowSeconds !== undefined) fitOpts.windowSeconds = opts.windowSeconds;
  if (opts.fold !== undefined) fitOpts.fold = opts.fold;
  if (opts.cvTolerance !== undefined) fitOpts.cvTolerance = opts.cvTolerance;
  const fit = fitWorkload(openTrace(path, options), fitOpts);
  if (fit.stats.skipped > 0) io.stderr(`warning: skipped ${fit.stats.skipped} malformed lines\n`);
  io.stdout(opts.json ? `${JSON.stringify(fit, null, 2)}\n` : fitYaml(fit, basename(path), options.format));
  return 0;
}

/** The fitted block as YAML, with the figures behind it and the lognormal alternatives as comments. */
export function fitYaml(fit: FitResult, source: string, format: string): string {
  const s = fit.stats;
  const doc = new YAML.Document(fit.workload);
  const pct = (x: number): string => String(Math.round(x * 100) / 100);
  doc.commentBefore = [
    ` Fitted by fleetsim fit from ${source} (${format}): ${s.count} requests over ${pct(s.durationSeconds)} s,`,
    ` mean rate ${pct(s.meanRate)} req/s; prompt p50/p90/p99 ${pct(s.prompt.p50)}/${pct(s.prompt.p90)}/${pct(s.prompt.p99)},`,
    ` output p50/p90/p99 ${pct(s.output.p50)}/${pct(s.output.p90)}/${pct(s.output.p99)} tokens.`,
    ...(s.prefixReuse ? [` Prefix-block reuse (infinite-cache hit rate bound): ${pct(s.prefixReuse.blockFraction * 100)} % of blocks.`] : []),
    ...fit.notes.map((n) => ` ${n}`),
    ...(s.skipped ? [` ${s.skipped} malformed lines were skipped.`] : []),
  ].join('\n');
  for (const k of ['promptTokens', 'outputTokens'] as const) {
    const node = doc.get(k, true);
    const a = fit.alternatives[k];
    if (YAML.isMap(node)) {
      node.commentBefore = ` Empirical percentiles, sampled by linear interpolation between points. Lognormal alternative:\n   { dist: lognormal, median: ${a.median}, sigma: ${a.sigma} }`;
      const p = node.get('percentiles', true);
      if (YAML.isMap(p)) p.flow = true;
    }
  }
  const prof = doc.getIn(['arrival', 'profile', 'multipliers'], true);
  if (YAML.isSeq(prof)) prof.flow = true;
  return doc.toString({ lineWidth: 160 });
}
