/** The case study in scenarios/long-context-gemma.yaml: the figures in its comments hold. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const FILE = resolve(ROOT, 'scenarios/long-context-gemma.yaml');
const tmp = tempDir('fleetsim-longctx-');
afterAll(() => tmp.cleanup());

interface Summary { [figure: string]: { mean: number } }

async function run(name: string, text: string): Promise<Summary> {
  const r = await runCli('run', tmp.write(name, text), '--json', '--workers', '1');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { summary: Summary }).summary;
}

describe('scenarios/long-context-gemma.yaml', () => {
  it('the sliding window lets 4 replicas carry traffic that full attention needs about 8 for', async () => {
    const text = readFileSync(FILE, 'utf8');
    const full = (replicas: number) => text.replace('model: gemma-3-27b\n', 'model: gemma-3-27b-full-attention\n').replace('replicas: 4', `replicas: ${replicas}`);
    const win = await run('win.yaml', text);
    const full4 = await run('full4.yaml', full(4));
    const full8 = await run('full8.yaml', full(8));
    // The figures quoted in the scenario's table, to the precision it quotes them.
    const row = (s: Summary) => [s['class.rag.ttft.p95'].mean, s['class.rag.sloAttainment'].mean, s['pool.gemma.utilization'].mean, s['cost.per1kRequests'].mean];
    const [t1, a1, k1, c1] = row(win);
    expect(t1).toBeCloseTo(1.74, 1);
    expect(a1).toBe(1);
    expect(k1).toBeCloseTo(0.2, 1);
    expect(c1).toBeCloseTo(7.55, 1);
    const [t2, a2, k2, c2] = row(full4);
    expect(t2).toBeGreaterThan(400);
    expect(a2).toBeLessThan(0.005);
    expect(k2).toBeCloseTo(0.81, 1);
    expect(c2).toBeCloseTo(10.75, 1);
    const [t3, a3, k3, c3] = row(full8);
    expect(t3).toBeCloseTo(2.2, 1);
    expect(a3).toBeCloseTo(0.981, 2);
    expect(k3).toBeCloseTo(0.46, 1);
    expect(c3).toBeCloseTo(15.1, 1);
  }, 120_000);

  it('the summary says when a class leaves arrivals unserved (full attention, 4 replicas)', async () => {
    const text = readFileSync(FILE, 'utf8').replace('model: gemma-3-27b\n', 'model: gemma-3-27b-full-attention\n');
    const r = await runCli('run', tmp.write('full4-text.yaml', text), '--replications', '1', '--workers', '1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/class +completed +throughput/);
    expect(r.stdout).toMatch(/rag: [\d,]+ of [\d,]+ arrived requests \(\d+\.\d %\) still queued or running at the end — a backlog/);
    const ok = await runCli('run', FILE, '--replications', '1', '--workers', '1');
    expect(ok.stdout).not.toMatch(/still queued or running/);
  });

  it('catalog --sources with --gpu/--model prints where the figures come from', async () => {
    const r = await runCli('catalog', '--gpu', 'H100', '--model', 'gemma-3-27b', '--sources');
    expect(r.stdout).toMatch(/\nsources\n  H100: gpu_specs\.csv/);
    expect(r.stdout).toMatch(/gemma-3-27b: huggingface\.co\/google\/gemma-3-27b-it/);
  });
});
