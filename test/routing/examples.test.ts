import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { ROOT } from '../support/cli.js';

/** The case studies' claims hold (scenarios/region-placement.yaml, scenarios/cascade-8b-70b.yaml). */
const text = (name: string) => readFileSync(join(ROOT, 'scenarios', name), 'utf8');
const run = (t: string) => {
  const s = loadScenarioText(t).resolved;
  return runReplication(s, s.seed).figures;
};

describe('example scenarios', () => {
  it('region placement: the split keeps traffic home and cuts the TTFT tail; eu-north-1 is cleaner, us-east-1 cheaper', () => {
    const base = text('region-placement.yaml');
    const variant = (us: number, eu: number) => run(base
      .replace('region: us-east-1, replicas: 2', `region: us-east-1, replicas: ${us}`)
      .replace('region: eu-north-1, replicas: 2', `region: eu-north-1, replicas: ${eu}`));
    const us = variant(4, 0);
    const eu = variant(0, 4);
    const split = run(base);
    expect(split['class.chat.routing.crossRegionShare']).toBe(0);
    expect(us['class.chat.routing.crossRegionShare']).toBeCloseTo(0.4, 1);
    expect(split['class.chat.ttft.p95']).toBeLessThan(us['class.chat.ttft.p95'] - 0.04);
    expect(split['class.chat.ttft.p95']).toBeLessThan(eu['class.chat.ttft.p95'] - 0.04);
    expect(us['cost.total']).toBeLessThan(split['cost.total']);
    expect(split['cost.total']).toBeLessThan(eu['cost.total']);
    expect(eu['carbon.kg'] * 10).toBeLessThan(us['carbon.kg']);
  });

  it('cascade: ~30 % escalated; fewer successful outcomes but a lower cost per successful outcome than the 70B alone', () => {
    const f = run(text('cascade-8b-70b.yaml'));
    expect(f['class.cascade.escalatedShare']).toBeGreaterThan(0.27);
    expect(f['class.cascade.escalatedShare']).toBeLessThan(0.33);
    expect(f['class.cascade.successfulOutcomes']).toBeLessThan(f['class.direct.successfulOutcomes']);
    const per = (c: string) => f[`class.${c}.cost`] / f[`class.${c}.successfulOutcomes`];
    expect(per('cascade')).toBeLessThan(0.75 * per('direct'));
  });
});
