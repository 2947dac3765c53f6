/**
 * Invariants 2–5 and 7 on a single Replica, driven by a fake Scheduler (test/support/fakeScheduler.ts)
 * with a KV cache cut to a few hundred or thousand tokens so that admission waits and preemption by
 * recomputation happen all the time.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { driveReplica, type Arrival } from '../support/replicaHarness.js';

/** Arrivals sorted by time; every request fits the cache on its own (the router drops the rest). */
function arrivalsArb(kvCap: number): fc.Arbitrary<Arrival[]> {
  return fc
    .array(
      fc.record({
        gap: fc.double({ min: 0, max: 0.2, noNaN: true }),
        same: fc.boolean(), // same instant as the previous arrival (ties)
        prompt: fc.integer({ min: 1, max: Math.floor(kvCap * 0.7) }), // 0: see the empty-prompt test below
        output: fc.integer({ min: 1, max: 300 }),
        priority: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((xs) => {
      let t = 0;
      return xs.map((x) => {
        if (!x.same) t += x.gap;
        const output = Math.min(x.output, kvCap - x.prompt);
        return { t, prompt: x.prompt, output: Math.max(1, output), priority: x.priority };
      }).filter((a) => a.prompt + a.output <= kvCap);
    })
    .filter((a) => a.length > 0);
}

const configArb = fc.record({
  kvCapacityTokens: fc.integer({ min: 64, max: 4000 }),
  maxBatch: fc.integer({ min: 1, max: 32 }),
  maxBatchTokens: fc.integer({ min: 8, max: 2048 }),
});

const caseArb = configArb.chain((cfg) => arrivalsArb(cfg.kvCapacityTokens).map((arrivals) => ({ cfg, arrivals })));

describe('Replica invariants (fake scheduler, tight KV cache)', () => {
  it('invariant 2, KV capacity: kvUsed never exceeds the cache, and the batch never exceeds maxBatch', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ cfg, arrivals }, iterationMode) => {
        // driveReplica throws at the first boundary where kvUsed > capacity or running > maxBatch.
        const r = driveReplica(arrivals, { ...cfg, iterationMode });
        expect(r.kvPeak).toBeLessThanOrEqual(r.kvCapacity);
      }),
      { numRuns: 300 },
    );
  });

  it('invariants 1 and 3, request and KV conservation: every request leaves once; the cache ends empty', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ cfg, arrivals }, iterationMode) => {
        const r = driveReplica(arrivals, { ...cfg, iterationMode });
        expect(r.done.filter(Number.isNaN)).toHaveLength(0);
        expect(r.end).toEqual({ kvUsed: 0, decodeBatch: 0, decodeContext: 0, waiting: 0, running: 0, outstanding: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('invariants 4 and 5, clock and causality: arrival ≤ admission ≤ first token ≤ completion', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), ({ cfg, arrivals }, iterationMode) => {
        // FakeScheduler throws if anything is scheduled before now or the clock would go backwards.
        const r = driveReplica(arrivals, { ...cfg, iterationMode });
        arrivals.forEach((a, i) => {
          expect(r.admitted[i]).toBeGreaterThanOrEqual(a.t);
          expect(r.firstToken[i]).toBeGreaterThan(r.admitted[i]);
          expect(r.done[i]).toBeGreaterThanOrEqual(r.firstToken[i]);
          if (a.output > 1) expect(r.done[i]).toBeGreaterThan(r.firstToken[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('invariant 7, iteration = analytic: both modes give the same completion times and preemptions', () => {
    fc.assert(
      fc.property(caseArb, ({ cfg, arrivals }) => {
        const it = driveReplica(arrivals, { ...cfg, iterationMode: true });
        const an = driveReplica(arrivals, { ...cfg, iterationMode: false });
        expect(an.preemptions).toBe(it.preemptions);
        expect(an.iterations).toBe(it.iterations);
        arrivals.forEach((_, i) => {
          expect(an.firstToken[i]).toBeCloseTo(it.firstToken[i], 9);
          expect(an.done[i]).toBeCloseTo(it.done[i], 9);
        });
      }),
      { numRuns: 300 },
    );
  });

  // DEFECT (src/serving/replica.ts startNext): a request with prompt 0 — the schema's default
  // `prompt: 0` — is admitted into `prefilling` with a 0-token prefill, the iteration plans 0 prefill
  // tokens and takes the decode-only path with batch 0, so the prefill never completes and the
  // replica spins. `it.fails` documents the defect; make it a plain `it` once it is fixed.
  it('a request with an empty prompt is served', () => {
    const r = driveReplica([{ t: 0, prompt: 0, output: 3, priority: 0 }], {
      kvCapacityTokens: 1000, maxBatch: 4, maxBatchTokens: 256, iterationMode: false, maxSteps: 10_000,
    });
    expect(r.done[0]).toBeGreaterThan(0);
  });

  it('a tight cache really does preempt (the properties above exercise recomputation)', () => {
    const arrivals: Arrival[] = Array.from({ length: 8 }, (_, i) => ({ t: i * 0.001, prompt: 100, output: 200, priority: 0 }));
    const r = driveReplica(arrivals, { kvCapacityTokens: 600, maxBatch: 8, maxBatchTokens: 512, iterationMode: false });
    expect(r.preemptions).toBeGreaterThan(0);
    expect(r.kvPeak).toBeLessThanOrEqual(600);
    expect(r.end.kvUsed).toBe(0);
  });
});
