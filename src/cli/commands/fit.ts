import { basename } from 'node:path';
import YAML from 'yaml';
import { classBlock, fitWorkload, type FitOptions, type FitResult } from '../../workload/fit/index.js';
import { openTrace, resolveTraceInput, type TraceInputOptions } from '../../workload/traces/index.js';
import type { CliIo } from '../io.js';

/**
 * Options of `fleetsim fit <trace>`:
 * - `trace` (positional): the trace file.
 * - `format`: azure | mooncake | burstgpt | generic (default: detected from the first line).
 * - `columns`: generic mapping `time=…,prompt=…,output=…[,hashIds=…]`; `timeUnit`: s | ms | us | iso;
 *   `fileType`: csv | jsonl; `model`, `includeFailed`: BurstGPT filters.
 * - `window` (`start:end` s), `timeScale`, `rateScale`, `seed`: as in trace replay (docs/traces.md).
 * - `onError`: fail (default) | skip.
 * - `windowSeconds`: profile window (default 3600 s for traces ≥ 2 days, else 600 s).
 * - `fold`: none | day | week (default by trace length); `cvTolerance` (default 0.1).
 * - `scenario`: print a complete runnable scenario (placeholder pool) instead of the workload block.
 * - `className`: the workload class name (default `fitted`).
 * - `json`: print the fit result as JSON instead of commented YAML.
 */
export interface FitCommandOptions extends TraceInputOptions, FitOptions {
  json?: boolean;
  scenario?: boolean;
  className?: string;
}

/** Prints a workload block (or a whole scenario) that reproduces the trace; returns the exit code (0). */
export async function fitCommand(opts: FitCommandOptions, io: CliIo): Promise<number> {
  const { path, options } = resolveTraceInput(opts);
  const fitOpts: FitOptions = {};
  if (opts.windowSeconds !== undefined) fitOpts.windowSeconds = opts.windowSeconds;
  if (opts.fold !== undefined) fitOpts.fold = opts.fold;
  if (opts.cvTolerance !== undefined) fitOpts.cvTolerance = opts.cvTolerance;
  const fit = fitWorkload(openTrace(path, options), fitOpts);
  if (fit.stats.skipped > 0) io.stderr(`warning: skipped ${fit.stats.skipped} malformed lines\n`);
  const yamlOpts = { className: opts.className ?? 'fitted', scenario: opts.scenario ?? false };
  io.stdout(opts.json ? `${JSON.stringify({ ...fit, class: classBlock(fit) }, null, 2)}\n` : fitYaml(fit, basename(path), options.format ?? 'detected', yamlOpts));
  return 0;
}

const fmt = (x: number): string => String(Math.round(x * 100) / 100);

/**
 * The fitted class as YAML in the scenario format: a `workload:` block with one class (or, with
 * `scenario`, a whole scenario whose fleet is a clearly marked placeholder), the figures behind the
 * fit and the lognormal alternatives as comments.
 */
export function fitYaml(fit: FitResult, source: string, format: string, o: { className?: string; scenario?: boolean } = {}): string {
  const s = fit.stats;
  const name = o.className ?? 'fitted';
  const block = classBlock(fit);
  const header = [
    ` Fitted by fleetsim fit from ${source} (${format}): ${s.count} requests over ${fmt(s.durationSeconds)} s,`,
    ` mean rate ${fmt(s.meanRate)} req/s; prompt p50/p90/p99 ${fmt(s.prompt.p50)}/${fmt(s.prompt.p90)}/${fmt(s.prompt.p99)},`,
    ` output p50/p90/p99 ${fmt(s.output.p50)}/${fmt(s.output.p90)}/${fmt(s.output.p99)} tokens.`,
    ...(s.prefixReuse ? [` Prefix-block reuse (infinite-cache hit rate bound): ${fmt(s.prefixReuse.blockFraction * 100)} % of blocks.`] : []),
    ...fit.notes.map((n) => ` ${n}`),
    ...(s.skipped ? [` ${s.skipped} malformed lines were skipped.`] : []),
  ];
  const cycle = block.profile ? block.profile.multipliers.length * fit.workload.arrival.profile!.windowSeconds : 0;
  // Whole profile cycles keep the simulated mean rate equal to the fitted one.
  const horizon = cycle > 0 ? Math.max(1, Math.ceil(s.durationSeconds / cycle - 1e-9)) * cycle : Math.max(60, Math.ceil(s.durationSeconds));
  const doc = new YAML.Document(
    o.scenario
      ? {
          name: `fitted-${source.replace(/\.[^.]*$/, '').replace(/[^\w-]+/g, '-')}`,
          description: `A synthetic workload fitted to ${source} by fleetsim fit.`,
          seed: 1,
          horizon: `${horizon}s`,
          warmup: '0s',
          window: '5m',
          workload: { [name]: block },
          fleet: { pools: [{ name: 'placeholder', service: 'constant(1ms)', replicas: 64 }] },
        }
      : { workload: { [name]: block } },
  );
  doc.commentBefore = header.join('\n');
  const cls = doc.getIn(['workload', name], true);
  if (YAML.isMap(cls)) {
    const pairOf = (k: string) => cls.items.find((p) => YAML.isScalar(p.key) && p.key.value === k);
    const rate = pairOf('rate');
    if (rate && YAML.isScalar(rate.key)) {
      rate.key.commentBefore = ` Mean rate over the trace; ${block.profile ? 'the profile shapes it window by window (multipliers of mean 1, from time 0)' : 'no profile'}.`;
    }
    const arr = pairOf('arrival');
    if (arr && YAML.isScalar(arr.key)) {
      arr.key.commentBefore = ` Inter-arrival CV ${fmt(fit.cvRaw)} raw, ${fmt(fit.cvWithinProfile)} with the profile divided out.`;
      if (YAML.isMap(arr.value)) arr.value.flow = true;
    }
    const prof = pairOf('profile');
    if (prof && YAML.isMap(prof.value)) {
      prof.value.flow = false;
      const m = prof.value.get('multipliers', true);
      if (YAML.isSeq(m)) m.flow = true;
    }
    for (const [k, alt] of [['prompt', fit.alternatives.promptTokens], ['output', fit.alternatives.outputTokens]] as const) {
      const p = pairOf(k);
      if (!p || !YAML.isScalar(p.key)) continue;
      p.key.commentBefore =
        ` ${k === 'prompt' ? 'Prompt' : 'Output'} tokens: empirical percentiles, sampled by linear interpolation between points.\n` +
        ` Lognormal alternative: { dist: lognormal, median: ${alt.median}, sigma: ${alt.sigma} }`;
      if (YAML.isMap(p.value)) {
        const pct = p.value.get('percentiles', true);
        if (YAML.isMap(pct)) pct.flow = true;
      }
    }
  }
  if (o.scenario) {
    const pools = doc.getIn(['fleet', 'pools'], true);
    const fleet = doc.get('fleet', true);
    if (YAML.isMap(fleet) && YAML.isSeq(pools)) {
      const first = pools.items[0];
      if (YAML.isMap(first)) first.flow = true;
      const fp = fleet.items[0];
      if (YAML.isScalar(fp.key)) {
        fp.key.commentBefore = [
          ' PLACEHOLDER fleet: a stand-in that serves every request in 1 ms, so the workload alone can be checked',
          ' (fleetsim run reports its arrival rate and prompt/output percentiles). Replace it with real pools, e.g.',
          '   - { name: h100, model: llama-3.1-70b, gpu: H100, tp: 4, replicas: 2 }',
        ].join('\n');
      }
    }
  }
  return doc.toString({ lineWidth: 160 });
}
