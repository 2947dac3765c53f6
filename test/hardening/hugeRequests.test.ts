/**
 * Requests far larger than any KV cache — a sampling tail, a runaway agent history — are dropped as
 * too large, never wrapped around in the Int32 token counts nor expanded into millions of prefix blocks
 * (found by the scenario fuzzer: an agent prompt median of 1.3 × 10⁹ tokens exhausted a Map).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';

const scenario = (workload: string) => `
seed: 3
horizon: 10m
workload:
${workload}
fleet:
  pools:
    - { name: p, model: llama-3.1-70b, gpu: H100, tp: 4, replicas: 2 }
`;

function run(workload: string) {
  const s = loadScenarioText(scenario(workload)).resolved;
  return runReplication(s, s.seed, { maxEvents: 2_000_000 });
}

describe('requests beyond any KV cache', () => {
  it('a prompt past 2³¹ tokens is dropped as too large, not wrapped to a small one that fits', () => {
    const out = run('  chat: { rate: 1/s, prompt: 3000000000, output: 100 }');
    const f = out.figures;
    expect(f['class.chat.completed']).toBe(0);
    expect(f['class.chat.dropped']).toBe(f['class.chat.arrived']);
    expect(f['class.chat.arrived']).toBeGreaterThan(400);
  });

  it('an agent whose prompts are billions of tokens simulates quickly and drops every call', () => {
    const out = run(`  agent:
    kind: agent
    rate: 0.5/s
    system: 2000
    prompt: { dist: lognormal, median: 1304033719, sigma: 0.6 }
    output: { dist: lognormal, median: 150, sigma: 0.8, max: 2000 }
    agent: { steps: { dist: uniform, min: 3, max: 12 }, fanout: { dist: uniform, min: 1, max: 4 }, tool: 3s, bound: 3m }`);
    expect(out.figures['class.agent.completed']).toBe(0);
    expect(out.figures['class.agent.dropped']).toBeGreaterThan(0);
  });
});
