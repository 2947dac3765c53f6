import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { empiricalTable, fitWorkload, sampleEmpirical, traceStats } from '../../src/workload/fit/index.js';
import { openTrace } from '../../src/workload/traces/index.js';

const DATA = resolve(process.cwd(), '../shared/data/traces');
const AZURE = `${DATA}/azure2023_conv.csv`;
const MOONCAKE = `${DATA}/mooncake_synthetic.jsonl`;
const haveData = existsSync(AZURE) && existsSync(MOONCAKE);
if (!haveData) console.warn(`[test/traces] skipping fit tests on real traces: ${DATA} not found (../shared is absent)`);

/** Type-7 quantile of a sorted array. */
function q(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

describe('sampleEmpirical', () => {
  it('interpolates linearly between percentile points and rounds to an integer ≥ 1', () => {
    const t = empiricalTable({ p0: 0, p50: 10, p100: 30 });
    expect(sampleEmpirical(t, 0)).toBe(1);
    expect(sampleEmpirical(t, 0.25)).toBe(5);
    expect(sampleEmpirical(t, 0.5)).toBe(10);
    expect(sampleEmpirical(t, 0.75)).toBe(20);
    expect(sampleEmpirical(t, 0.999999)).toBe(30);
  });
  it('rejects malformed points', () => {
    expect(() => empiricalTable({ p50: 3, p100: 4 })).toThrow(/p0 and p100/);
    expect(() => empiricalTable({ p0: 5, p50: 3, p100: 4 })).toThrow(/must not decrease/);
    expect(() => empiricalTable({ p0: 1, x: 2, p100: 4 })).toThrow(/pN/);
  });
});

describe.skipIf(!haveData)('fit reproduces the Azure trace', () => {
  it('p50/p90/p99 of lengths within 5 % and mean rate within 2 %', () => {
    const fit = fitWorkload(openTrace(AZURE, { format: 'azure' }));
    const st = fit.stats;
    const rng = seedrandom('fit-test');
    const N = 200_000;
    const errors: Record<string, number> = {};
    for (const k of ['promptTokens', 'outputTokens'] as const) {
      const t = empiricalTable(fit.workload[k].percentiles);
      const xs = new Float64Array(N);
      for (let i = 0; i < N; i++) xs[i] = sampleEmpirical(t, rng.quick());
      xs.sort();
      const want = k === 'promptTokens' ? st.prompt : st.output;
      for (const [name, p] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
        const err = Math.abs(q(xs, p) - want[name]) / want[name];
        errors[`${k}.${name}`] = err;
        expect(err).toBeLessThan(0.05);
      }
    }
    // Mean rate: generate arrivals of the fitted process (gamma with the fitted CV, or Poisson) over ten
    // spans of the trace (sampling sd ≈ 0.23 % instead of 0.72 % over one span).
    const a = fit.workload.arrival;
    const cv = a.cv ?? 1;
    const shape = 1 / (cv * cv);
    const g = seedrandom('fit-rate');
    const gamma = (k: number): number => {
      // Marsaglia–Tsang (k < 1 via boosting).
      if (k < 1) return gamma(k + 1) * Math.pow(g.quick(), 1 / k);
      const d = k - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x: number;
        let v: number;
        do {
          const u1 = g.quick() || 1e-12;
          x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * g.quick());
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const u = g.quick();
        if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const horizon = 10 * st.durationSeconds;
    let t = 0;
    let n = 0;
    for (;;) {
      t += gamma(shape) / (shape * a.rate);
      if (t > horizon) break;
      n++;
    }
    const rateErr = Math.abs(n / horizon - st.meanRate) / st.meanRate;
    errors.rate = rateErr;
    errors.generated = n;
    expect(rateErr).toBeLessThan(0.02);
    expect(Math.abs(a.rate - st.count / st.durationSeconds)).toBeLessThan(1e-5);
    console.log('[fit azure]', JSON.stringify({ arrival: { ...a, profile: a.profile?.multipliers }, cvRaw: fit.cvRaw, errors }));
  });

  it('profile multipliers average 1 over the covered time', () => {
    const fit = fitWorkload(openTrace(AZURE, { format: 'azure' }));
    const m = fit.workload.arrival.profile?.multipliers ?? [];
    expect(m.length).toBeGreaterThanOrEqual(3);
    expect(m.reduce((x, y) => x + y, 0) / m.length).toBeCloseTo(1, 3);
  });

  it('traceStats on Mooncake reports prefix reuse', () => {
    const st = traceStats(openTrace(MOONCAKE, { format: 'mooncake' }));
    expect(st.count).toBe(3993);
    expect(st.prefixReuse).not.toBeNull();
    expect(st.prefixReuse!.blockFraction).toBeGreaterThan(0);
    expect(st.prefixReuse!.blockFraction).toBeLessThan(1);
    console.log('[stats mooncake]', JSON.stringify({ ...st, ratePerWindow: st.ratePerWindow.length }));
  });
});
