#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { UserError, formatUserError } from '../errors.js';
import { processIo, installSignalHandlers, type CliIo } from './io.js';
import { setFileRoot } from '../scenario/include.js';
import { runCommand } from './commands/run.js';
import { compareCommand } from './commands/compare.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand } from './commands/schema.js';
import { catalogCommand } from './commands/catalog.js';
import { perfCommand } from './commands/perf.js';
import { fitCommand } from './commands/fit.js';
import { traceStatsCommand } from './commands/trace-stats.js';
import { checkCommand } from './commands/check.js';
import { sweepCommand } from './commands/sweep.js';
import { planCommand } from './commands/plan.js';
import { mergeCommand } from './commands/merge.js';
import { regionsCommand } from './commands/regions.js';

/**
 * The one place that declares commands and flags. Each command is a module exporting one async
 * function that calls the library; commands throw, and only `main` turns errors into exit codes:
 * 0 ok, 1 a gate failed, 2 invalid input, 3 internal error; 130 / 143 interrupted by SIGINT / SIGTERM.
 */
type Action = (io: CliIo) => Promise<number>;

const traceOptions = (y: Argv) =>
  y
    .positional('trace', { type: 'string', demandOption: true, describe: 'trace file (Azure CSV, Mooncake JSONL, BurstGPT CSV, or generic CSV/JSONL)' })
    .option('format', { choices: ['azure', 'mooncake', 'burstgpt', 'generic'] as const, describe: 'trace format (default: detected from the first line)' })
    .option('columns', { type: 'string', describe: 'generic format column mapping: time=…,prompt=…,output=…[,hashIds=…]' })
    .option('time-unit', { choices: ['s', 'ms', 'us', 'iso'] as const, describe: 'unit of the generic time column' })
    .option('file-type', { choices: ['csv', 'jsonl'] as const, describe: 'generic format file type (default: from the extension)' })
    .option('model', { type: 'string', describe: 'BurstGPT: keep only this model' })
    .option('include-failed', { type: 'boolean', describe: 'BurstGPT: keep failed requests (0 response tokens)' })
    .option('window', { type: 'string', describe: 'time window start:end in seconds from the first record' })
    .option('time-scale', { type: 'number', describe: 'stretch time by this factor (2 = half the rate)' })
    .option('rate-scale', { type: 'number', describe: 'scale the rate keeping the time span (thinning or superposition)' })
    .option('seed', { type: 'number', describe: 'seed for rate scaling' })
    .option('on-error', { choices: ['fail', 'skip'] as const, default: 'fail' as const, describe: 'malformed lines: stop with an error, or skip and count them' })
    .option('window-seconds', { type: 'number', describe: 'width of rate windows in seconds' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON' });

/** `--root DIR` of run, validate, check, sweep and plan: set for the command by the middleware in buildCli. */
const rootOption = { type: 'string', describe: 'directory that scenario includes and trace paths must stay inside' } as const;

const reportOptions = {
  format: { type: 'string', array: true, describe: 'output formats (repeatable or comma-separated): table, json, markdown, csv, html, focus, svg' },
  'focus-start': { type: 'string', describe: 'ISO instant of simulated t = 0 in the FOCUS cost CSV (default 2026-01-01T00:00:00Z)' },
} as const;

export function buildCli(argv: string[], io: CliIo, setAction: (a: Action) => void): Argv {
  return yargs(argv)
    .scriptName('fleetsim')
    .usage('$0 <command> [options]\n\nDiscrete-event capacity planning for AI inference fleets.')
    .command(
      'run [scenario]',
      'simulate a scenario: print a summary and write result.json',
      (y) =>
        y
          .positional('scenario', { type: 'string', default: 'scenarios/default.yaml', describe: 'scenario file (YAML or JSON)' })
          .option('seed', { type: 'number', describe: 'override the scenario seed' })
          .option('replications', { type: 'number', describe: 'override the number of replications (seeds)' })
          .option('fidelity', { choices: ['analytic', 'iteration'] as const, describe: 'engine mode (default: the scenario\'s, analytic)' })
          .option('workers', { type: 'number', describe: 'worker threads for replications (default: min(cores, replications))' })
          .option('force', { type: 'boolean', default: false, describe: 'run even when the size estimate says it would take hours or exhaust memory' })
          .option('max-events', { type: 'number', describe: 'event budget per replication: stop cleanly (reported) after this many events' })
          .option('max-wall', { type: 'string', describe: 'wall-clock budget of the run, e.g. 30s or 10m: replications stop cleanly (reported)' })
          .option('root', rootOption)
          .option('out', { type: 'string', describe: 'directory to write result.json and the formats into (created; never wiped)' })
          .option('json', { type: 'boolean', default: false, describe: 'print result.json to stdout instead of the summary (= --format json)' })
          .options(reportOptions)
          .option('chrome-trace', { type: 'string', describe: 'also write a Chrome/Perfetto trace (JSON) of the first replication: every replica iteration and lifecycle state' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
      (a) => setAction((io) => runCommand({ scenario: a.scenario!, seed: a.seed, replications: a.replications, fidelity: a.fidelity, workers: a.workers, format: a.format, focusStart: a.focusStart, out: a.out, json: a.json, quiet: a.quiet, force: a.force, maxEvents: a.maxEvents, maxWall: a.maxWall, chromeTrace: a.chromeTrace }, io)),
    )
    .command(
      'compare <inputs..>',
      'compare scenarios or saved result.json files side by side: differences, significance, scorecards',
      (y) =>
        y
          .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'scenario files or result.json files; the first is the baseline' })
          .option('seed', { type: 'number', describe: 'override the seed of every scenario input' })
          .option('replications', { type: 'number', describe: 'override the replications of every scenario input' })
          .option('workers', { type: 'number', describe: 'worker threads for replications' })
          .option('out', { type: 'string', describe: 'directory to write the formats into' })
          .option('json', { type: 'boolean', default: false, describe: 'print compare.json to stdout (= --format json)' })
          .options(reportOptions)
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
      (a) => setAction((io) => compareCommand({ inputs: a.inputs as string[], seed: a.seed, replications: a.replications, workers: a.workers, format: a.format, focusStart: a.focusStart, out: a.out, json: a.json, quiet: a.quiet }, io)),
    )
    .command(
      'validate <scenarios..>',
      'check scenario files without running them',
      (y) => y.positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files' }).option('root', rootOption),
      (a) => setAction((io) => validateCommand({ scenarios: a.scenarios as string[] }, io)),
    )
    .command('schema', 'print the JSON Schema of scenario files (for editors)', (y) => y, () => setAction((io) => schemaCommand({}, io)))
    .command(
      'catalog',
      'list GPUs and models; with --gpu and --model, the capacity and step times of one replica',
      (y) =>
        y
          .option('gpu', { type: 'string', describe: 'GPU, e.g. H100' })
          .option('model', { type: 'string', describe: 'model, e.g. llama-3.1-70b' })
          .option('tp', { type: 'number', default: 1, describe: 'tensor-parallel degree' })
          .option('precision', { type: 'string', describe: 'weight precision: bf16, fp8, int4, mxfp4' })
          .option('kv-precision', { type: 'string', describe: 'KV cache precision: bf16, fp8' })
          .option('prompt', { type: 'number', describe: 'prompt tokens for the prefill rows (default 2048)' })
          .option('context', { type: 'number', describe: 'tokens per sequence for the decode rows (default 2048)' })
          .option('sources', { type: 'boolean', default: false, describe: 'print the source of every figure' })
          .option('scenario', { type: 'string', describe: 'also the GPUs and models a scenario file declares under catalog:' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
      (a) => setAction((io) => catalogCommand({ gpu: a.gpu, model: a.model, tp: a.tp, precision: a.precision, kvPrecision: a.kvPrecision, prompt: a.prompt, context: a.context, sources: a.sources, json: a.json, scenario: a.scenario }, io)),
    )
    .command(
      'regions',
      'list cloud regions: price per GPU-hour (on-demand, spot), carbon intensity, PUE, with sources',
      (y) =>
        y
          .option('gpu', { type: 'string', describe: 'only regions that price this GPU, cheapest first, e.g. H100' })
          .option('provider', { choices: ['aws', 'gcp', 'azure'] as const, describe: 'only this provider' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON (every figure with its source and date)' }),
      (a) => setAction((io) => regionsCommand({ gpu: a.gpu, provider: a.provider, json: a.json }, io)),
    )
    .command(
      'perf',
      'predicted prefill time, decode step time and power of one replica',
      (y) =>
        y
          .option('gpu', { type: 'string', demandOption: true, describe: 'GPU, e.g. H100' })
          .option('model', { type: 'string', demandOption: true, describe: 'model, e.g. llama-2-70b' })
          .option('tp', { type: 'number', default: 1, describe: 'tensor-parallel degree' })
          .option('prompt', { type: 'number', default: 2048, describe: 'tokens per prompt' })
          .option('batch', { type: 'number', default: 1, describe: 'prompts prefilled together / sequences decoded together' })
          .option('context', { type: 'number', describe: 'tokens per sequence during the decode step (default prompt + 512)' })
          .option('power-cap', { type: 'string', describe: 'per-GPU power cap: a fraction of TDP (0.7 or 70%) or watts (490W, or a number > 1)' })
          .option('precision', { type: 'string', describe: 'weight precision' })
          .option('kv-precision', { type: 'string', describe: 'KV cache precision' })
          .option('scenario', { type: 'string', describe: 'also the GPUs and models a scenario file declares under catalog:' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON' }),
      (a) => setAction((io) => perfCommand({ gpu: a.gpu, model: a.model, tp: a.tp, prompt: a.prompt, batch: a.batch, context: a.context, powerCap: a.powerCap, precision: a.precision, kvPrecision: a.kvPrecision, json: a.json, scenario: a.scenario }, io)),
    )
    .command(
      'fit <trace>',
      'fit a workload block (length distributions, rate, burstiness) to a trace',
      (y) =>
        traceOptions(y)
          .option('fold', { choices: ['none', 'day', 'week'] as const, describe: 'fold the rate profile by day or week' })
          .option('cv-tolerance', { type: 'number', describe: 'use Gamma arrivals when |CV − 1| exceeds this (default 0.1)' })
          .option('scenario', { type: 'boolean', describe: 'print a complete runnable scenario (placeholder pool) instead of the workload block' })
          .option('class', { type: 'string', describe: 'name of the fitted workload class (default fitted)' }),
      (a) => setAction((io) => fitCommand({ ...traceArgs(a), fold: a.fold, cvTolerance: a.cvTolerance, windowSeconds: a.windowSeconds, json: a.json, scenario: a.scenario, className: a.class }, io)),
    )
    .command(
      'trace-stats <trace>',
      'print the statistics of a trace (rate, burstiness, length percentiles, prefix reuse)',
      (y) => traceOptions(y),
      (a) => setAction((io) => traceStatsCommand({ ...traceArgs(a), windowSeconds: a.windowSeconds, json: a.json }, io)),
    )
    .command(
      'sweep <scenario>',
      'run a grid of variants (--set path=values); results table, Pareto front and chart; sharding for clusters',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('root', rootOption)
          .option('set', { type: 'string', array: true, describe: 'path=values: 8..64:8 (range), [H100,H200] or a,b (list), *1.0,1.5 (multipliers); repeatable' })
          .option('zip', { type: 'boolean', describe: 'pair the value lists item by item instead of the product grid' })
          .option('objectives', { type: 'string', describe: 'comma list of summary figures to minimize (prefix - to maximize) for the Pareto front' })
          .option('common-seed', { type: 'boolean', describe: 'every run uses the scenario seed (common random numbers)' })
          .option('workers', { type: 'number', describe: 'worker threads (default: all cores); results do not depend on it' })
          .option('shard', { type: 'string', describe: 'run only shard i/n (0-based) and write JSON lines' })
          .option('shard-from-env', { type: 'boolean', describe: 'shard index from JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID' })
          .option('shard-count', { type: 'number', describe: 'shard count with --shard-from-env (else SHARD_COUNT or JOB_COMPLETIONS)' })
          .option('out', { type: 'string', describe: 'directory for runs JSON lines (resumable) and results.json/.csv/.md, pareto.svg' })
          .option('format', { choices: ['md', 'csv', 'json'] as const, default: 'md' as const, describe: 'table format on stdout' })
          .option('pareto-all', { type: 'boolean', default: false, describe: 'let infeasible runs (SLO, constraint or fail gate missed, drops) onto the Pareto front' })
          .option('force', { type: 'boolean', default: false, describe: 'run even when the size estimate says the sweep would take hours on its workers or exhaust memory' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
      (a) => setAction((io) => sweepCommand({
        scenario: a.scenario!, set: a.set as string[] | undefined, zip: a.zip, objectives: a.objectives, commonSeed: a.commonSeed, workers: a.workers,
        shard: a.shard, shardFromEnv: a.shardFromEnv, shardCount: a.shardCount, out: a.out, format: a.format, paretoAll: a.paretoAll, quiet: a.quiet, force: a.force,
      }, io)),
    )
    .command(
      'plan <scenario>',
      'the cheapest fleet that meets every SLO and expect: gate: replicas per pool, GPU/TP/region candidates, forecast, commitments',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
          .option('root', rootOption)
          .option('gpus', { type: 'string', describe: 'candidate GPU types, comma list (overrides plan.gpu)' })
          .option('tp', { type: 'string', describe: 'candidate tensor-parallel degrees, comma list (overrides plan.tp)' })
          .option('regions', { type: 'string', describe: 'candidate regions, comma list (overrides plan.region)' })
          .option('pools', { type: 'string', describe: 'pools to size, by index or name, comma list (default: plan.pools or all)' })
          .option('max-replicas', { type: 'number', describe: 'upper bound of the search per pool (default 256)' })
          .option('constraint', { type: 'string', array: true, describe: 'extra condition "figure <= number" (or >=); repeatable' })
          .option('forecast', { type: 'string', describe: 'rate multipliers per month, comma list, e.g. 1.0,1.1,1.25' })
          .option('alternatives', { type: 'number', describe: 'next-best plans to print (default 3)' })
          .option('workers', { type: 'number', describe: 'worker threads (default: all cores); the plan does not depend on it' })
          .option('out', { type: 'string', describe: 'directory to write plan.json into' })
          .option('json', { type: 'boolean', default: false, describe: 'print plan.json to stdout' })
          .option('force', { type: 'boolean', default: false, describe: 'plan even when one simulation of the scenario would take hours (the search runs dozens)' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
      (a) => setAction((io) => planCommand({
        scenario: a.scenario!, gpus: a.gpus, tp: a.tp, regions: a.regions, pools: a.pools, maxReplicas: a.maxReplicas,
        constraints: a.constraint as string[] | undefined, forecast: a.forecast, alternatives: a.alternatives, workers: a.workers,
        out: a.out, json: a.json, quiet: a.quiet, force: a.force,
      }, io)),
    )
    .command(
      'merge <files..>',
      'combine the JSON-lines outputs of sweep shards; exit 2 naming missing or duplicated runs',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'shard outputs (runs.shard-i-of-n.jsonl)' })
          .option('out', { type: 'string', describe: 'directory for results.json/.csv/.md and pareto.svg' })
          .option('format', { choices: ['md', 'csv', 'json'] as const, default: 'md' as const, describe: 'table format on stdout' })
          .option('pareto-all', { type: 'boolean', default: false, describe: 'let infeasible runs (SLO, constraint or fail gate missed, drops) onto the Pareto front' })
          .option('quiet', { type: 'boolean', default: false }),
      (a) => setAction((io) => mergeCommand({ files: a.files as string[], out: a.out, format: a.format, paretoAll: a.paretoAll, quiet: a.quiet }, io)),
    )
    .command(
      'check <scenarios..>',
      'CI gates: expectations, baselines with tolerances, observed-trace drift (exit 0 pass, 1 fail, 2 invalid input)',
      (y) =>
        y
          .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files or directories' })
          .option('root', rootOption)
          .option('policy', { type: 'string', describe: 'policy file: gates for every scenario, tolerances, drift thresholds' })
          .option('baseline', { type: 'string', describe: 'directory of baselines (<scenario-name>.json) to compare with' })
          .option('update-baseline', { type: 'boolean', default: false, describe: 'write the baselines from this run (prints what changed)' })
          .option('tolerance', { type: 'string', array: true, describe: 'figure=rel%,abs, e.g. class.chat.ttft.p95=10%,5ms (repeatable)' })
          .option('replications', { type: 'number', describe: 'override the number of replications of every scenario' })
          .option('jobs', { type: 'number', describe: 'scenarios simulated in parallel (worker threads)' })
          .option('observed', { type: 'string', describe: 'trace of observed traffic to compare the workload assumptions with' })
          .option('observed-format', { choices: ['azure', 'mooncake', 'burstgpt', 'generic'] as const, describe: 'format of the observed trace (default: detected)' })
          .option('observed-class', { type: 'string', describe: 'workload class the observed trace is compared with (default: the only one)' })
          .option('junit', { type: 'string', describe: 'write JUnit XML here' })
          .option('comment', { type: 'string', describe: 'write a pull-request comment body (Markdown) here' })
          .option('annotations', { type: 'boolean', default: false, describe: 'print GitHub ::error/::warning annotations (default: when GITHUB_ACTIONS=true)' })
          .option('all', { type: 'boolean', default: false, describe: 'show every gate, including baseline figures that passed' })
          .option('force', { type: 'boolean', default: false, describe: 'run scenarios the size estimate would refuse (hours of simulation or too much memory)' })
          .option('json', { type: 'boolean', default: false, describe: 'print the results as JSON' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress on stderr' }),
      (a) => setAction((io) => checkCommand({
        scenarios: a.scenarios as string[], policy: a.policy, baseline: a.baseline, updateBaseline: a.updateBaseline, tolerance: a.tolerance as string[] | undefined,
        replications: a.replications, jobs: a.jobs, observed: a.observed, observedFormat: a.observedFormat, observedClass: a.observedClass,
        junit: a.junit, comment: a.comment, annotations: a.annotations, all: a.all, json: a.json, quiet: a.quiet, force: a.force,
      }, io)),
    )
    .middleware((a) => setFileRoot(typeof a.root === 'string' ? a.root : undefined))
    .demandCommand(1, 'give a command; see fleetsim --help')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(110, io.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      // yargs says only "Did you mean run?" for an unknown command: name what was typed.
      const first = argv.find((x) => !x.startsWith('-'));
      if (msg?.startsWith('Did you mean') && first !== undefined) throw new UserError(`unknown command "${first}". ${msg}`);
      throw new UserError(msg);
    });
}

/** The version in package.json (two levels above dist/cli/ and src/cli/). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

type TraceArgs = {
  trace?: string; format?: 'azure' | 'mooncake' | 'burstgpt' | 'generic'; columns?: string; timeUnit?: 's' | 'ms' | 'us' | 'iso';
  fileType?: 'csv' | 'jsonl'; model?: string; includeFailed?: boolean; window?: string; timeScale?: number; rateScale?: number;
  seed?: number; onError?: 'fail' | 'skip';
};
function traceArgs(a: TraceArgs) {
  return {
    trace: a.trace!, format: a.format, columns: a.columns, timeUnit: a.timeUnit, fileType: a.fileType, model: a.model,
    includeFailed: a.includeFailed, window: a.window, timeScale: a.timeScale, rateScale: a.rateScale, seed: a.seed, onError: a.onError,
  };
}

/** Runs the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let action: Action | undefined;
  try {
    let helpShown = false;
    const cli = buildCli(argv, io, (a) => (action = a));
    await cli.parseAsync(argv, {}, (err, _argv, output) => {
      if (output && !err) {
        io.stdout(output.endsWith('\n') ? output : `${output}\n`);
        helpShown = true;
      }
      if (err) throw err instanceof UserError ? err : new UserError(err.message);
    });
    if (helpShown || action === undefined) return 0;
    return await action(io);
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(`error: ${formatUserError(e)}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr(`internal error: ${err?.message ?? String(e)}\n${err?.stack ?? ''}\nThis is a bug in fleetsim; please report it with the scenario.\n`);
    return 3;
  } finally {
    setFileRoot(undefined);
  }
}

const isEntry = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('/fleetsim') || process.argv[1]?.endsWith('cli/main.js');
if (isEntry) {
  // A closed pipe (`fleetsim run --json | head`) is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // Ctrl-C / SIGTERM: remove temporary files, stop (worker threads end with the process), exit 130 / 143.
  installSignalHandlers();
  main(hideBin(process.argv)).then((code) => {
    process.exitCode = code;
  });
}
