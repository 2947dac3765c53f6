import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newTraceRecord, openTrace, type TraceOptions, type TraceRecord } from '../../src/workload/traces/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-transforms-'));
const N = 1000;
// Arrivals at 1000 + i seconds (i = 0..999), prompt = i + 1, one hash block per request = i.
const p = join(dir, 'trace.csv');
writeFileSync(p, `t,in,out,h\n${Array.from({ length: N }, (_, i) => `${1000 + i},${i + 1},7,${i}`).join('\n')}\n`);
const base: TraceOptions = { format: 'generic', columns: { time: 't', prompt: 'in', output: 'out', hashIds: 'h' } };

function drain(opts: Partial<TraceOptions>): { recs: TraceRecord[]; filtered: number } {
  const c = openTrace(p, { ...base, ...opts });
  const recs: TraceRecord[] = [];
  const r = newTraceRecord();
  while (c.next(r)) recs.push({ ...r, hashIds: [...r.hashIds] });
  return { recs, filtered: c.filtered };
}

function nonDecreasing(recs: TraceRecord[]): boolean {
  return recs.every((r, i) => i === 0 || r.time >= recs[i - 1].time);
}

describe('replay transforms', () => {
  it('window keeps [start, end) from the first record and makes its start time 0', () => {
    const { recs, filtered } = drain({ window: { start: 100, end: 200 } });
    expect(recs).toHaveLength(100);
    expect(recs[0]).toMatchObject({ time: 0, promptTokens: 101 });
    expect(recs[99]).toMatchObject({ time: 99, promptTokens: 200 });
    expect(filtered).toBe(100); // before the window; reading stops at the end
  });

  it('timeScale stretches and offset shifts', () => {
    const { recs } = drain({ timeScale: 2, offset: 5, window: { start: 10, end: 20 } });
    expect(recs.map((r) => r.time)).toEqual(Array.from({ length: 10 }, (_, i) => 5 + 2 * i));
  });

  it('rateScale < 1 thins deterministically, keeping the span', () => {
    const a = drain({ rateScale: 0.3, seed: 1 }).recs;
    const b = drain({ rateScale: 0.3, seed: 1 }).recs;
    const c = drain({ rateScale: 0.3, seed: 2 }).recs;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(Math.abs(a.length - 300)).toBeLessThan(4 * Math.sqrt(N * 0.3 * 0.7));
    expect(a.every((r) => r.time === r.promptTokens - 1)).toBe(true); // kept records are untouched
    expect(nonDecreasing(a)).toBe(true);
  });

  it('rateScale > 1 superposes jittered copies inside each gap, keeping the span and order', () => {
    const { recs } = drain({ rateScale: 2.5, seed: 3 });
    expect(Math.abs(recs.length - 2500)).toBeLessThan(4 * Math.sqrt(N * 0.25));
    expect(nonDecreasing(recs)).toBe(true);
    expect(recs[0].time).toBe(0);
    expect(recs[recs.length - 1].time).toBeLessThanOrEqual(999);
    for (const r of recs) {
      const i = r.promptTokens - 1;
      expect(r.time).toBeGreaterThanOrEqual(i);
      expect(r.time).toBeLessThan(i + 1);
      // Copy j of hash h gets h·3 + j, so copies do not share prefixes with each other.
      expect(Math.floor(r.hashIds[0] / 3)).toBe(i);
    }
    const copies = new Map<number, number>();
    for (const r of recs) copies.set(r.promptTokens, (copies.get(r.promptTokens) ?? 0) + 1);
    expect([...copies.values()].every((n) => n === 2 || n === 3)).toBe(true);
    expect(drain({ rateScale: 2.5, seed: 3 }).recs).toEqual(recs);
  });

  it('rateScale 1 is the identity', () => {
    const { recs } = drain({ rateScale: 1 });
    expect(recs).toHaveLength(N);
    expect(recs.map((r) => r.hashIds[0])).toEqual(Array.from({ length: N }, (_, i) => i));
  });
});
