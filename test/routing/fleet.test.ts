import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';

/**
 * Populations and routing policies in small fleets: two H100 pools of Llama 3.1 8B, one in
 * us-east-1 ($6.88/GPU-h, ~396 g/kWh) and one in eu-north-1 ($7.36/GPU-h, ~25 g/kWh), and users in
 * the US and in Europe.
 */
function fleet(o: { routing?: string; rate?: number; usShare?: string; euShare?: string; euReplicas?: number; usRtt?: string; maxBatch?: number; extra?: string } = {}): string {
  return `
seed: 3
horizon: 10m
populations:
  us: { share: ${o.usShare ?? '100%'}, timezone: -5, rtt: { us-east-1: ${o.usRtt ?? '20ms'}, eu-north-1: 110ms } }
  ${o.euShare ? `eu: { share: ${o.euShare}, timezone: 1, rtt: { us-east-1: 100ms, eu-north-1: 15ms } }` : ''}
workload:
  chat:
    rate: ${o.rate ?? 4}/s
    prompt: 400
    output: 100
    ${o.routing ? `routing: ${o.routing}` : ''}
fleet:
  pools:
    - { name: us, model: llama-3.1-8b, gpu: H100, region: us-east-1, replicas: 1, maxBatch: ${o.maxBatch ?? 256} }
    - { name: eu, model: llama-3.1-8b, gpu: H100, region: eu-north-1, replicas: ${o.euReplicas ?? 1}, maxBatch: ${o.maxBatch ?? 256} }
${o.extra ?? ''}`;
}

const run = (text: string, seed = 1) => runReplication(loadScenarioText(text).resolved, seed).figures;

describe('populations and routing in the fleet', () => {
  it('nearest, cheapest and lowest-carbon send every request to the expected region', () => {
    const nearest = run(fleet({ routing: '{ policy: nearest }' }));
    expect(nearest['pool.us.routed']).toBe(nearest['class.chat.arrived']);
    expect(nearest['pool.eu.routed']).toBe(0);
    const cheapest = run(fleet({ routing: '{ policy: cheapest }' }));
    expect(cheapest['pool.eu.routed']).toBe(0);
    const green = run(fleet({ routing: '{ policy: lowest-carbon }' }));
    expect(green['pool.us.routed']).toBe(0);
    expect(green['pool.eu.routed']).toBe(green['class.chat.arrived']);
    expect(green['class.chat.routing.crossRegionShare']).toBe(1);
  });

  it('least-loaded (the default) spreads the load over both regions', () => {
    const f = run(fleet());
    expect(f['pool.us.routed']).toBeGreaterThan(0.3 * f['class.chat.arrived']);
    expect(f['pool.eu.routed']).toBeGreaterThan(0.3 * f['class.chat.arrived']);
  });

  it('populations are drawn by share: with nearest routing each region takes its population', () => {
    const f = run(fleet({ routing: '{ policy: nearest }', usShare: '70%', euShare: '30%', rate: 10 }));
    const n = f['class.chat.arrived'];
    expect(f['pool.us.routed'] / n).toBeGreaterThan(0.66);
    expect(f['pool.us.routed'] / n).toBeLessThan(0.74);
    expect(f['pool.us.routed'] + f['pool.eu.routed']).toBe(n);
    expect(f['class.chat.routing.crossRegionShare']).toBe(0);
  });

  it('the round-trip time to the serving region shows in TTFT and end-to-end latency', () => {
    const near = run(fleet({ routing: '{ policy: nearest }', usRtt: '0ms' }));
    const far = run(fleet({ routing: '{ policy: nearest }', usRtt: '80ms' }));
    expect(far['class.chat.completed']).toBe(near['class.chat.completed']);
    expect(far['class.chat.ttft.mean'] - near['class.chat.ttft.mean']).toBeCloseTo(0.08, 6);
    expect(far['class.chat.e2e.mean'] - near['class.chat.e2e.mean']).toBeCloseTo(0.08, 6);
    expect(far['class.chat.tpot.mean']).toBeCloseTo(near['class.chat.tpot.mean'], 9);
  });

  it('latency-aware spills over to the next nearest region when the nearest queue grows', () => {
    // Light load: everything stays near; heavy load on one replica: the queue passes 8 and the rest spills.
    const light = run(fleet({ routing: '{ policy: latency-aware }', rate: 2, maxBatch: 8 }));
    expect(light['pool.eu.routed']).toBe(0);
    const heavyNearest = run(fleet({ routing: '{ policy: nearest }', rate: 16, euReplicas: 2, maxBatch: 8 }));
    const heavy = run(fleet({ routing: '{ policy: latency-aware }', rate: 16, euReplicas: 2, maxBatch: 8 }));
    expect(heavyNearest['pool.eu.routed']).toBe(0);
    expect(heavy['pool.eu.routed']).toBeGreaterThan(0.2 * heavy['class.chat.arrived']);
    expect(heavy['pool.us.meanQueue']).toBeLessThan(8.5);
    expect(heavyNearest['pool.us.meanQueue']).toBeGreaterThan(100);
    expect(heavy['class.chat.routing.crossRegionShare']).toBeGreaterThan(0.2);
  });

  it('cross-region payload bytes are counted on the serving pool: (prompt + output) × 4 B per placement', () => {
    const f = run(fleet({ routing: '{ policy: lowest-carbon }' }));
    expect(f['pool.eu.crossRegionBytes']).toBe(f['pool.eu.routed'] * (400 + 100) * 4);
    expect(f['pool.us.crossRegionBytes']).toBeUndefined();
    expect(f['cost.item.cross-region'] ?? 0).toBeGreaterThan(0);
    const home = run(fleet({ routing: '{ policy: nearest }' }));
    expect(home['pool.us.crossRegionBytes']).toBeUndefined();
  });

  it('a population without a round-trip time to any serving region is an error; shares must add up to 100 %', () => {
    expect(() => loadScenarioText(fleet().replace('eu-north-1: 110ms', '').replace('us-east-1: 20ms,', '').replace(/rtt: \{\s*\}/, 'rtt: { ap-south-1: 10ms }'))).toThrow(/round-trip time/);
    expect(() => loadScenarioText(fleet({ usShare: '60%', euShare: '30%' }))).toThrow(/add up to 90.0 %/);
    expect(() => loadScenarioText(fleet().replace('prompt: 400', 'prompt: 400\n    populations: [mars]'))).toThrow(/no population named "mars"/);
  });

  it('without a populations block nothing changes: RTT 0, never cross-region', () => {
    const f = run(fleet().replace(/populations:[\s\S]*?workload:/, 'workload:'));
    expect(f['class.chat.routing.crossRegionShare']).toBeUndefined();
    expect(f['pool.us.crossRegionBytes']).toBeUndefined();
    expect(f['pool.us.routed'] + f['pool.eu.routed']).toBe(f['class.chat.arrived']);
  });
});
