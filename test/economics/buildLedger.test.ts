/** The ledger's accounting rules on synthetic counters (pure, no simulation). */
import { describe, expect, it } from 'vitest';
import { buildLedger, type LedgerInput, type LedgerLlmPool } from '../../src/economics/ledger.js';
import { zeroCounters, type PoolCounters } from '../../src/economics/poolCounters.js';
import { MONTH_S, WEIGHT_STORAGE_USD_PER_BYTE_SECOND } from '../../src/economics/prices.js';

const region = { name: 'r1', egressUsdPerByte: 1e-10, crossRegionUsdPerByte: 2e-11 };
const pool = (counters: Partial<PoolCounters>, over: Partial<LedgerLlmPool> = {}): LedgerLlmPool => ({
  name: 'p', region, gpu: 'H100', model: 'm', gpusPerReplica: 2, usdPerGpuSecond: 0.001, spotUsdPerGpuSecond: 0.0004, weightBytes: 1e10,
  counters: { ...zeroCounters(2), ...counters }, ...over,
});
const input = (pools: LedgerLlmPool[], over: Partial<LedgerInput> = {}): LedgerInput => ({
  measuredS: 1000,
  classes: [{ name: 'a', cohort: 'paid', completed: 30 }, { name: 'b', cohort: undefined, completed: 10 }],
  llmPools: pools, servicePools: [], observability: undefined, ...over,
});
const sum = (rows: readonly { usd: number }[]) => rows.reduce((a, r) => a + r.usd, 0);

describe('buildLedger', () => {
  // 1000 s on demand: 100 s provisioning, 50 loading, 800 serving (300 busy, 120 of it compute-bound), 50 draining.
  // 500 s on spot, serving, 200 busy (50 compute-bound). Draining replicas are busy: served busy = 500 − 50 = 450.
  const c: Partial<PoolCounters> = {
    provisioningS: 100, loadingS: 50, servingS: 1300, drainingS: 50, onDemandS: 1000, spotS: 500,
    busyOnDemandS: 300, busySpotS: 200, computeOnDemandS: 120, computeSpotS: 50, billingTopUpOnDemandUsd: 0.03, billingTopUpSpotUsd: 0.02,
    classTokens: [300, 100], egressBytes: 1e6, crossRegionBytes: 1e5,
  };
  const l = buildLedger(input([pool(c)]));
  const item = (i: string, pricing?: string) => sum(l.rows.filter((r) => r.item === i && (pricing === undefined || r.pricing === pricing)));

  it('pays every provisioned replica-second once, at its tier price, plus the billing top-up', () => {
    const replica = l.rows.filter((r) => r.unit === 'gpu-s');
    expect(sum(replica.filter((r) => r.pricing === 'on-demand'))).toBeCloseTo(1000 * 2 * 0.001, 12);
    expect(sum(replica.filter((r) => r.pricing === 'spot'))).toBeCloseTo(500 * 2 * 0.0004, 12);
    expect(replica.reduce((a, r) => a + r.quantity, 0)).toBeCloseTo(1500 * 2, 9);
    expect(item('billing-minimum')).toBeCloseTo(0.05, 12);
    // Each tier's top-up carries its pricing, so FOCUS and the pricing slice see spot and on-demand apart.
    expect(item('billing-minimum', 'on-demand')).toBeCloseTo(0.03, 12);
    expect(item('billing-minimum', 'spot')).toBeCloseTo(0.02, 12);
  });

  it('splits served busy time compute/memory by compute-bound time; idle, lifecycle and draining go to orchestration', () => {
    const f = 450 / 500;
    expect(item('busy-compute', 'on-demand')).toBeCloseTo(120 * f * 2 * 0.001, 12);
    expect(item('busy-memory', 'on-demand')).toBeCloseTo((300 - 120) * f * 2 * 0.001, 12);
    expect(item('busy-compute', 'spot')).toBeCloseTo(50 * f * 2 * 0.0004, 12);
    const gpuS = (i: string) => l.rows.filter((r) => r.item === i).reduce((a, r) => a + r.quantity, 0);
    expect(gpuS('idle-warm')).toBeCloseTo((1300 - 450) * 2, 9);
    expect(gpuS('provisioning')).toBeCloseTo(200, 9);
    expect(gpuS('loading')).toBeCloseTo(100, 9);
    expect(gpuS('draining')).toBeCloseTo(100, 9);
    for (const i of ['idle-warm', 'provisioning', 'loading', 'draining', 'billing-minimum']) expect(l.rows.filter((r) => r.item === i).every((r) => r.layer === 'orchestration')).toBe(true);
  });

  it('network = bytes × regional price; weight storage = bytes × time × the gp3 price', () => {
    expect(item('egress')).toBeCloseTo(1e6 * 1e-10, 15);
    expect(item('cross-region')).toBeCloseTo(1e5 * 2e-11, 15);
    expect(item('weight-storage')).toBeCloseTo(1e10 * 1000 * WEIGHT_STORAGE_USD_PER_BYTE_SECOND, 15);
    expect(l.rows.filter((r) => r.item === 'weight-storage').every((r) => r.layer === 'memory')).toBe(true);
  });

  it('attributes by token share; the layers and the classes add up to the total', () => {
    expect(sum(l.rows)).toBeCloseTo(l.totalUsd, 12);
    const a = sum(l.rows.filter((r) => r.class === 'a'));
    const b = sum(l.rows.filter((r) => r.class === 'b'));
    expect(a + b).toBeCloseTo(l.totalUsd, 12);
    expect(a / l.totalUsd).toBeCloseTo(0.75, 12);
    expect(l.rows.filter((r) => r.class === 'b').every((r) => r.cohort === '—')).toBe(true);
    expect(l.rows.filter((r) => r.class === 'a').every((r) => r.cohort === 'paid')).toBe(true);
  });

  it('one weight copy per region and model, shared by the pools that load it', () => {
    const two = buildLedger(input([pool(c), pool(c, { name: 'q' })]));
    const ws = sum(two.rows.filter((r) => r.item === 'weight-storage'));
    expect(ws).toBeCloseTo(1e10 * 1000 * WEIGHT_STORAGE_USD_PER_BYTE_SECOND, 15);
  });

  it('a pool that routed nothing books its cost to class —', () => {
    const idle = buildLedger(input([pool({ servingS: 100, onDemandS: 100 })]));
    expect(idle.rows.every((r) => r.class === '—')).toBe(true);
    expect(sum(idle.rows.filter((r) => r.item === 'idle-warm'))).toBeCloseTo(100 * 2 * 0.001, 12);
  });

  it('observability = requests × bytes × sampling × price, plus retention × storage price', () => {
    const o = { bytesPerRequest: 2000, sampling: 0.1, usdPerByte: 0.5e-9, retentionS: 30 * 86400, storageUsdPerByteMonth: 0.03e-9 };
    const l2 = buildLedger(input([pool(c)], { observability: o }));
    const ingest = l2.rows.filter((r) => r.item === 'observability');
    expect(sum(ingest)).toBeCloseTo(40 * 2000 * 0.1 * 0.5e-9, 18);
    expect(sum(l2.rows.filter((r) => r.item === 'observability-storage'))).toBeCloseTo(40 * 2000 * 0.1 * ((30 * 86400) / MONTH_S) * 0.03e-9, 18);
    expect(sum(ingest.filter((r) => r.class === 'a'))).toBeCloseTo(30 * 2000 * 0.1 * 0.5e-9, 18);
    expect(ingest.every((r) => r.layer === 'orchestration' && r.pool === 'p')).toBe(true);
  });

  it('service pools: replicas × time × price, one compute row per class', () => {
    const l3 = buildLedger(input([], { servicePools: [{ name: 's', region, replicas: 3, usdPerReplicaSecond: 0.01, classes: [0, 1] }] }));
    expect(l3.totalUsd).toBeCloseTo(3 * 1000 * 0.01, 12);
    expect(l3.rows.every((r) => r.layer === 'compute' && r.item === 'service-replicas')).toBe(true);
    expect(sum(l3.rows.filter((r) => r.class === 'a'))).toBeCloseTo(0.75 * 30, 12);
  });
});
