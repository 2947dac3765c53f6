import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioText } from '../../src/scenario/index.js';
import { simulate, type RunResult } from '../../src/simulate/simulate.js';

/**
 * Invariant: analytic mode (decode runs fast-forwarded in closed form) and iteration mode (one event
 * per batch iteration, the oracle) are the same model. On the same scenario and seed every request
 * completes at the same instant (within 1e-6 relative in its end-to-end latency) and every summary
 * figure agrees.
 */

interface Params {
  seed: number;
  model: string;
  gpu: string;
  replicas: number;
  rate: number;
  promptMedian: number;
  outputMedian: number;
  sigma: number;
  maxBatch: number;
  maxBatchTokens: number;
  memoryReserve: number;
  powerCap: number; // 0: none, else a share of TDP
  inletC: number;
  horizonS: number;
  classes: number;
}

function scenarioText(p: Params, fidelity: 'analytic' | 'iteration'): string {
  const cls = (name: string, i: number) => `
  ${name}:
    rate: ${(p.rate / (i + 1)).toFixed(3)}/s
    priority: ${i}
    prompt: { dist: lognormal, median: ${p.promptMedian}, sigma: ${p.sigma}, max: ${p.promptMedian * 6} }
    output: { dist: lognormal, median: ${p.outputMedian}, sigma: ${p.sigma}, max: ${p.outputMedian * 6} }
    slo: { ttft: 1s, tpot: 50ms, e2e: 20s }`;
  return `
name: prop
seed: ${p.seed}
horizon: ${p.horizonS}s
warmup: ${Math.floor(p.horizonS / 10)}s
window: ${Math.max(1, Math.floor(p.horizonS / 4))}s
fidelity: ${fidelity}
workload:${Array.from({ length: p.classes }, (_, i) => cls(`c${i}`, i)).join('')}
fleet:
  pools:
    - name: pool
      model: ${p.model}
      gpu: ${p.gpu}
      replicas: ${p.replicas}
      maxBatch: ${p.maxBatch}
      maxBatchTokens: ${p.maxBatchTokens}
      memoryReserve: ${p.memoryReserve}${p.powerCap > 0 ? `\n      powerCap: ${Math.round(p.powerCap * 100)}%` : ''}
regions:
  us-east-1:
    inletTemperature: ${p.inletC}C
`;
}

type Done = { cls: number; arrival: number; completion: number };

function run(p: Params, fidelity: 'analytic' | 'iteration'): { result: RunResult; done: Done[] } {
  const { resolved } = loadScenarioText(scenarioText(p, fidelity));
  const done: Done[] = [];
  const result = simulate(resolved, { onComplete: (cls, arrival, completion) => done.push({ cls, arrival, completion }) });
  done.sort((a, b) => a.arrival - b.arrival || a.cls - b.cls);
  return { result, done };
}

const relClose = (a: number | null, b: number | null, tol: number): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-9));

function expectSame(p: Params): { completions: number; preemptions: number; throttled: number } {
  const a = run(p, 'analytic');
  const it = run(p, 'iteration');
  expect(a.done.length).toBe(it.done.length);
  for (let i = 0; i < a.done.length; i++) {
    const x = a.done[i];
    const y = it.done[i];
    expect(x.arrival).toBe(y.arrival);
    expect(x.cls).toBe(y.cls);
    const e2eA = x.completion - x.arrival;
    const e2eI = y.completion - y.arrival;
    if (!relClose(e2eA, e2eI, 1e-6)) expect.fail(`request ${i} (arrival ${x.arrival}): e2e ${e2eA} analytic vs ${e2eI} iteration`);
  }
  const sa = a.result.summary;
  const si = it.result.summary;
  expect(Object.keys(sa)).toEqual(Object.keys(si));
  for (const k of Object.keys(sa)) {
    if (!relClose(sa[k].mean, si[k].mean, 1e-6)) expect.fail(`summary ${k}: ${sa[k].mean} analytic vs ${si[k].mean} iteration`);
  }
  return {
    completions: a.done.length,
    preemptions: sa['requests.preemptions'].mean ?? 0,
    throttled: sa['pool.pool.throttledFraction'].mean ?? 0,
  };
}

const params: fc.Arbitrary<Params> = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  model: fc.constantFrom('llama-3.1-8b', 'qwen3-8b'),
  gpu: fc.constantFrom('H100', 'A100-80GB'),
  replicas: fc.integer({ min: 1, max: 3 }),
  rate: fc.double({ min: 0.2, max: 40, noNaN: true }),
  promptMedian: fc.integer({ min: 20, max: 1500 }),
  outputMedian: fc.integer({ min: 2, max: 400 }),
  sigma: fc.double({ min: 0, max: 1.2, noNaN: true }),
  maxBatch: fc.integer({ min: 1, max: 64 }),
  maxBatchTokens: fc.integer({ min: 64, max: 4096 }),
  // Large reserves leave a tiny KV cache: preemption by recomputation.
  memoryReserve: fc.constantFrom(0.1, 0.5, 0.7, 0.75, 0.77),
  powerCap: fc.constantFrom(0, 0, 0.6, 0.85),
  inletC: fc.constantFrom(25, 45, 55, 60),
  horizonS: fc.integer({ min: 20, max: 240 }),
  classes: fc.integer({ min: 1, max: 2 }),
});

describe('analytic mode = iteration mode', () => {
  it('every request completes at the same instant and every summary figure agrees (random small scenarios)', () => {
    let preempting = 0;
    let throttling = 0;
    fc.assert(
      fc.property(params, (p) => {
        const s = expectSame(p);
        if (s.preemptions > 0) preempting++;
        if (s.throttled > 0) throttling++;
      }),
      { numRuns: Number(process.env.FLEETSIM_PROP_RUNS ?? 60), seed: Number(process.env.FLEETSIM_PROP_SEED ?? 20260419) },
    );
    // The generator must actually reach the hard paths.
    expect(preempting).toBeGreaterThan(0);
    expect(throttling).toBeGreaterThan(0);
  });

  it('hard cases: tiny KV cache with heavy preemption, and a hot inlet that throttles', () => {
    const base: Params = {
      seed: 3, model: 'llama-3.1-8b', gpu: 'H100', replicas: 2, rate: 20, promptMedian: 800, outputMedian: 300, sigma: 0.8,
      maxBatch: 64, maxBatchTokens: 2048, memoryReserve: 0.77, powerCap: 0, inletC: 25, horizonS: 120, classes: 2,
    };
    expect(expectSame(base).preemptions).toBeGreaterThan(0);
    expect(expectSame({ ...base, memoryReserve: 0.1, inletC: 58, rate: 30, horizonS: 300 }).throttled).toBeGreaterThan(0);
    expect(expectSame({ ...base, memoryReserve: 0.1, powerCap: 0.6, inletC: 45 }).completions).toBeGreaterThan(0);
  });
});
