/**
 * Invariants 1 and 2 through the whole fleet: random small LLM scenarios, written as scenario text
 * the way a user writes them (test/support/scenarioArb.ts), run through loadScenarioText and
 * runReplication/simulate.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { simulate } from '../../src/simulate/simulate.js';
import { llmScenarioText, smallLlmScenario } from '../support/scenarioArb.js';

const DROP_REASONS = ['no-replicas', 'exceeds-kv-capacity'];

describe('request conservation over random LLM scenarios', () => {
  it('invariant 1: arrived = completed + dropped + in flight, per class and in the request table; drain ⇒ nothing in flight', () => {
    fc.assert(
      fc.property(smallLlmScenario, (p) => {
        const text = llmScenarioText(p);
        const s = loadScenarioText(text, 'random.yaml').resolved;
        const o = runReplication(s, s.seed, { maxEvents: 5_000_000 });
        expect(o.stop, text).not.toBe('event-budget');
        let inFlight = 0;
        for (const c of o.classes) {
          const { arrived, completed, dropped } = c.all;
          expect(completed + dropped, text).toBeLessThanOrEqual(arrived);
          inFlight += arrived - completed - dropped;
          // Counted (post-warm-up) requests: every drop has a known reason.
          for (const r of Object.keys(c.dropped)) expect(DROP_REASONS).toContain(r);
          const droppedCounted = Object.values(c.dropped).reduce((a, b) => a + b, 0);
          expect(droppedCounted).toBe(o.figures[`class.${c.name}.dropped`]);
          expect(c.completed + droppedCounted, text).toBeLessThanOrEqual(c.arrived);
          if (p.drain) expect(c.completed + droppedCounted, text).toBe(c.arrived);
        }
        // The request table holds exactly the requests neither completed nor dropped.
        expect(o.inFlightAll, text).toBe(inFlight);
        if (p.drain) {
          expect(o.inFlightAll, text).toBe(0);
          expect(o.stop).toBe('empty');
        }
        // A pool with no replicas drops everything routed to it, with the reason.
        if (p.replicas === 0 && !p.twoPools) {
          for (const c of o.classes) {
            expect(c.all.completed).toBe(0);
            expect(c.all.dropped).toBe(c.all.arrived);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('invariant 2 (fleet view): the KV load and the busy fraction of every pool stay within [0, 1]', () => {
    fc.assert(
      fc.property(smallLlmScenario, (p) => {
        const s = loadScenarioText(llmScenarioText(p)).resolved;
        const o = runReplication(s, s.seed);
        for (const pool of s.pools) {
          if (pool.replicas === 0) continue;
          // pool.<name>.utilization of an LLM pool is the time-averaged share of the KV cache in use.
          for (const fig of ['utilization', 'busyFraction']) {
            const u = o.figures[`pool.${pool.name}.${fig}`];
            expect(u, fig).toBeGreaterThanOrEqual(0);
            expect(u, fig).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the result envelope reports the same conservation: classes[].all.inFlight is 0 with drain', () => {
    const p = { ...fc.sample(smallLlmScenario, { numRuns: 1, seed: 5 })[0], drain: true, replicas: 2, rates: [20, 5], promptMax: 20_000, memoryReserve: 0.895 };
    const r = simulate(loadScenarioText(llmScenarioText(p)).resolved);
    for (const c of r.classes) {
      expect(c.all.arrived).toBe(c.all.completed + c.all.dropped + c.all.inFlight);
      expect(c.all.inFlight).toBe(0);
      expect(c.all.arrived).toBeGreaterThan(0);
    }
    // promptMax 20,000 is beyond this cache (7,245 tokens): some requests can never fit and are dropped with the reason.
    expect(r.classes.reduce((a, c) => a + (c.dropped['exceeds-kv-capacity'] ?? 0), 0)).toBeGreaterThan(0);
  });
});
