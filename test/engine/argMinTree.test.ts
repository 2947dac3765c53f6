import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ArgMinTree } from '../../src/serving/internal/argMinTree.js';

/** Reference: a linear scan, ties to the lowest slot (the router's rule). */
function scan(v: number[], lo: number, hi: number): number {
  let best = -1;
  for (let i = lo; i < hi; i++) if (best < 0 || v[i] < v[best]) best = i;
  return best;
}

describe('ArgMinTree', () => {
  it('matches a linear scan after random updates, over random ranges, with many ties (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 5 }), fc.nat(), fc.nat()), { maxLength: 200 }),
        (n, ops) => {
          const t = new ArgMinTree(n);
          const v = new Array<number>(n).fill(0);
          expect(t.argMin()).toBe(0);
          for (const [slot, value, a, b] of ops) {
            const s = slot % n;
            t.set(s, value);
            v[s] = value;
            expect(t.argMin()).toBe(scan(v, 0, n));
            const lo = a % (n + 1);
            const hi = lo + (b % (n + 1 - lo));
            expect(t.argMinRange(lo, hi)).toBe(scan(v, lo, hi));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
