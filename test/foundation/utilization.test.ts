/**
 * Busy fraction (`pool.<name>.busyFraction`, `fleet.busyFraction`) = the share of provisioned time a
 * replica runs a batch iteration (what nvidia-smi and DCGM call GPU utilization). At low load
 * requests rarely overlap, so it must be close to λ × (mean time a request spends on the replica).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';

const lowLoad = (rate: string) => `
horizon: 2h
workload:
  c:
    rate: ${rate}
    prompt: 500
    output: 50
fleet:
  pools:
    - name: p
      model: llama-3.1-8b
      gpu: H100
      replicas: 1
`;

describe('GPU busy fraction', () => {
  it('is within (0, 1] and rises with load', () => {
    const u = ['0.1/s', '1/s', '10/s'].map((r) => runReplication(loadScenarioText(lowLoad(r)).resolved, 1).figures['pool.p.busyFraction']);
    for (const x of u) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    expect(u[1]).toBeGreaterThanOrEqual(u[0]);
    expect(u[2]).toBeGreaterThanOrEqual(u[1]);
  });

  // Regression: an idle replica that receives a request must integrate its idle gap as idle before
  // turning busy (Replica.enqueue calls accumulate(now) first). Without it the busy fraction read
  // ~98 % at 0.1 req/s instead of ~3.4 %, and GPU energy was ~5× too high.
  it('at 0.1 req/s equals λ × mean time on the replica (within 10 %)', () => {
    const o = runReplication(loadScenarioText(lowLoad('0.1/s')).resolved, 1);
    const expected = 0.1 * o.figures['class.c.e2e.mean'];
    expect(o.figures['pool.p.busyFraction'] / expected).toBeGreaterThan(0.9);
    expect(o.figures['pool.p.busyFraction'] / expected).toBeLessThan(1.1);
  });
});
