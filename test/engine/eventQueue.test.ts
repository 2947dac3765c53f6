import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/eventQueue.js';
import { Simulation } from '../../src/engine/simulation.js';

/** A naive reference: a list sorted by (time, priority of kind, sequence). */
class SortedList {
  private rows: { t: number; p: number; s: number; kind: number; target: number; aux: number }[] = [];
  private seq = 0;
  constructor(private readonly prio: readonly number[]) {}
  push(t: number, kind: number, target: number, aux: number): void {
    this.rows.push({ t, p: this.prio[kind], s: this.seq++, kind, target, aux });
    this.rows.sort((a, b) => a.t - b.t || a.p - b.p || a.s - b.s);
  }
  top() {
    return this.rows[0];
  }
  pop(): void {
    this.rows.shift();
  }
  get size(): number {
    return this.rows.length;
  }
}

const PRIO = [2, 0, 1, 0];

type Op = { kind: 'push'; t: number; k: number; target: number } | { kind: 'pop' } | { kind: 'replace'; t: number; k: number; target: number };

const time = fc.integer({ min: 0, max: 20 }).map((x) => x / 4); // few distinct times: many ties
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), t: time, k: fc.integer({ min: 0, max: 3 }), target: fc.integer({ min: 0, max: 1e6 }) }),
  fc.constant({ kind: 'pop' as const }),
  fc.record({ kind: fc.constant('replace' as const), t: time, k: fc.integer({ min: 0, max: 3 }), target: fc.integer({ min: 0, max: 1e6 }) }),
);

describe('EventQueue', () => {
  it('orders by time, then same-instant priority, then scheduling order', () => {
    const q = new EventQueue(PRIO, 2); // tiny capacity: growth is exercised too
    q.push(1, 0, 10); // priority 2
    q.push(1, 1, 11); // priority 0
    q.push(0.5, 0, 12);
    q.push(1, 3, 13); // priority 0, later than 11
    q.push(1, 2, 14); // priority 1
    const got: number[] = [];
    while (q.size > 0) {
      got.push(q.topTarget);
      q.pop();
    }
    expect(got).toEqual([12, 11, 13, 14, 10]);
  });

  it('push / pop / fused replace-top match a naive sorted list (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(PRIO, 1);
        const ref = new SortedList(PRIO);
        let aux = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            q.push(o.t, o.k, o.target, ++aux);
            ref.push(o.t, o.k, o.target, aux);
          } else if (ref.size > 0) {
            // 'replace': consume the top and push a follow-up (fused replace-top); 'pop': consume, push nothing.
            q.consumeTop();
            ref.pop();
            if (o.kind === 'replace') {
              q.push(o.t, o.k, o.target, ++aux);
              ref.push(o.t, o.k, o.target, aux);
            }
            q.settle();
          }
          expect(q.size).toBe(ref.size);
          if (ref.size > 0) {
            const r = ref.top();
            expect([q.topTime, q.topKind, q.topTarget, q.topAux]).toEqual([r.t, r.kind, r.target, r.aux]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Simulation', () => {
  it('runs events in order, never moves the clock backwards and clamps past schedules to now', () => {
    const sim = new Simulation([0, 1]);
    const seen: [number, number][] = [];
    sim.on(0, (target) => {
      seen.push([sim.now, target]);
      if (target < 5) sim.schedule(sim.now - 1, 0, target + 1); // in the past: clamped to now
    });
    sim.on(1, (target) => {
      seen.push([sim.now, target]);
      sim.schedule(sim.now + 1, 1, target + 1);
    });
    sim.schedule(2, 0, 0);
    sim.schedule(0, 1, 100);
    expect(sim.run(4)).toBe('horizon');
    expect(sim.now).toBe(4);
    expect(seen).toEqual([[0, 100], [1, 101], [2, 0], [2, 1], [2, 2], [2, 3], [2, 4], [2, 5], [2, 102], [3, 103], [4, 104]]);
    for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
    expect(sim.run(10, 3)).toBe('event-budget');
  });

  it('is deterministic: the same schedule gives the same trace', () => {
    const trace = () => {
      const sim = new Simulation([0, 0, 1]);
      const out: number[] = [];
      let x = 12345;
      const lcg = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (const k of [0, 1, 2]) {
        sim.on(k, (target, aux) => {
          out.push(sim.now, k, target, aux);
          if (out.length < 4000) sim.schedule(sim.now + Math.floor(lcg() * 4) / 2, Math.floor(lcg() * 3), target + 1, aux * 2);
        });
      }
      for (let i = 0; i < 5; i++) sim.schedule(i / 2, i % 3, i, i);
      sim.run(Infinity);
      return out;
    };
    expect(trace()).toEqual(trace());
  });
});
