import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { simulate } from '../../src/simulate/simulate.js';

/**
 * Fleet lifecycle invariants: no request is lost under spot reclaims or scale-down; a replica never
 * serves before its cold start ends; a region never exceeds its GPU capacity or (refuse) power
 * budget; a fleet that serves nothing still pays for its warm pool; both engine modes agree.
 */

interface P {
  seed: number;
  rate: number;
  replicas: number;
  max: number;
  spotShare: number;
  spotRate: number;
  notice: number;
  drain: boolean;
  budgetKw: number;
}

function text(p: P, fidelity = 'analytic'): string {
  return `
seed: ${p.seed}
horizon: 20m
drain: ${p.drain}
fidelity: ${fidelity}
workload:
  chat:
    rate: ${p.rate}/s
    profile: { multipliers: [0.2, 1, 3, 0.5], window: 5m }
    prompt: { dist: lognormal, median: 400, sigma: 0.8, max: 4000 }
    output: { dist: lognormal, median: 120, sigma: 0.8, max: 1500 }
fleet:
  pools:
    - name: p
      model: llama-3.1-8b
      gpu: H100
      replicas: ${p.replicas}
      region: us-east-1
      autoscale: { min: 0, max: ${p.max}, metric: concurrency, target: 8, interval: 20s, upCooldown: 20s, downCooldown: 1m, idleTimeout: 2m }
      coldStart: { provision: 20s, imagePull: 5s, loadBandwidth: 4GB/s }
      ${p.spotShare > 0 ? `spot: { share: ${p.spotShare}, preemptionRate: ${p.spotRate}/h, notice: ${p.notice}s }` : ''}
${p.budgetKw > 0 ? `regions:
  us-east-1:
    powerBudget: { limit: ${p.budgetKw}kW, action: cap, interval: 30s }` : ''}
`;
}

const arb = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  rate: fc.double({ min: 0.5, max: 12, noNaN: true }),
  replicas: fc.integer({ min: 0, max: 3 }),
  max: fc.integer({ min: 1, max: 5 }),
  spotShare: fc.constantFrom(0, 0.5, 1),
  spotRate: fc.double({ min: 1, max: 30, noNaN: true }),
  notice: fc.integer({ min: 0, max: 30 }),
  drain: fc.boolean(),
  budgetKw: fc.constantFrom(0, 0, 1, 2.5),
});

describe('fleet lifecycle', () => {
  it('property: no request is lost under spot reclaims and scale-down (arrived = completed + dropped + in flight)', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const { resolved } = loadScenarioText(text(p));
        const out = runReplication(resolved, p.seed);
        for (const c of out.classes) {
          expect(c.all.arrived).toBe(c.all.completed + c.all.dropped + (out.inFlightAll));
          if (p.drain) expect(out.inFlightAll).toBe(0);
        }
        expect(out.figures['pool.p.replicasPeak']).toBeLessThanOrEqual(Math.max(p.max, p.replicas));
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it('property: analytic and iteration modes agree under autoscaling and spot reclaims', () => {
    fc.assert(
      fc.property(arb, (p) => {
        const a = runReplication(loadScenarioText(text(p, 'analytic')).resolved, p.seed).figures;
        const b = runReplication(loadScenarioText(text(p, 'iteration')).resolved, p.seed).figures;
        for (const k of Object.keys(a)) {
          const x = a[k];
          const y = b[k];
          if (Number.isNaN(x)) expect(Number.isNaN(y), k).toBe(true);
          else expect(Math.abs(x - y), k).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x)));
        }
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it('a replica never serves before its cold start ends (provision + image + weights / bandwidth)', () => {
    const { resolved } = loadScenarioText(`
horizon: 10m
workload:
  chat: { rate: 5/s, prompt: 500, output: 50 }
fleet:
  pools:
    - { name: p, model: llama-3.1-8b, gpu: H100, replicas: 2, startCold: true, coldStart: { provision: 60s, imagePull: 30s, loadBandwidth: 2GB/s } }
`);
    const pool = resolved.pools[0];
    if (pool.kind !== 'llm') throw new Error('llm pool expected');
    const ready = 90 + pool.perf.weightBytes / 2e9;
    let first = Infinity;
    runReplication(resolved, 1, { onComplete: (_c, _a, t) => (first = Math.min(first, t)) });
    expect(first).toBeGreaterThan(ready);
    const r = simulate(resolved);
    // Requests that arrived at t≈0 waited for the cold start: it shows in TTFT.
    expect(r.summary['class.chat.ttft.max'].mean!).toBeGreaterThan(ready - 1);
  });

  it('a region never exceeds its GPU capacity or its power budget (refuse)', () => {
    const base = (region: string) => `
horizon: 30m
workload:
  chat: { rate: 60/s, prompt: 2000, output: 300 }
fleet:
  pools:
    - name: p
      model: llama-3.1-8b
      gpu: H100
      replicas: 1
      region: r1
      autoscale: { min: 1, max: 20, metric: concurrency, target: 4, interval: 15s, upCooldown: 0s }
      coldStart: { provision: 10s, imagePull: 0s }
regions:
  r1:
    gpuPrices: { H100: $4/h }
${region}`;
    const cap = simulate(loadScenarioText(base('    capacityGpus: { H100: 5 }')).resolved);
    expect(cap.summary['pool.p.replicasPeak'].mean).toBe(5);
    expect(cap.summary['pool.p.refusedScaleUps'].mean!).toBeGreaterThan(0);
    const pb = simulate(loadScenarioText(base('    powerBudget: { limit: 8kW, action: refuse }')).resolved);
    const pool = loadScenarioText(base('')).resolved.pools[0];
    if (pool.kind !== 'llm') throw new Error('llm pool expected');
    const worst = pool.perf.gpu.tdpW + 1000; // upper bound of one replica's host share + GPU (1 GPU of 8 per node)
    expect(pb.summary['pool.p.replicasPeak'].mean!).toBeLessThanOrEqual(Math.floor(8000 / (worst - 1000 + 0)));
    expect(pb.summary['power.peakW'].mean!).toBeLessThanOrEqual(8000);
  });

  it('a fleet that serves nothing still pays for its warm pool', () => {
    const r = simulate(loadScenarioText(`
horizon: 1h
workload:
  chat: { rate: 0/s, prompt: 10, output: 10 }
fleet:
  pools:
    - { name: p, model: llama-3.1-8b, gpu: H100, replicas: 3, pricePerGpuHour: $2/h }
`).resolved);
    expect(r.summary['pool.p.cost'].mean).toBeCloseTo(6, 9);
    expect(r.summary['pool.p.replicaSeconds.idle'].mean).toBeCloseTo(3 * 3600, 6);
  });

  it('scale-to-zero releases an idle pool and a request to a cold pool waits for the cold start', () => {
    const r = simulate(loadScenarioText(`
horizon: 2h
warmup: 0s
workload:
  chat:
    rate: 0.05/s
    profile: { multipliers: [1, 0, 0, 1], window: 30m }
    prompt: 200
    output: 20
fleet:
  pools:
    - name: p
      model: llama-3.1-8b
      gpu: H100
      replicas: 1
      autoscale: { min: 0, max: 2, target: 50%, interval: 30s, idleTimeout: 10m, downCooldown: 1m }
      coldStart: { provision: 60s, imagePull: 0s, loadBandwidth: 4GB/s }
`).resolved);
    expect(r.summary['pool.p.scaleDowns'].mean!).toBeGreaterThanOrEqual(1);
    expect(r.summary['pool.p.replicas'].mean!).toBeLessThan(0.9);
    expect(r.summary['class.chat.ttft.max'].mean!).toBeGreaterThan(60);
    expect(r.classes[0].all.completed + r.classes[0].all.inFlight).toBe(r.classes[0].all.arrived);
  });
});
