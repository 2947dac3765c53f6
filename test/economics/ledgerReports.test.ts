/** The ledger in the reports: FOCUS rows by layer, the cost-by-layer chart, the scorecard. */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { simulate } from '../../src/simulate/simulate.js';
import { focusCsv, FOCUS_COLUMNS } from '../../src/report/focus.js';
import { runCharts } from '../../src/report/charts.js';
import { scorecard } from '../../src/report/scorecard.js';

const r = simulate(loadScenarioText(`
horizon: 10m
warmup: 2m
window: 2m
replications: 2
workload: { chat: { rate: 3/s, prompt: 400, output: 80 } }
observability: {}
fleet:
  pools:
    - { name: a, model: llama-3.1-8b, gpu: H100, replicas: 2, region: us-east-1 }
    - { name: b, model: llama-3.1-8b, gpu: H100, replicas: 1, region: eu-north-1 }
regions:
  us-east-1: { gpuPrices: { H100: $3.60/h }, egressPerGB: $0.09/GB }
  eu-north-1: { gpuPrices: { H100: $3.00/h }, egressPerGB: $0.09/GB }
`).resolved);

describe('the ledger in the reports', () => {
  it('FOCUS: rows by layer; they sum to the windows plus the non-replica ledger items', () => {
    const lines = focusCsv(r).trimEnd().split('\n');
    const head = lines[0].split(',');
    expect(head).toEqual([...FOCUS_COLUMNS]);
    const layerAt = head.indexOf('x_Layer');
    const rows = lines.slice(1).map((l) => l.split(','));
    const layers = new Set(rows.map((x) => x[layerAt]));
    expect([...layers].sort()).toEqual(['compute', 'memory', 'network', 'orchestration']);
    const sum = rows.reduce((a, x) => a + Number(x[0]), 0);
    const windows = r.timeseries.points.reduce((a, p) => a + (p.values.costUsd.mean ?? 0), 0);
    const extra = r.ledger.rows.filter((x) => x.unit === 'byte' || x.unit === 'byte-s').reduce((a, x) => a + Number(x.cost.amount), 0);
    expect(extra).toBeGreaterThan(0);
    expect(sum).toBeCloseTo(windows + extra, 4);
  });

  it('a cost-by-layer-and-region chart whose bars add up to the ledger', () => {
    const c = runCharts(r).find((x) => x.name === 'cost-by-layer')!;
    const values = (c.spec.data as { values: { region: string; cost: number }[] }).values;
    expect(new Set(values.map((v) => v.region))).toEqual(new Set(['us-east-1', 'eu-north-1']));
    expect(values.reduce((a, v) => a + v.cost, 0)).toBeCloseTo(Number(r.ledger.total.amount), 4);
  });

  it('the scorecard cost line says how much was warm-pool waste and autoscaling lag', () => {
    const line = scorecard(r).find((l) => l.key === 'cost.per1kRequests')!;
    expect(line.reason).toMatch(/warm-pool waste \d+ %, autoscaling lag \d+ % of cost/);
  });
});
