// Trace replay at scale: streams a synthetic 10⁸-line trace (generic CSV: time,prompt,output) to a
// temporary file in the OS temp dir, replays it through the simulator in a child process (trace
// arrivals, the reference 70B chat fleet of 32 replicas at 190 requests/s), records the child's peak
// RSS, and deletes the file. The trace is streamed, never loaded whole: the target is peak RSS < 300 MB.
// Usage: npm run build && node benchmarks/trace-1e8.mjs [--lines 1e7]. Not part of the unit suite.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, fmt, int, machine, machineMarkdown, mb, writeResult } from './internal/common.mjs';

const RATE = 190; // requests/s: what the 32-replica reference fleet serves
const argLines = process.argv.indexOf('--lines');
const LINES = argLines > 0 ? Number(process.argv[argLines + 1]) : 1e8;

/** Child mode: replay FILE through the simulator and print one JSON line of figures. */
if (process.argv[2] === '--replay') {
  const file = process.argv[3];
  const { loadScenarioText } = await import(pathToFileURL(join(ROOT, 'dist/scenario/index.js')).href);
  const { simulate } = await import(pathToFileURL(join(ROOT, 'dist/simulate/simulate.js')).href);
  const yaml = `name: trace-1e8
seed: 1
warmup: 0s
window: 1d
workload:
  chat:
    arrival: { process: trace, format: generic, path: ${JSON.stringify(file)}, columns: { time: t, prompt: p, output: o }, timeUnit: s }
fleet:
  pools:
    - { name: h100-70b, model: llama-3.1-70b, gpu: H100, tp: 4, replicas: 32, region: us-east-1, maxBatch: 256, maxBatchTokens: 8192 }
regions:
  us-east-1: { gpuPrices: { H100: $6.88/h } }
`;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = simulate(loadScenarioText(yaml, join(ROOT, 'benchmarks', 'trace-1e8.yaml')).resolved);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const c = r.classes[0];
  console.log(JSON.stringify({ arrived: c.all.arrived, completed: c.all.completed, events: r.replications[0].events, wallS, cpuS: (cpu.user + cpu.system) / 1e6, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-trace-1e8-'));
const file = join(dir, 'trace.csv');
try {
  const g0 = performance.now();
  const out = createWriteStream(file);
  out.write('t,p,o\n');
  const BATCH = 65536;
  for (let i = 0; i < LINES; ) {
    let s = '';
    const end = Math.min(LINES, i + BATCH);
    for (; i < end; i++) s += `${(i / RATE).toFixed(4)},${200 + ((i * 7919) % 1800)},${50 + ((i * 104729) % 400)}\n`;
    if (!out.write(s)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const bytes = statSync(file).size;
  const genS = (performance.now() - g0) / 1000;
  console.log(`generated ${int(LINES)} lines (${mb(bytes)}) in ${fmt(genS)} s`);
  const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--replay', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`replay failed (status ${child.status}, signal ${child.signal}): ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop());
  const m = machine();
  const met = r.peakRssBytes < 300 * 2 ** 20;
  const json = { benchmark: 'trace-1e8', machine: m, lines: LINES, traceBytes: bytes, generateS: genS, ...r, requestsPerS: r.arrived / r.wallS, targets: { 'peak RSS < 300 MB': { value: r.peakRssBytes, met } } };
  const md = `# Trace replay: ${int(LINES)} lines

${machineMarkdown(m)} The trace (generic CSV, ${mb(bytes)}) was streamed to the OS temp dir and deleted afterwards; the replay ran in its own process (\`simulate()\` on a scenario with \`arrival.process: trace\`, 32 H100×4 replicas of llama-3.1-70b, ${RATE} requests/s, analytic fidelity).

| lines | arrived | completed | events | replay wall | CPU | requests/s | peak RSS | target < 300 MB |
|---:|---:|---:|---:|---:|---:|---:|---:|:---:|
| ${int(LINES)} | ${int(r.arrived)} | ${int(r.completed)} | ${int(r.events)} | ${fmt(r.wallS)} s | ${fmt(r.cpuS)} s | ${int(r.arrived / r.wallS)} | ${mb(r.peakRssBytes)} | ${met ? 'met' : 'NOT met'} |

Generating the file took ${fmt(genS)} s. Reproduce: \`npm run build && node benchmarks/trace-1e8.mjs${LINES === 1e8 ? '' : ` --lines ${LINES}`}\`.
`;
  writeResult('trace-1e8', json, md);
  console.log(md);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
