// Shared helpers of the speed benchmarks: machine description, child-process runs with peak RSS,
// statistics over repeated runs, and result files (JSON + Markdown) in benchmarks/results/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(ROOT, 'benchmarks', 'results');
const CHILD = join(ROOT, 'benchmarks', 'internal', 'child.mjs');

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/**
 * Runs one fleetsim measurement in a fresh Node process (clean heap, clean peak RSS) and returns its
 * JSON report. `job` is passed to benchmarks/internal/child.mjs.
 */
export function runChild(job, { timeoutMs = 15 * 60_000, nodeArgs = [] } = {}) {
  const r = spawnSync(process.execPath, [...nodeArgs, CHILD, JSON.stringify(job)], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`child failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

/** Runs a command under /usr/bin/time -v when available; returns stdout and peak RSS in bytes (or null). */
export function runTimed(cmd, args, timeoutMs = 15 * 60_000) {
  const hasTime = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
  const full = hasTime ? ['/usr/bin/time', ['-v', cmd, ...args]] : [cmd, args];
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { stdout: r.stdout, peakRssBytes: m ? Number(m[1]) * 1024 : null };
}

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { best: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, worst: s[s.length - 1], n: s.length };
}

export const mb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
export const fmt = (x, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : Number(x).toPrecision(digits));
export const int = (x) => Math.round(x).toLocaleString('en-US');

/** Writes results/<name>.json and results/<name>.md atomically (temp file + rename). */
export function writeResult(name, json, markdown) {
  mkdirSync(RESULTS, { recursive: true });
  for (const [ext, text] of [['json', JSON.stringify(json, null, 2) + '\n'], ['md', markdown.endsWith('\n') ? markdown : markdown + '\n']]) {
    const file = join(RESULTS, `${name}.${ext}`);
    writeFileSync(file + '.tmp', text);
    renameSync(file + '.tmp', file);
  }
  console.log(`wrote benchmarks/results/${name}.json and .md`);
}

export function machineMarkdown(m) {
  return `Machine: ${m.cpu}, ${m.cores} cores visible, ${m.memoryGiB} GiB; Node ${m.node}; ${m.platform}; ${m.date}; load average at start ${m.loadAverage.join(' / ')}.`;
}

export function pythonVersion() {
  try {
    return execFileSync('/usr/bin/python3', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unavailable';
  }
}

/** `--quick` on the command line: smaller sizes for a smoke run (results still written, marked quick). */
export const QUICK = process.argv.includes('--quick');
