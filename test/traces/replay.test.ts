import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newTraceRecord, openTrace } from '../../src/workload/traces/index.js';
import type { TraceOptions, TraceRecord } from '../../src/workload/traces/index.js';

const DATA = resolve(process.cwd(), '../shared/data/traces');
const AZURE = `${DATA}/azure2023_conv.csv`;
const MOONCAKE = `${DATA}/mooncake_synthetic.jsonl`;
const haveData = existsSync(AZURE) && existsSync(MOONCAKE);
if (!haveData) console.warn(`[test/traces] skipping real-trace replay tests: ${DATA} not found (../shared is absent)`);

/** Reads everything from a cursor, copying records. */
export function drain(path: string, opts: TraceOptions): TraceRecord[] {
  const c = openTrace(path, opts);
  const out: TraceRecord[] = [];
  const r = newTraceRecord();
  while (c.next(r)) out.push({ ...r, hashIds: [...r.hashIds] });
  expect(c.next(r)).toBe(false);
  return out;
}

describe.skipIf(!haveData)('real traces replay exactly', () => {
  it('azure2023_conv.csv: count, token sums and arrival times', () => {
    // Independent naive parse: split lines, time of day from the text (the trace spans one day).
    const lines = readFileSync(AZURE, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
    const naive = lines.map((l) => {
      const [ts, p, o] = l.split(',');
      const [, hms] = ts.split(' ');
      const [h, m, s] = hms.split(':');
      return { t: Number(h) * 3600 + Number(m) * 60 + Number(s), p: Number(p), o: Number(o) };
    });
    const got = drain(AZURE, { format: 'azure' });
    expect(got.length).toBe(naive.length);
    expect(got.length).toBe(19366);
    expect(got.reduce((a, r) => a + r.promptTokens, 0)).toBe(naive.reduce((a, r) => a + r.p, 0));
    expect(got.reduce((a, r) => a + r.outputTokens, 0)).toBe(naive.reduce((a, r) => a + r.o, 0));
    let maxErr = 0;
    for (let i = 0; i < got.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(got[i].time - (naive[i].t - naive[0].t)));
      expect(got[i].promptTokens).toBe(naive[i].p);
      expect(got[i].outputTokens).toBe(naive[i].o);
      expect(got[i].hashIds).toEqual([]);
    }
    expect(maxErr).toBeLessThan(1e-9);
    expect(got[0].time).toBe(0);
  });

  it('mooncake_synthetic.jsonl: count, token sums, arrival times and hashes', () => {
    const naive = readFileSync(MOONCAKE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { timestamp: number; input_length: number; output_length: number; hash_ids: number[] });
    const got = drain(MOONCAKE, { format: 'mooncake' });
    expect(got.length).toBe(naive.length);
    expect(got.length).toBe(3993);
    expect(got.reduce((a, r) => a + r.promptTokens, 0)).toBe(naive.reduce((a, r) => a + r.input_length, 0));
    expect(got.reduce((a, r) => a + r.outputTokens, 0)).toBe(naive.reduce((a, r) => a + r.output_length, 0));
    for (let i = 0; i < got.length; i++) {
      expect(got[i].time).toBeCloseTo((naive[i].timestamp - naive[0].timestamp) / 1000, 12);
      expect(got[i].hashIds).toEqual(naive[i].hash_ids);
      expect(got[i].blockTokens).toBe(512);
    }
  });

  it('tiny chunk sizes give the same records', () => {
    const a = drain(MOONCAKE, { format: 'mooncake' }).slice(0, 300);
    const b = drain(MOONCAKE, { format: 'mooncake', chunkSize: 7 }).slice(0, 300);
    expect(b).toEqual(a);
  });
});
