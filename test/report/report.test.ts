import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { simulateParallel } from '../../src/simulate/parallel.js';
import { toJson } from '../../src/report/atomicWrite.js';
import { compare, holm } from '../../src/report/compare.js';
import { welchTest, studentTTwoSided } from '../../src/report/internal/welch.js';
import { focusCsv, FOCUS_COLUMNS } from '../../src/report/focus.js';
import { timeseriesCsv } from '../../src/report/csv.js';
import { runMarkdown, compareMarkdown } from '../../src/report/markdown.js';
import { runArtifacts } from '../../src/report/outputs.js';
import { planOutputs } from '../../src/cli/commands/outputPlan.js';
import type { RunResult } from '../../src/simulate/simulate.js';

// Shortened runs of the shipped scenarios (same traffic and fleet, 20 simulated minutes) keep the
// suite fast on two cores; the significance verdicts hold for them as for the full hour.
const short = { replications: 4 };
async function run(file: string, o: { seed?: number; workers?: number; replications?: number } = {}): Promise<RunResult> {
  const l = loadScenario(file);
  const resolved = { ...l.resolved, horizon: 1200, warmup: 120 };
  return simulateParallel({ scenario: l.scenario, resolved }, { seed: o.seed, replications: o.replications ?? short.replications }, { workers: o.workers ?? 1 });
}

describe('replications on worker threads', () => {
  it('gives byte-identical results with 1 and 4 workers', async () => {
    const l = loadScenario('scenarios/default.yaml');
    const resolved = { ...l.resolved, horizon: 600, warmup: 60 };
    // Workers re-resolve from the data: give them the same shortened horizon through the data.
    const scenario = { ...l.scenario, horizon: 600, warmup: 60 };
    const one = await simulateParallel({ scenario, resolved }, { replications: 4 }, { workers: 1 });
    const four = await simulateParallel({ scenario, resolved }, { replications: 4 }, { workers: 4 });
    expect(toJson(four)).toBe(toJson(one));
    expect(one.replications.map((r) => r.seed)).toEqual(four.replications.map((r) => r.seed));
  }, 120_000);
});

describe('compare significance', () => {
  it('Welch: equal samples are not significant, shifted ones are; zero variance is handled', () => {
    expect(welchTest([1, 2, 3], [1, 2, 3]).p).toBeCloseTo(1, 10);
    expect(welchTest([1, 2, 3], [11, 12, 13]).p).toBeLessThan(0.001);
    expect(welchTest([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(welchTest([5, 5, 5], [6, 6, 6]).p).toBe(0);
    expect(Number.isNaN(welchTest([1], [2, 3]).p)).toBe(true);
    // Critical values from t tables: two-sided p = 0.05 at t(0.975, df).
    expect(studentTTwoSided(2.776445, 4)).toBeCloseTo(0.05, 5);
    expect(studentTTwoSided(12.7062, 1)).toBeCloseTo(0.05, 5);
    expect(studentTTwoSided(2.2281389, 10)).toBeCloseTo(0.05, 5);
    // [0,1,2] vs [2,3,4]: t = 2/√(2/3) = 2.449, df = 4.
    const w = welchTest([0, 1, 2], [2, 3, 4]);
    expect(w.t).toBeCloseTo(2.4495, 4);
    expect(w.df).toBeCloseTo(4, 10);
    expect(holm([0.01, 0.04, 0.03], 0.05)).toEqual([true, false, false]);
    expect(holm([0.001, 0.02, 0.02], 0.05)).toEqual([true, true, true]);
  });

  it('18 % longer prompts: latency, energy and cost per token differ significantly', async () => {
    const a = await run('scenarios/default.yaml');
    const b = await run('scenarios/default-longer-prompts.yaml');
    const c = compare([{ label: 'default', result: a }, { label: 'longer', result: b }]);
    const v = (k: string) => c.figures.find((f) => f.key === k)!.diffs[0];
    // The fleet is fixed, so the hour costs the same: the cost shows per successful outcome (fewer within the SLO).
    for (const k of ['class.chat.ttft.p95', 'class.chat.e2e.p95', 'energy.facilityJ', 'cost.per1MTokens', 'cost.perSuccessfulOutcome', 'tokens.perSuccessfulOutcome']) {
      expect(v(k).verdict, k).toBe('significant');
    }
    expect(v('class.chat.ttft.p95').rel!).toBeGreaterThan(0.05);
    expect(v('tokens.perSuccessfulOutcome').rel!).toBeGreaterThan(0.1);
    expect(c.profiles[0]).toMatch(/^longer vs default: .*cost per 1,000 requests .*cost per successful outcome \+[\d.]+ %, p95 TTFT \+\d+ %.*energy \+/);
    expect(compareMarkdown(c)).toContain('**significant**');
  }, 180_000);

  it('the same scenario with two seeds: nothing significant', async () => {
    const a = await run('scenarios/default.yaml', { seed: 42 });
    const b = await run('scenarios/default.yaml', { seed: 4242 });
    const c = compare([{ label: 'seed42', result: a }, { label: 'seed4242', result: b }]);
    const sig = c.figures.filter((f) => f.diffs[0].verdict === 'significant').map((f) => f.key);
    expect(sig).toEqual([]);
    expect(c.profiles[0]).toContain('within noise');
  }, 180_000);
});

describe('formats', () => {
  let r: RunResult;
  it('FOCUS CSV: the FOCUS 1.2 columns, x_ columns, one row per pool per window, ISO periods', async () => {
    r = await run('scenarios/default.yaml', { replications: 2 });
    const csv = focusCsv(r, '2026-03-01T00:00:00Z');
    const lines = csv.trimEnd().split('\n');
    const head = lines[0].split(',');
    expect(head).toEqual([...FOCUS_COLUMNS]);
    for (const col of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost', 'BillingCurrency', 'ChargePeriodStart', 'ChargePeriodEnd',
      'ChargeCategory', 'ChargeDescription', 'RegionId', 'RegionName', 'ResourceId', 'ResourceName', 'ResourceType', 'ServiceName',
      'ServiceCategory', 'PricingUnit', 'PricingQuantity', 'ConsumedUnit', 'ConsumedQuantity', 'ProviderName']) expect(head).toContain(col);
    expect(head.filter((h) => !/^[A-Z]/.test(h)).every((h) => h.startsWith('x_'))).toBe(true);
    // One row per pool, window and cost layer of the pool in the ledger (docs/economics.md).
    const layers = new Set(r.ledger.rows.filter((x) => Number(x.cost.amount) > 0).map((x) => `${x.pool}/${x.layer}`)).size;
    expect(lines.length - 1).toBe(r.timeseries.points.length * layers);
    const row = Object.fromEntries(lines[1].split(',').map((v, i) => [head[i], v]));
    expect(row.ChargePeriodStart).toBe('2026-03-01T00:00:00Z');
    expect(row.ChargePeriodEnd).toBe('2026-03-01T00:05:00Z');
    expect(row.BillingCurrency).toBe('USD');
    expect(row.RegionId).toBe('us-east-1');
    expect(row.BilledCost).toMatch(/^\d+\.\d{6}$/);
    // The rows add up to the fleet's cost over all windows plus the ledger's non-replica items (network, storage, observability).
    const sum = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[0]), 0);
    const windows = r.timeseries.points.reduce((a, p) => a + (p.values.costUsd.mean ?? 0), 0);
    const extra = r.ledger.rows.filter((x) => x.unit === 'byte' || x.unit === 'byte-s').reduce((a, x) => a + Number(x.cost.amount), 0);
    expect(sum).toBeCloseTo(windows + extra, 4);
  }, 120_000);

  it('CSV time series: a header of mean/p5/p95 per field and one row per window', () => {
    const lines = timeseriesCsv(r).trimEnd().split('\n');
    const head = lines[0].split(',');
    expect(head.slice(0, 3)).toEqual(['start_s', 'end_s', 'warmup']);
    expect(head).toContain('arrivals_mean');
    expect(head).toContain('powerW_p95');
    expect(lines.length - 1).toBe(r.timeseries.points.length);
    expect(lines.every((l) => l.split(',').length === head.length)).toBe(true);
  });

  it('Markdown: key figures with bands, scorecard, pools', () => {
    const md = runMarkdown(r);
    expect(md).toMatch(/^# fleetsim — chat-assistant-h100/);
    expect(md).toContain('| figure | mean [p5–p95] | 95 % CI of the mean |');
    expect(md).toContain('## Scorecard');
    expect(md).toMatch(/GPU utilization \(target 60–85 %\) \| [\d.]+% \| (✅ pass|⚠️ warn)/);
    expect(md).toContain('| h100-8b |');
  });

  it('HTML and SVG: self-contained, every chart an SVG with marks', async () => {
    const files = await runArtifacts(r, ['html', 'svg']);
    const html = files.find((f) => f.file === 'report.html')!.content;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']https?:/i);
    const svgs = files.filter((f) => f.file.startsWith('charts/'));
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    for (const s of svgs) {
      expect(s.content, s.file).toMatch(/^<svg /);
      expect(s.content, s.file).toContain('role-mark');
      expect(html).toContain(`data-chart="${s.file.slice(7, -4)}"`);
    }
  }, 120_000);

  it('output plan: one stdout format, several need --out', () => {
    expect(planOutputs(undefined, undefined, false)).toEqual({ formats: ['table'], stdout: 'table' });
    expect(planOutputs(['markdown'], undefined, false).stdout).toBe('markdown');
    expect(planOutputs(['html,svg'], 'out', false).formats).toEqual(['html', 'svg']);
    expect(() => planOutputs(['svg'], undefined, false)).toThrow(/--out/);
    expect(() => planOutputs(['html', 'csv'], undefined, false)).toThrow(/--out/);
    expect(() => planOutputs(['pdf'], undefined, false)).toThrow(/unknown format/);
  });
});
