import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { simulate } from '../../src/simulate/simulate.js';
import { UserError } from '../../src/errors.js';
import { runCli, tempDir } from '../support/cli.js';
import { afterAll } from 'vitest';
import { scenarioYaml } from './scenarios.js';

/** Numerical edge cases: each is valid with a sensible result or rejected with a clear message. */
const run = (yaml: string) => simulate(loadScenarioText(yaml).resolved);
const tmp = tempDir('fleetsim-numeric-');
afterAll(() => tmp.cleanup());

describe('numerical robustness', () => {
  it('a zero-rate class is valid: no arrivals, latency figures null, the fleet still costs money', () => {
    const r = run(scenarioYaml({ rate: '0/s' }));
    expect(r.classes[0].all.arrived).toBe(0);
    expect(r.summary['class.chat.ttft.p95'].mean).toBeNull();
    expect(r.summary['cost.per1kRequests'].mean).toBeNull(); // undefined per request, not Infinity
    expect(r.summary['cost.total'].mean).toBeGreaterThan(0);
    expect(/NaN|Infinity/.test(JSON.stringify(r.summary))).toBe(false); // undefined figures are null
    expect(r.money['cost.per1kRequests'].amount).toBe('NaN'); // money strings say NaN (simulate.ts contract)
  });

  it('output: 0 is kept (no clamp): requests complete after prefill, TTFT defined, TPOT null', () => {
    const r = run(scenarioYaml({ output: '0' }));
    const c = r.classes[0];
    expect(c.completed).toBeGreaterThan(0);
    expect(c.completed).toBe(c.arrived);
    expect(r.summary['class.chat.ttft.p95'].mean).toBeGreaterThan(0);
    expect(r.summary['class.chat.tpot.p95'].mean).toBeNull();
  });

  it('a pool of zero replicas is valid: every request is dropped (no-replicas), a warning says so, the pool costs zero', () => {
    const r = run(scenarioYaml({ replicas: 0 }));
    const c = r.classes[0];
    expect(c.completed).toBe(0);
    expect(c.dropped['no-replicas']).toBe(c.arrived);
    expect(c.arrived).toBeGreaterThan(0);
    expect(r.warnings.join('\n')).toMatch(/0 replicas/);
    expect(r.summary['pool.p.cost'].mean).toBe(0);
  });

  it('negative replicas, rates and outputs are rejected naming the field', () => {
    for (const [o, field] of [[{ replicas: -1 }, 'replicas'], [{ rate: '-5/s' }, 'rate'], [{ output: '-1' }, 'output'], [{ rate: 'NaN/s' }, 'rate'], [{ horizon: '1e400s' }, 'horizon']] as const) {
      expect(() => loadScenarioText(scenarioYaml(o))).toThrow(UserError);
      expect(() => loadScenarioText(scenarioYaml(o))).toThrow(new RegExp(field));
    }
  });

  it('a GPU too small for the model is rejected with the memory arithmetic and a TP hint (exit 2)', async () => {
    expect(() => loadScenarioText(scenarioYaml({ model: 'llama-3.1-405b', gpu: 'L4' }))).toThrow(/does not fit on 1 × L4.*Try TP/);
    const r = await runCli('validate', tmp.write('small-gpu.yaml', scenarioYaml({ model: 'llama-3.1-405b', gpu: 'L4' })));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fleet\.pools\[0\]/);
  });

  it('a horizon shorter than (or equal to) the warm-up is rejected naming both', () => {
    expect(() => loadScenarioText(scenarioYaml({ horizon: '30s', warmup: '1m' }))).toThrow(/warm-up \(60 s\) must be shorter than the horizon \(30 s\)/);
    expect(() => loadScenarioText(scenarioYaml({ horizon: '1m', warmup: '1m' }))).toThrow(UserError);
  });

  it('prices of zero are valid: the pool costs exactly zero, every money figure finite and ≥ 0', () => {
    const r = run(scenarioYaml({ price: '$0/h', extra: '' }).replace('gpuPrices: { H100: $0/h }', 'gpuPrices: { H100: $0/h }, electricityPrice: $0/kWh'));
    // GPUs and electricity are free; what remains (e.g. network egress from the region catalog) is tiny and finite.
    expect(r.summary['pool.p.cost'].mean).toBe(0);
    expect(r.summary['cost.total'].mean).toBeLessThan(0.01);
    for (const [k, m] of Object.entries(r.money)) expect(Number.isFinite(Number(m.amount)) && Number(m.amount) >= 0, k).toBe(true);
  });
});
