import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planFleet } from '../../src/sweep/plan/plan.js';
import { runSweep } from '../../src/sweep/sweep.js';
import { buildSweepResult } from '../../src/sweep/results.js';
import { paretoSpec } from '../../src/sweep/paretoChart.js';
import { planText } from '../../src/cli/commands/plan.js';

/**
 * Plans and sweeps honour the scenario's `expect:` gates (severity fail), evaluated by check's own
 * evaluator. M/M/c with λ = 4/s, μ = 1/s: mean wait 0.554 s (c=5), 0.142 (6), 0.045 (7), 0.0148 (8).
 * The SLO-like constraint (≤ 0.28 s) needs c = 6; the gate (< 25 ms) needs c = 8. Both thresholds
 * sit between two server counts (by a factor ≥ 1.7), so sampling noise cannot flip the answer.
 */
const dir = mkdtempSync(join(tmpdir(), 'fleetsim-gates-'));
function scenario(name: string, expectLines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, [
    `name: ${name}`, 'seed: 7', 'replications: 2', 'drain: true', 'window: 1h',
    'workload:', '  customers: { rate: 4/s, count: 4000 }',
    'fleet:', '  pools:', '    - { name: servers, service: exponential(1s), replicas: 5, pricePerReplicaHour: $1/h }',
    'plan:', '  constraints: ["class.customers.queueWait.mean <= 0.28"]', '  maxReplicas: 16',
    ...(expectLines.length ? ['expect:', ...expectLines.map((l) => `  - ${l.startsWith('{') ? l : JSON.stringify(l)}`)] : []),
  ].join('\n') + '\n');
  return file;
}
const LATENCY_GATE = 'mean(queue_wait, class=customers) < 25ms';

describe('plan with expect: gates', () => {
  it('a gate stricter than the SLOs adds replicas and the plan passes it; a cost gate makes the candidate infeasible', async () => {
    const plain = await planFleet({ file: scenario('plain', []), workers: 1 });
    const gated = await planFleet({ file: scenario('gated', [LATENCY_GATE, 'slo_attainment >= 0%']), workers: 1 });
    const p = plain.months[0].best!;
    const g = gated.months[0].best!;
    expect(p.pools[0].replicas).toBe(6);
    expect(p.gates).toEqual([]);
    expect(g.pools[0].replicas).toBe(8);
    expect(g.gates.map((x) => [x.name, x.ok])).toEqual([[LATENCY_GATE, true], ['slo_attainment >= 0%', true]]);
    expect(g.gates[0].value!).toBeLessThan(0.025);
    expect(g.gates[0].margin!).toBeCloseTo((0.025 - g.gates[0].value!) / 0.025, 9);
    const text = planText(gated);
    expect(text).toMatch(/ok {3}gate mean\(queue_wait, class=customers\) < 25ms: class\.customers\.queueWait\.mean = .* \(margin \d+\.\d %\)/);
    expect(text).toMatch(/ok {3}class\.customers\.queueWait\.mean <= 0\.28: .* \(margin \d+\.\d %\)/);

    // A cost ceiling between the cost of 6 and of 8 servers: met by the SLO-sized fleet alone, but not
    // together with the latency gate (more servers only cost more), so that candidate is not feasible.
    const c6 = p.figures['cost.per1kRequests'].mean!;
    const c8 = g.figures['cost.per1kRequests'].mean!;
    expect(c8).toBeGreaterThan(c6);
    const ceiling = `cost_per_1k_requests <= $${((c6 + c8) / 2).toFixed(6)}`;
    const costOnly = await planFleet({ file: scenario('cost', [ceiling]), workers: 1 });
    expect(costOnly.months[0].best!.pools[0].replicas).toBe(6);
    expect(costOnly.months[0].best!.gates[0]).toMatchObject({ name: ceiling, ok: true });
    const both = await planFleet({ file: scenario('both', [LATENCY_GATE, ceiling]), workers: 1 });
    expect(both.months[0].best).toBeNull();
    expect(both.months[0].infeasible).toHaveLength(1);
    expect(both.months[0].infeasible[0].reason).toMatch(/fails gate "cost_per_1k_requests <= \$[\d.]+" at 8 replicas/);
    // A warn gate never changes the plan; it is reported with its margin.
    const warned = (await planFleet({ file: scenario('warned', [`{ gate: "${LATENCY_GATE}", severity: warn }`]), workers: 1 })).months[0].best!;
    expect(warned.pools[0].replicas).toBe(6);
    expect(warned.gates[0]).toMatchObject({ severity: 'warn', ok: false });
    expect(warned.gates[0].margin!).toBeLessThan(0);
  }, 120_000);
});

describe('plan candidates with a cost gate', () => {
  it('a cost ceiling rules out the dearer GPU and leaves the cheaper one as the plan', async () => {
    const base = readFileSync(join(__dirname, 'fixtures/tiny-chat.yaml'), 'utf8');
    const write = (name: string, extra: string) => { const f = join(dir, `${name}.yaml`); writeFileSync(f, base + extra); return f; };
    const free = await planFleet({ file: write('chat-free', ''), gpus: ['H100', 'H200'], maxReplicas: 4, workers: 1 });
    const h100 = free.months[0].best!;
    const h200 = [h100, ...free.months[0].alternatives].find((f) => f.pools[0].gpu === 'H200')!;
    expect(h100.pools[0].gpu).toBe('H100');
    const [a, b] = [h100.figures['cost.per1kRequests'].mean!, h200.figures['cost.per1kRequests'].mean!];
    expect(b).toBeGreaterThan(a);
    const gate = `cost_per_1k_requests <= $${((a + b) / 2).toFixed(6)}`;
    const capped = await planFleet({ file: write('chat-capped', `expect:\n  - "${gate}"\n`), gpus: ['H100', 'H200'], maxReplicas: 4, workers: 1 });
    const m = capped.months[0];
    expect(m.best!.pools.map((p) => [p.gpu, p.replicas])).toEqual(h100.pools.map((p) => [p.gpu, p.replicas]));
    expect(m.best!.gates[0]).toMatchObject({ name: gate, ok: true });
    expect(m.alternatives).toEqual([]);
    expect(m.infeasible).toEqual([{ candidate: expect.stringMatching(/gpu=H200/), reason: expect.stringMatching(/^fails gate "cost_per_1k_requests/) }]);
  }, 120_000);
});

describe('plan: which gate makes a candidate infeasible', () => {
  it('blames the gate that still fails with the most replicas, not one that more replicas would fix', async () => {
    // long-context-gemma with full attention: the SLO gate needs ~12 replicas, the cost gate holds only
    // below ~5, so no fleet meets both; at the top of the search only the cost gate fails.
    const text = readFileSync(join(__dirname, '../../scenarios/long-context-gemma.yaml'), 'utf8').replace('model: gemma-3-27b\n', 'model: gemma-3-27b-full-attention\n');
    const f = join(dir, 'full-attention.yaml');
    writeFileSync(f, text);
    const plan = await planFleet({ file: f, maxReplicas: 32, workers: 1 });
    const reason = plan.months[0].infeasible[0].reason;
    expect(plan.months[0].best).toBeNull();
    expect(reason).toMatch(/^no fleet from \d+ to 32 replicas meets every fail gate: at \d+ "slo_attainment\(rag\) >= 99%", "cost_per_1k_requests <= \$8\.50" fail/);
    expect(reason).toMatch(/at 32 "cost_per_1k_requests <= \$8\.50" still fails/);
    expect(reason).not.toMatch(/at 32 .*slo_attainment/);
  }, 120_000);
});

describe('sweep Pareto front and infeasible runs', () => {
  it('keeps infeasible runs in the table, off the front (unless --pareto-all), greyed in the chart', async () => {
    const file = scenario('sweep', [LATENCY_GATE]);
    const run = await runSweep({ file, sets: ['fleet.pools[0].replicas=5..8'], objectives: ['cost.per1kRequests', 'class.customers.queueWait.mean'], commonSeed: true, workers: 1 });
    expect(run.records.map((r) => r.feasible)).toEqual([false, false, false, true]);
    expect(run.records[2].gates).toEqual([expect.objectContaining({ name: LATENCY_GATE, ok: false, severity: 'fail' })]);
    const r = buildSweepResult(run.header, run.records);
    expect(r.pareto).toEqual(['r0003']);
    expect(r.table.rows).toHaveLength(4);
    expect(r.table.rows.map((row) => row[r.table.columns.indexOf('feasible')])).toEqual(['no', 'no', 'no', 'yes']);
    const all = buildSweepResult(run.header, run.records, { paretoAll: true });
    expect(all.pareto).toEqual(['r0000', 'r0001', 'r0002', 'r0003']);
    const statuses = (x: typeof r) => ((paretoSpec(x)!.data as { values: { id: string; status: string }[] }).values).map((v) => v.status);
    expect(statuses(r)).toEqual(['infeasible', 'infeasible', 'infeasible', 'Pareto front']);
    expect(statuses(all)).toEqual(['infeasible, on the front', 'infeasible, on the front', 'infeasible, on the front', 'Pareto front']);
  }, 120_000);
});
