import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planFleet } from '../../src/sweep/plan/plan.js';
import { evaluateTask } from '../../src/sweep/evaluate.js';
import { parseConstraint } from '../../src/sweep/checks.js';
import { mmcMeanWait, minServersForMeanWait, minServersForWaitProbability, erlangC } from '../../src/metrics/queueing.js';

const fx = (f: string) => join(__dirname, 'fixtures', f);

describe('plan', () => {
  it('finds the brute-force cheapest fleet of two pools with fewer simulations', async () => {
    const file = fx('mmc-two.yaml');
    const plan = await planFleet({ file, workers: 1 });
    const best = plan.months[0].best!;
    // Brute force over the whole grid 1..12 × 1..12.
    const text = readFileSync(file, 'utf8');
    const constraints = ['class.a.queueWait.mean <= 0.15', 'class.b.queueWait.mean <= 0.4'].map(parseConstraint);
    let cheapest: { a: number; b: number; usd: number } | undefined;
    let brute = 0;
    for (let a = 1; a <= 12; a++) {
      for (let b = 1; b <= 12; b++) {
        const usd = 2 * a + b;
        if (cheapest && usd >= cheapest.usd) continue; // (every grid point would be simulated by brute force; skipped here to save time)
        brute++;
        const r = evaluateTask({ text, file, overrides: [['fleet.pools[0].replicas', a], ['fleet.pools[1].replicas', b]], constraints });
        if (r.ok && r.feasible) cheapest = { a, b, usd };
      }
    }
    expect(best.pools.map((p) => p.replicas)).toEqual([cheapest!.a, cheapest!.b]);
    expect(best.usdPerHour).toBe(cheapest!.usd);
    expect(plan.bruteForceSimulations).toBe(144);
    expect(plan.simulations).toBeLessThan(brute);
    console.log(`plan two pools: ${plan.simulations} simulations; brute force 144 (pruned brute force ${brute}); fleet ${cheapest!.a}+${cheapest!.b}`);
  });

  it('agrees with Erlang C sizing on M/M/c for a mean-wait target and a P(wait) target', async () => {
    const lam = 6;
    // Targets halfway (geometrically) between the waits of c−1 and c servers, so that sampling noise cannot flip the answer.
    const c = 9;
    const wq = Math.sqrt(mmcMeanWait(lam, 1, c - 1) * mmcMeanWait(lam, 1, c));
    expect(minServersForMeanWait(lam, 1, wq)).toBe(c);
    const p1 = await planFleet({ file: fx('mmc.yaml'), constraints: [`class.customers.queueWait.mean <= ${wq}`], workers: 1 });
    expect(p1.months[0].best!.pools[0].replicas).toBe(c);
    const c2 = 10;
    const pw = Math.sqrt(erlangC(c2 - 1, lam) * erlangC(c2, lam));
    expect(minServersForWaitProbability(lam, 1, pw)).toBe(c2);
    const p2 = await planFleet({ file: fx('mmc.yaml'), constraints: [`class.customers.pWait <= ${pw}`], workers: 1 });
    expect(p2.months[0].best!.pools[0].replicas).toBe(c2);
    console.log(`plan M/M/c: c=${c} (mean wait ≤ ${wq.toFixed(3)} s) in ${p1.simulations} simulations; c=${c2} (P(wait) ≤ ${pw.toFixed(3)}) in ${p2.simulations}`);
  });

  it('sizes month by month for a forecast and plans commitments', async () => {
    const p = await planFleet({ file: fx('mmc.yaml'), constraints: ['class.customers.queueWait.mean <= 0.1'], forecast: [1, 1.5, 2], workers: 1 });
    const reps = p.months.map((m) => m.best!.pools[0].replicas);
    // Targets here are not placed between two server counts, so sampling noise may move the answer by one.
    reps.forEach((r, i) => expect(Math.abs(r - minServersForMeanWait(6 * [1, 1.5, 2][i], 1, 0.1))).toBeLessThanOrEqual(1));
    expect(reps[0]).toBeLessThanOrEqual(reps[1]);
    expect(reps[1]).toBeLessThanOrEqual(reps[2]);
    const k = p.commitment!.byKey[0];
    expect(k.peakGpus).toBe(reps[2]);
    expect(p.commitment!.savingsUsd).toBeGreaterThan(0);
    expect(k.options.find((o) => o.term === '3-year')!.level).toBeLessThanOrEqual(reps[2]);
  });
});
