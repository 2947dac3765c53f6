/**
 * Invariant 6, same seed ⇒ same bytes: `fleetsim run --out DIR` twice in separate processes gives
 * byte-identical result.json; another seed gives a different one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnCli, runCli, tempDir } from '../support/cli.js';

/** Small but busy: two classes, preemptions (tight KV), a service pool, warm-up, windows, drain. */
const SCENARIO = `
name: determinism
seed: 5
horizon: 40s
warmup: 5s
window: 10s
replications: 2
drain: true
workload:
  chat:
    rate: 30/s
    prompt: { dist: lognormal, median: 800, sigma: 0.9, max: 6000 }
    output: { dist: lognormal, median: 150, sigma: 0.8, max: 1500 }
    slo: { ttft: 500ms, tpot: 50ms }
    pool: gpus
  background:
    rate: 2/s
    arrival: { process: gamma, cv: 2 }
    prompt: { dist: uniform, min: 100, max: 3000 }
    output: { dist: empirical, percentiles: { p0: 1, p50: 100, p90: 400, p100: 900 } }
    priority: 1
    pool: gpus
  tickets:
    rate: 3/s
    pool: desk
fleet:
  pools:
    - name: gpus
      model: llama-3.1-8b
      gpu: H100
      precision: fp8
      memoryReserve: 89%
      replicas: 2
      maxBatch: 32
      maxBatchTokens: 1024
    - name: desk
      service: lognormal(500ms, 0.5)
      replicas: 2
      pricePerReplicaHour: $1.00/h
regions:
  us-east-1:
    gpuPrices: { H100: $6.88/h }
`;

describe('determinism', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());
  const file = t.write('determinism.yaml', SCENARIO);

  it('same scenario and seed ⇒ byte-identical result.json across processes; another seed differs', () => {
    const a = spawnCli(['run', file, '--out', join(t.dir, 'a'), '--quiet']);
    const b = spawnCli(['run', file, '--out', join(t.dir, 'b'), '--quiet']);
    const c = spawnCli(['run', file, '--out', join(t.dir, 'c'), '--quiet', '--seed', '6']);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    const ja = readFileSync(join(t.dir, 'a', 'result.json'));
    const jb = readFileSync(join(t.dir, 'b', 'result.json'));
    const jc = readFileSync(join(t.dir, 'c', 'result.json'));
    expect(ja.length).toBeGreaterThan(1000);
    expect(Buffer.compare(ja, jb)).toBe(0);
    expect(Buffer.compare(ja, jc)).not.toBe(0);
    // The run did real work: preemptions under the tight cache, completions in every class.
    const result = JSON.parse(ja.toString('utf8'));
    expect(result.summary['requests.preemptions'].mean).toBeGreaterThan(0);
    for (const cl of result.classes) expect(cl.completed).toBeGreaterThan(0);
  });

  it('the in-process CLI writes the same bytes as the child process', async () => {
    const r = await runCli('run', file, '--out', join(t.dir, 'd'), '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const a = join(t.dir, 'a', 'result.json');
    // Test ordering: vitest runs the tests of a file in order, so 'a' exists.
    expect(Buffer.compare(readFileSync(join(t.dir, 'd', 'result.json')), readFileSync(a))).toBe(0);
  });

  it('--json prints exactly the bytes of result.json', async () => {
    const r = await runCli('run', file, '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(t.dir, 'a', 'result.json'), 'utf8'));
  });
});
