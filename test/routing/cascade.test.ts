import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';

/** Cascades (Llama 3.1 8B, then 70B) and answer quality. */
function cascade(o: { escalate?: string; rate?: number; seed?: number; spot?: string; autoscale?: string; drain?: boolean; horizon?: string; slo?: string } = {}): string {
  return `
seed: ${o.seed ?? 5}
horizon: ${o.horizon ?? '10m'}
drain: ${o.drain ?? true}
workload:
  chat:
    rate: ${o.rate ?? 6}/s
    prompt: { dist: lognormal, median: 500, sigma: 0.6, max: 4000 }
    output: { dist: lognormal, median: 150, sigma: 0.6, max: 1000 }
    slo: ${o.slo ?? '{ e2e: 60s }'}
    cascade: { stages: [small, large], escalate: ${o.escalate ?? '30%'} }
    quality: { small: 85%, large: 95% }
fleet:
  pools:
    - { name: small, model: llama-3.1-8b, gpu: H100, replicas: 1 ${o.spot ?? ''} }
    - { name: large, model: llama-3.1-70b, gpu: H100, tp: 4, replicas: 1 ${o.autoscale ?? ''} }
`;
}

const run = (text: string, seed = 1) => runReplication(loadScenarioText(text).resolved, seed);

describe('model cascades and quality', () => {
  it('the escalated share matches the configured one; every request starts at stage 1', () => {
    const f = run(cascade()).figures;
    const done = f['class.chat.completed'];
    expect(done).toBeGreaterThan(3000);
    expect(f['class.chat.escalatedShare']).toBeGreaterThan(0.27);
    expect(f['class.chat.escalatedShare']).toBeLessThan(0.33);
    expect(f['pool.small.routed']).toBe(f['class.chat.arrived']);
    expect(f['pool.large.routed']).toBe(f['class.chat.escalated']);
  });

  it('successful outcomes ≤ completions and ≈ quality × within-SLO; cost and tokens per successful outcome use them', () => {
    const f = run(cascade()).figures;
    const done = f['class.chat.completed'];
    const ok = f['class.chat.successfulOutcomes'];
    expect(ok).toBeLessThanOrEqual(done);
    const e = f['class.chat.escalatedShare'];
    const expected = (1 - e) * 0.85 + e * 0.95;
    expect(f['class.chat.qualitySuccess']).toBeGreaterThan(expected - 0.02);
    expect(f['class.chat.qualitySuccess']).toBeLessThan(expected + 0.02);
    expect(ok / done).toBeCloseTo(f['class.chat.qualitySuccess'] * f['class.chat.sloAttainment'], 1);
    expect(f['cost.perSuccessfulOutcome']).toBeCloseTo(f['cost.total'] / ok, 9);
    expect(f['tokens.perSuccessfulOutcome']).toBeCloseTo((f['tokens.in'] + f['tokens.out']) / ok, 9);
    // A tight SLO: fewer successful outcomes, never more than within-SLO completions.
    const tight = run(cascade({ slo: '{ e2e: 2s }' })).figures;
    expect(tight['class.chat.successfulOutcomes']).toBeLessThanOrEqual(tight['class.chat.sloAttainment'] * tight['class.chat.completed'] + 1e-9);
    expect(tight['class.chat.successfulOutcomes']).toBeLessThan(ok);
  });

  it('an escalated request keeps its arrival: its latency counts from it and its first token is the final stage\'s', () => {
    const none = run(cascade({ escalate: '0%', rate: 2 })).figures;
    const all = run(cascade({ escalate: '100%', rate: 2 })).figures;
    expect(all['class.chat.escalatedShare']).toBe(1);
    // Stage 1 sees the same requests in both runs: the final TTFT comes after stage 1 finished.
    expect(all['class.chat.ttft.mean']).toBeGreaterThan(none['class.chat.e2e.mean']);
    expect(all['class.chat.e2e.mean']).toBeGreaterThan(none['class.chat.e2e.mean'] + all['class.chat.tpot.mean'] * 100);
  });

  it('property: no request is lost with cascades, spot reclaims and autoscaling (arrived = completed + dropped + in flight)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 500 }), rate: fc.double({ min: 0.5, max: 10, noNaN: true }),
          escalate: fc.integer({ min: 0, max: 100 }), drain: fc.boolean(),
        }),
        (p) => {
          const out = run(cascade({
            seed: p.seed, rate: p.rate, escalate: `${p.escalate}%`, drain: p.drain, horizon: '4m',
            spot: ', spot: { share: 1, preemptionRate: 40/h, notice: 5s, discount: 60% }, coldStart: { provision: 10s, imagePull: 5s, loadBandwidth: 8GB/s }',
            autoscale: ', autoscale: { min: 0, max: 2, metric: concurrency, target: 4, interval: 15s, upCooldown: 15s, downCooldown: 30s, idleTimeout: 30s }, coldStart: { provision: 10s, imagePull: 5s, loadBandwidth: 8GB/s }',
          }), p.seed);
          const c = out.classes[0];
          expect(c.all.arrived).toBe(c.all.completed + c.all.dropped + out.inFlightAll);
          if (p.drain) expect(out.inFlightAll).toBe(0);
          expect(out.figures['class.chat.successfulOutcomes']).toBeLessThanOrEqual(out.figures['class.chat.completed']);
        },
      ),
      { numRuns: 12, seed: 11 },
    );
  });

  it('validation: stages name LLM pools, once each; quality names pools of the class', () => {
    expect(() => loadScenarioText(cascade().replace('[small, large]', '[small, small]'))).toThrow(/two cascade stages/);
    expect(() => loadScenarioText(cascade().replace('[small, large]', '[small, huge]'))).toThrow(/no pool named "huge"/);
    expect(() => loadScenarioText(cascade().replace('large: 95%', 'medium: 95%'))).toThrow(/no pool named "medium"/);
  });
  it('a later stage and a retried request see the same prefix: the next pool\'s cache can hold the system prompt and history', () => {
    const text = (escalate: string) => `
seed: 3
horizon: 10m
drain: true
workload:
  chat:
    rate: 1/s
    system: 2048
    prompt: { dist: lognormal, median: 100, sigma: 0.5, max: 1000 }
    output: { dist: lognormal, median: 80, sigma: 0.5, max: 400 }
    session: { turns: { dist: uniform, min: 2, max: 4 }, think: 5s }
    cache: { prefix: true }
    cascade: { stages: [small, large], escalate: ${escalate} }
fleet:
  pools:
    - { name: small, model: llama-3.1-8b, gpu: H100, replicas: 1 }
    - { name: large, model: llama-3.1-70b, gpu: H100, tp: 4, replicas: 1 }
`;
    const one = run(text('0%')).figures;
    const both = run(text('100%')).figures;
    expect(both['pool.large.routed']).toBe(both['class.chat.arrived']);
    // Every request is prefilled twice; the large pool's cache holds the system prompt after its first
    // request and the session history after a session's first turn, just as the small pool's does.
    expect(both['class.chat.prefixCachedTokens'] / one['class.chat.prefixCachedTokens']).toBeGreaterThan(1.9);
    expect(both['class.chat.prefixHitRate']).toBeCloseTo(one['class.chat.prefixHitRate'], 1);
    // The 2,048-token system prompt alone is most of each prompt, at both stages.
    expect(both['class.chat.prefixHitRate']).toBeGreaterThan(0.5);
  });
});
