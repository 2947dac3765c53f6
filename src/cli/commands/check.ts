import { appendFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { UserError } from '../../errors.js';
import { writeFileAtomic } from '../../report/atomicWrite.js';
import { loadPolicy } from '../../check/policy.js';
import { runCheck } from '../../check/runCheck.js';
import { parseToleranceFlag } from '../../check/tolerance.js';
import { checkTable } from '../../check/report/text.js';
import { junitXml } from '../../check/report/junit.js';
import { githubAnnotations } from '../../check/report/annotations.js';
import { checkMarkdown, STEP_SUMMARY_LIMIT } from '../../check/report/markdown.js';
import type { TraceFormat } from '../../workload/traces/index.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim check <scenarios..>`: CI gates (docs/check.md).
 * Options: `scenarios` (files or directories), `policy` (policy file), `baseline` (directory of
 * `<scenario>.json`), `updateBaseline` (write baselines, printing what changed), `tolerance`
 * (`figure=rel%,abs`, repeatable), `replications` (override), `jobs` (parallel simulations),
 * `observed` (trace) with `observedFormat`, `observedClass`; outputs `junit` (file), `comment`
 * (PR-comment Markdown file), `annotations` (force GitHub annotations), `json`, `all` (show every gate).
 * Writes the step summary to `$GITHUB_STEP_SUMMARY` when set. Returns 0 when no `fail` gate
 * failed, 1 otherwise; throws UserError (exit 2) for invalid input.
 */
export interface CheckOptions {
  scenarios: string[];
  force?: boolean;
  policy?: string;
  baseline?: string;
  updateBaseline?: boolean;
  tolerance?: string[];
  replications?: number;
  jobs?: number;
  observed?: string;
  observedFormat?: TraceFormat;
  observedClass?: string;
  junit?: string;
  comment?: string;
  annotations?: boolean;
  json?: boolean;
  all?: boolean;
  quiet?: boolean;
}

export async function checkCommand(o: CheckOptions, io: CliIo): Promise<number> {
  if (o.updateBaseline && o.baseline === undefined) throw new UserError('--update-baseline needs --baseline DIR');
  if (o.jobs !== undefined && !(Number.isInteger(o.jobs) && o.jobs >= 1)) throw new UserError(`--jobs: expected an integer ≥ 1, found ${o.jobs}`);
  if (o.baseline !== undefined && !o.updateBaseline) {
    let isDir = false;
    try {
      isDir = statSync(o.baseline).isDirectory();
    } catch {
      /* reported below */
    }
    if (!isDir) throw new UserError(`--baseline: ${o.baseline} is not a directory (create baselines with --update-baseline)`);
  }
  const policy = o.policy !== undefined ? loadPolicy(o.policy) : undefined;
  const tolerances = (o.tolerance ?? []).map(parseToleranceFlag);
  const jobs = o.jobs ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const { checks, updates } = await runCheck({
    inputs: o.scenarios, ...(policy ? { policy } : {}), tolerances, ...(o.baseline !== undefined ? { baselineDir: o.baseline } : {}),
    updateBaseline: Boolean(o.updateBaseline), ...(o.replications !== undefined ? { replications: o.replications } : {}), jobs,
    ...(o.observed !== undefined ? { observed: { trace: o.observed, ...(o.observedFormat ? { format: o.observedFormat } : {}), ...(o.observedClass ? { className: o.observedClass } : {}) } } : {}),
    ...(o.quiet ? {} : { progress: (l: string) => io.stderr(`${l}\n`) }),
    force: Boolean(o.force),
  });
  const failed = checks.some((c) => c.results.some((r) => r.status === 'fail'));

  if (o.json) io.stdout(`${JSON.stringify({ schema: 'fleetsim.check/1', passed: !failed, scenarios: checks, baselineUpdates: updates }, null, 2)}\n`);
  else io.stdout(checkTable(checks, { all: o.all ?? false }));
  if (updates.length) io.stderr(`baselines written:\n${updates.map((u) => `  ${u}`).join('\n')}\n`);
  if (o.junit !== undefined) writeFileAtomic(o.junit, junitXml(checks));
  if (o.comment !== undefined) writeFileAtomic(o.comment, checkMarkdown(checks, { marker: true, limit: 65000 }));
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    let existing = 0;
    try {
      existing = statSync(summaryFile).size;
    } catch {
      /* a new file */
    }
    appendFileSync(summaryFile, checkMarkdown(checks, { limit: Math.max(4096, STEP_SUMMARY_LIMIT - existing - 1024) }));
  }
  if (o.annotations || io.env.GITHUB_ACTIONS === 'true') io.stdout(githubAnnotations(checks));
  return failed ? 1 : 0;
}
