/** The ledger of whole (small) runs: it reconciles with the replica-seconds the pools paid. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { simulate } from '../../src/simulate/simulate.js';
import type { LedgerRow } from '../../src/economics/ledger.js';
import { MONTH_S } from '../../src/economics/prices.js';
import type { ResolvedLlmPool } from '../../src/scenario/resolve.js';

const H100 = 3.6; // $/GPU-h in these scenarios
const sum = (rows: readonly LedgerRow[]) => rows.reduce((a, r) => a + r.usd, 0);

function run(text: string, seed = 7) {
  const s = loadScenarioText(text).resolved;
  const out = runReplication(s, seed);
  return { s, out, f: out.figures, rows: out.ledger.rows };
}

const twoRegions = (warmup: string) => `
horizon: 8m
warmup: ${warmup}
workload:
  chat: { rate: 4/s, prompt: 300, output: 60, cohort: paid, slo: { ttft: 2s } }
  bulk: { rate: 1/s, prompt: 800, output: 120, kind: batch, cohort: free }
observability: { bytesPerRequest: 4KB, sampling: 25%, pricePerGB: $0.50/GB, retention: 30d, storagePerGBMonth: $0.03/GB }
fleet:
  pools:
    - { name: east, model: llama-3.1-8b, gpu: H100, replicas: 2, region: us-east-1, spot: { share: 50%, preemptionRate: 0, discount: 60% } }
    - { name: north, model: llama-3.1-8b, gpu: H100, replicas: 1, region: eu-north-1 }
regions:
  us-east-1: { gpuPrices: { H100: $${H100}/h }, egressPerGB: $0.09/GB }
  eu-north-1: { gpuPrices: { H100: $${H100}/h }, egressPerGB: $0.09/GB }
`;

describe('cost ledger of a run', () => {
  it('the layers add up to cost.total, and so do the classes and the cohorts', () => {
    const { f, rows } = run(twoRegions('2m'));
    const layers = ['compute', 'memory', 'network', 'orchestration'].map((l) => f[`cost.layer.${l}`]);
    expect(layers.every((v) => v > 0)).toBe(true);
    expect(layers.reduce((a, b) => a + b, 0)).toBeCloseTo(f['cost.total'], 9);
    expect(sum(rows)).toBeCloseTo(f['cost.total'], 9);
    expect(f['cost.unattributed']).toBe(0);
    expect(f['class.chat.cost'] + f['class.bulk.cost']).toBeCloseTo(f['cost.total'], 9);
    expect(f['cohort.paid.cost'] + f['cohort.free.cost']).toBeCloseTo(f['cost.total'], 9);
    expect(f['cost.per1kRequests']).toBeCloseTo((f['cost.total'] / f['requests.completed']) * 1000, 9);
    expect(f['energy.perSuccessfulOutcomeJ']).toBeGreaterThan(0);
    expect(f['carbon.perSuccessfulOutcomeKg']).toBeGreaterThan(0);
  });

  it('after a warm-up, replica rows per pool equal the pool cost of the measurement window', () => {
    const { s, f, rows } = run(twoRegions('2m'));
    for (const p of s.pools) {
      const replica = rows.filter((r) => r.pool === p.name && (r.unit === 'gpu-s' || r.item === 'billing-minimum'));
      expect(sum(replica), p.name).toBeCloseTo(f[`pool.${p.name}.cost`], 9);
    }
  });

  it('replica-seconds × price reconciles with the ledger for every region, on-demand and spot', () => {
    const { s, f, rows } = run(twoRegions('0s'));
    for (const p of s.pools as ResolvedLlmPool[]) {
      const k = `pool.${p.name}.replicaSeconds`;
      const provisioned = ['provisioning', 'loading', 'serving', 'draining'].reduce((a, st) => a + f[`${k}.${st}`], 0);
      const spotS = f[`pool.${p.name}.spot.replicaSeconds`] ?? 0;
      const mine = rows.filter((r) => r.region === p.region.name && r.unit === 'gpu-s');
      expect(sum(mine.filter((r) => r.pricing === 'on-demand')), p.name).toBeCloseTo((provisioned - spotS) * p.gpusPerReplica * (H100 / 3600), 9);
      expect(sum(mine.filter((r) => r.pricing === 'spot')), p.name).toBeCloseTo(spotS * p.gpusPerReplica * (p.spot?.usdPerGpuSecond ?? 0), 9);
      if (p.spot) expect(spotS).toBeGreaterThan(0);
    }
  });

  it('egress cost = bytes × price; observability = requests × bytes × sampling × price (+ retention)', () => {
    const { f, rows } = run(twoRegions('0s') + 'drain: true\n');
    const egress = rows.filter((r) => r.item === 'egress');
    expect(egress.reduce((a, r) => a + r.quantity, 0)).toBe(4 * f['tokens.out']); // 4 bytes per output token
    expect(f['cost.item.egress']).toBeCloseTo(4 * f['tokens.out'] * 0.09e-9, 15);
    const bytes = f['requests.completed'] * 4000 * 0.25;
    expect(f['cost.item.observability']).toBeCloseTo(bytes * 0.5e-9, 15);
    expect(f['cost.item.observability-storage']).toBeCloseTo(bytes * ((30 * 86400) / MONTH_S) * 0.03e-9, 15);
    expect(rows.filter((r) => r.item.startsWith('observability')).every((r) => r.layer === 'orchestration')).toBe(true);
  });

  it('a fleet that serves nothing still pays for its warm pool: every replica-second is idle-warm', () => {
    const { f, rows } = run(`
horizon: 10m
warmup: 1m
workload: { chat: { rate: 0/s, prompt: 100, output: 10 } }
fleet: { pools: [ { name: p, model: llama-3.1-8b, gpu: H100, tp: 2, replicas: 2 } ] }
regions: { us-east-1: { gpuPrices: { H100: $${H100}/h } } }
`);
    const expected = 2 * 2 * 540 * (H100 / 3600);
    expect(f['cost.warmPoolWaste']).toBeCloseTo(expected, 9);
    expect(f['cost.layer.orchestration']).toBeCloseTo(expected, 9);
    expect(f['cost.layer.compute']).toBe(0);
    expect(rows.filter((r) => r.unit === 'gpu-s').every((r) => r.item === 'idle-warm')).toBe(true);
    expect(f['cost.layer.memory']).toBe(f['cost.item.weight-storage']);
    expect(f['cost.unattributed']).toBeCloseTo(f['cost.total'], 12);
    expect(f['cost.per1kRequests']).toBeNaN();
  });

  it("an autoscaled pool's provisioning and loading time shows as autoscaling lag", () => {
    const { s, f } = run(`
horizon: 20m
workload: { chat: { rate: 30/s, prompt: 1500, output: 200 } }
fleet:
  pools:
    - name: p
      model: llama-3.1-8b
      gpu: H100
      replicas: 1
      autoscale: { min: 1, max: 3, metric: concurrency, target: 8, interval: 30s, upCooldown: 30s }
regions: { us-east-1: { gpuPrices: { H100: $${H100}/h } } }
`);
    expect(f['pool.p.scaleUps']).toBeGreaterThan(0);
    const lagS = f['pool.p.replicaSeconds.provisioning'] + f['pool.p.replicaSeconds.loading'];
    expect(lagS).toBeGreaterThan(0);
    expect(f['cost.autoscalingLag']).toBeCloseTo(lagS * (H100 / 3600), 9);
    expect(f['cost.autoscalingLag']).toBeCloseTo(f['cost.item.provisioning'] + f['cost.item.loading'], 12);
    const p = s.pools[0] as ResolvedLlmPool;
    expect(f['cost.item.provisioning'] / f['cost.item.loading']).toBeCloseTo(p.coldStart.provisionS / p.coldStart.loadS, 1);
  });

  it('result.json carries the ledger: rows as means across replications, money as decimal strings', () => {
    const r = simulate({ ...loadScenarioText(twoRegions('1m')).resolved, replications: 2 });
    expect(r.ledger.currency).toBe('USD');
    expect(Number(r.ledger.total.amount)).toBeCloseTo(r.summary['cost.total'].mean!, 5);
    for (const l of ['compute', 'memory', 'network', 'orchestration'] as const) {
      expect(Number(r.ledger.layers[l].amount)).toBeCloseTo(r.summary[`cost.layer.${l}`].mean!, 5);
    }
    expect(r.ledger.rows.every((x) => /^\d+\.\d{6}$/.test(x.cost.amount) && x.cost.currency === 'USD')).toBe(true);
    expect(r.money['class.chat.cost'].amount).toMatch(/^\d+\.\d{6}$/);
  });
});
