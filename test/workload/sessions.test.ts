/**
 * Sessions, agents and closed-loop users, observed through the arrival and completion hooks:
 * turns never overlap, context grows as configured, pruning caps hold, agent fan-out waits for every
 * call, and a closed loop of N users never has more than N requests in flight.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cheapFleet, groupBy, runText, type Arrival, type Completion } from './support.js';

/** Completion time of each request, keyed by its (class, arrival time); arrival times are distinct here. */
function completionOf(completions: Completion[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const c of completions) {
    const k = `${c.cls}@${c.arrival}`;
    m.set(k, [...(m.get(k) ?? []), c.completion]);
  }
  return m;
}

const sessionText = (o: { turns: number; think: string; service: string; replicas: number; system: number; user: number; output: number; extra?: string; horizon?: string }) =>
  `seed: 11\nhorizon: ${o.horizon ?? '600s'}\nworkload:\n  chat:\n    rate: 0.5/s\n    system: ${o.system}\n    prompt: ${o.user}\n    output: ${o.output}\n` +
  `    session: { turns: ${o.turns}, think: ${o.think}${o.extra ?? ''} }\n    cache: { prefix: false }\n${cheapFleet(o.service, o.replicas)}`;

describe('interactive sessions', () => {
  it('property: a turn arrives only after the previous turn completed (queueing service, random think)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0.2, max: 4, noNaN: true }), fc.integer({ min: 1, max: 3 }), (turns, think, svc, replicas) => {
        const { arrivals, completions } = runText(sessionText({ turns, think: `${think}s`, service: `exponential(${svc}s)`, replicas, system: 0, user: 5, output: 5 }));
        const done = completionOf(completions);
        for (const [, reqs] of groupBy(arrivals, (a) => a.session)) {
          for (let k = 1; k < reqs.length; k++) {
            const prev = done.get(`0@${reqs[k - 1].time}`);
            expect(prev, 'previous turn completed').toBeDefined();
            expect(prev!.length).toBe(1);
            expect(reqs[k].time).toBeGreaterThanOrEqual(prev![0]);
          }
          // A session still running at the horizon has issued at most its planned turns.
          expect(reqs.length).toBeLessThanOrEqual(turns);
        }
      }),
      { seed: 7, numRuns: 12 },
    );
  });

  it('think time between a completion and the next turn averages the configured mean (±5 %)', () => {
    // Exponential think, mean 2 s; n ≈ 0.5/s × 2,000 s × 4 gaps ≈ 4,000 → se ≈ 1.6 %.
    const { arrivals, completions } = runText(sessionText({ turns: 5, think: '2s', service: 'constant(100ms)', replicas: 1000, system: 0, user: 5, output: 5, horizon: '2000s' }));
    const done = completionOf(completions);
    const thinks: number[] = [];
    for (const [, reqs] of groupBy(arrivals, (a) => a.session)) {
      for (let k = 1; k < reqs.length; k++) thinks.push(reqs[k].time - done.get(`0@${reqs[k - 1].time}`)![0]);
    }
    const mean = thinks.reduce((a, b) => a + b, 0) / thinks.length;
    expect(thinks.length).toBeGreaterThan(3000);
    expect(Math.abs(mean / 2 - 1)).toBeLessThan(0.05);
  });

  it('context grows as configured: turn k’s prompt = system + (k − 1)(user + output) + user', () => {
    const S = 100, U = 20, O = 30;
    const { arrivals } = runText(sessionText({ turns: 6, think: '1s', service: 'constant(10ms)', replicas: 1000, system: S, user: U, output: O }));
    let full = 0;
    for (const [, reqs] of groupBy(arrivals, (a) => a.session)) {
      reqs.forEach((r, k) => expect(r.prompt).toBe(S + k * (U + O) + U));
      if (reqs.length === 6) full++;
    }
    expect(full).toBeGreaterThan(100);
  });

  it('property: maxContext is never exceeded, keepTurns keeps the last N turns, history never goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 2, max: 10 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        (S, U, O, turns, keep, slack) => {
          const cap = slack === undefined ? undefined : S + U + slack;
          const extra = (keep !== undefined ? `, keepTurns: ${keep}` : '') + (cap !== undefined ? `, maxContext: ${cap}` : '');
          const text = sessionText({ turns, think: '1s', service: 'constant(10ms)', replicas: 1000, system: S, user: U, output: O, extra, horizon: '120s' });
          const { arrivals, out } = runText(text);
          let expectedPruned = 0;
          for (const [, reqs] of groupBy(arrivals, (a) => a.session)) {
            reqs.forEach((r, k) => {
              const kept = keep === undefined ? k : Math.min(k, keep);
              const want = Math.min(S + kept * (U + O) + U, cap ?? Infinity);
              expect(r.prompt, `${text}\nturn ${k}`).toBe(want);
              expect(r.prompt).toBeGreaterThanOrEqual(S + U);
            });
            if (keep !== undefined && cap === undefined) expectedPruned += Math.max(0, reqs.length - 1 - keep) * (U + O);
          }
          if (keep !== undefined && cap === undefined) {
            // Turns completed after the last arrival of a session may prune too: a lower bound.
            expect(out.figures['class.chat.prunedTokens']).toBeGreaterThanOrEqual(expectedPruned);
          }
        },
      ),
      { seed: 8, numRuns: 40 },
    );
  });

  it('property: with both keepTurns and maxContext and varying turn sizes, S + U ≤ prompt ≤ maxContext', () => {
    // Outputs vary (uniform 1–800) so an old, large turn may leave the keep window after the cap
    // already cut the history: the drop must not take the history below zero.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 1e5 }), (S, U, keep, slack, seed) => {
        const cap = S + U + slack;
        const text = sessionText({ turns: 8, think: '1s', service: 'constant(10ms)', replicas: 1000, system: S, user: U, output: 0, extra: `, keepTurns: ${keep}, maxContext: ${cap}`, horizon: '120s' })
          .replace('output: 0', 'output: { dist: uniform, min: 1, max: 800 }');
        const { arrivals } = runText(text, seed);
        for (const a of arrivals) {
          expect(a.prompt, text).toBeLessThanOrEqual(cap);
          expect(a.prompt, text).toBeGreaterThanOrEqual(S + U);
        }
      }),
      { seed: 10, numRuns: 40 },
    );
  });
});

describe('agents', () => {
  it('a step’s calls arrive together; the next step only after all of them complete; context carries the calls (messages and outputs) and tool output', () => {
    const S = 50, U = 10, O = 7, T = 40, F = 3;
    const text = `seed: 4\nhorizon: 600s\nworkload:\n  ag:\n    kind: agent\n    rate: 0.2/s\n    system: ${S}\n    prompt: ${U}\n    output: ${O}\n` +
      `    agent: { steps: 4, fanout: ${F}, tool: 2s, toolOutput: ${T} }\n    cache: { prefix: false }\n${cheapFleet('exponential(1s)', 4)}`;
    const { arrivals, completions } = runText(text);
    const done = completionOf(completions);
    let sessions = 0;
    for (const [, reqs] of groupBy(arrivals, (a) => a.session)) {
      const steps = [...groupBy(reqs, (a) => a.time).values()];
      steps.forEach((calls, k) => {
        if (k < steps.length - 1 || calls.length === F) expect(calls.length).toBe(F);
        // Each earlier step adds its F calls' messages and outputs, and the tool's output.
        for (const c of calls) expect(c.prompt).toBe(S + U + k * (F * (U + O) + T));
        if (k === 0) return;
        const prevDone = done.get(`0@${steps[k - 1][0].time}`)!;
        expect(prevDone.length).toBe(F);
        expect(calls[0].time).toBeGreaterThanOrEqual(Math.max(...prevDone));
      });
      sessions++;
    }
    expect(sessions).toBeGreaterThan(50);
  });
});

describe('closed loop', () => {
  it('property: N users never have more than N requests in flight, and reach N under load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.05, max: 3, noNaN: true }), fc.integer({ min: 1, max: 4 }), (users, think, replicas) => {
        const text = `seed: 2\nhorizon: 300s\nworkload:\n  u:\n    arrival: { process: closed, users: ${users}, think: ${think}s }\n    prompt: 5\n${cheapFleet('exponential(1s)', replicas)}`;
        const { arrivals, completions } = runText(text);
        const ev: [number, number][] = [...arrivals.map((a): [number, number] => [a.time, 1]), ...completions.map((c): [number, number] => [c.completion, -1])];
        ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // at a tie the completion first, as the loop causes it
        let inFlight = 0;
        let peak = 0;
        for (const [, d] of ev) peak = Math.max(peak, (inFlight += d));
        expect(peak).toBeLessThanOrEqual(users);
        // Short think and fewer servers than users: at some point every user is waiting.
        if (replicas < users && think < 0.3) expect(peak).toBe(users);
      }),
      { seed: 9, numRuns: 20 },
    );
  });
});

export type { Arrival };
