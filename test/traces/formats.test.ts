import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { newTraceRecord, openTrace, type TraceOptions, type TraceRecord } from '../../src/workload/traces/index.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-traces-'));
let k = 0;
function file(content: string, ext = 'csv'): string {
  const p = join(dir, `t${k++}.${ext}`);
  writeFileSync(p, content);
  return p;
}

function drain(path: string, opts: TraceOptions): { recs: TraceRecord[]; skipped: number; filtered: number; first?: UserError } {
  const c = openTrace(path, opts);
  const recs: TraceRecord[] = [];
  const r = newTraceRecord();
  while (c.next(r)) recs.push({ ...r, hashIds: [...r.hashIds] });
  return { recs, skipped: c.skipped, filtered: c.filtered, first: c.firstSkipError };
}

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

const AZ = 'TIMESTAMP,ContextTokens,GeneratedTokens\r\n';

describe('Azure CSV', () => {
  it('reads ISO times with 7 fractional digits, BOM, CRLF, blank lines, quoted fields, no final newline', () => {
    const p = file(`\uFEFF${AZ}2023-11-16 18:15:46.6805900,374,44\r\n\r\n"2023-11-16 18:15:50.9951690","396",109\r\n2023-11-16 18:16:46.6805901,1,0`);
    const { recs } = drain(p, { format: 'azure' });
    expect(recs.map((r) => [r.time, r.promptTokens, r.outputTokens])).toEqual([
      [0, 374, 44],
      [expect.closeTo(4.314579, 9), 396, 109],
      [expect.closeTo(60.0000001, 9), 1, 0],
    ]);
  });

  it.each([
    ['2023-11-16 18:15:47.0,-3,44', /ContextTokens.*non-negative/],
    ['2023-11-16 18:15:47.0,abc,44', /ContextTokens.*expected an integer token count, found "abc"/],
    ['2023-11-16 18:15:47.0,NaN,44', /ContextTokens.*found "NaN"/],
    ['2023-11-16 18:15:47.0,1e30,44', /ContextTokens.*≤ 10000000/],
    ['2023-11-16 18:15:47.0,12.5,44', /whole number/],
    ['2023-11-16 18:15:47.0,12,', /GeneratedTokens.*empty field/],
    ['2023-11-16 18:15:47.0,12', /expected at least 3 fields, found 2/],
    ['2023-13-16 18:15:47.0,12,3', /TIMESTAMP.*ISO-8601/],
    ['yesterday,12,3', /TIMESTAMP.*found "yesterday"/],
    ['"2023-11-16 18:15:47.0,12,3', /unterminated quoted field 1/],
    ['2023-11-16 18:15:40.0,12,3', /timestamps go backwards/],
  ])('malformed line %s names line 3 and what was wrong', (bad, why) => {
    const p = file(`${AZ}2023-11-16 18:15:46.6805900,374,44\n${bad}\n2023-11-16 18:15:48.0,5,6\n`);
    const e = errorOf(() => drain(p, { format: 'azure' }));
    expect(e.line).toBe(3);
    expect(e.file).toBe(p);
    expect(`${e.path ?? ''}: ${e.message}`).toMatch(why);
    const s = drain(p, { format: 'azure', onError: 'skip' });
    expect(s.recs.map((r) => r.promptTokens)).toEqual([374, 5]);
    expect(s.skipped).toBe(1);
    expect(s.first?.line).toBe(3);
  });

  it('a missing column is a header error listing what was found', () => {
    const p = file('TIMESTAMP,Context\n2023-11-16 18:15:46.68,1,2\n');
    expect(errorOf(() => openTrace(p, { format: 'azure' })).message).toMatch(/no column "ContextTokens"; found "TIMESTAMP", "Context"/);
  });
});

describe('Mooncake JSONL', () => {
  it('reads ms timestamps and hash ids; malformed JSON names the line', () => {
    const p = file('{"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]}\n{"timestamp": 1500, "extra": {"a": [1, "}"]}, "input_length": 10, "output_length": 1, "hash_ids": []}\n', 'jsonl');
    const { recs } = drain(p, { format: 'mooncake' });
    expect(recs).toEqual([
      { time: 0, promptTokens: 600, outputTokens: 5, hashIds: [1, 2], blockTokens: 512 },
      { time: 1.5, promptTokens: 10, outputTokens: 1, hashIds: [], blockTokens: 512 },
    ]);
    const bad = file('{"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [1]}\n{"timestamp": 1, "input_length": 6\n{"timestamp": 2, "input_length": 6, "output_length": 1}\n{"timestamp": 3, "input_length": 6, "output_length": 1, "hash_ids": [1.5]}\n', 'jsonl');
    const e = errorOf(() => drain(bad, { format: 'mooncake' }));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/invalid JSON/);
    const s = drain(bad, { format: 'mooncake', onError: 'skip' });
    expect(s.recs).toHaveLength(1);
    expect(s.skipped).toBe(3);
  });
});

describe('BurstGPT CSV', () => {
  const p = file('Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n5,ChatGPT,100,20,120,Conversation log\n6,GPT-4,50,0,50,Conversation log\n7.5,GPT-4,70,30,100,API log\n');
  it('filters failed requests by default and by model when asked', () => {
    const all = drain(p, { format: 'burstgpt' });
    expect(all.recs.map((r) => [r.time, r.promptTokens, r.outputTokens])).toEqual([[0, 100, 20], [2.5, 70, 30]]);
    expect(all.filtered).toBe(1);
    expect(drain(p, { format: 'burstgpt', includeFailed: true }).recs).toHaveLength(3);
    const gpt4 = drain(p, { format: 'burstgpt', model: 'GPT-4' });
    expect(gpt4.recs.map((r) => r.promptTokens)).toEqual([70]);
    expect(gpt4.filtered).toBe(2);
  });
});

describe('generic format', () => {
  it('maps CSV columns, microsecond times and hash lists', () => {
    const p = file('id,t,in,out,blocks\na,1000000,10,2,"1 2 3"\nb,1250000,20,3,[4;5]\n');
    const { recs } = drain(p, { format: 'generic', columns: { time: 't', prompt: 'in', output: 'out', hashIds: 'blocks' }, timeUnit: 'us', blockTokens: 16 });
    expect(recs).toEqual([
      { time: 0, promptTokens: 10, outputTokens: 2, hashIds: [1, 2, 3], blockTokens: 16 },
      { time: 0.25, promptTokens: 20, outputTokens: 3, hashIds: [4, 5], blockTokens: 16 },
    ]);
  });
  it('maps JSONL keys with ISO times and zones', () => {
    const p = file('{"when": "2024-01-01T00:00:00Z", "p": 1, "o": "2"}\n{"when": "2024-01-01T01:00:01+01:00", "p": 3, "o": 4}\n', 'ndjson');
    const { recs } = drain(p, { format: 'generic', columns: { time: 'when', prompt: 'p', output: 'o' }, timeUnit: 'iso' });
    expect(recs.map((r) => [r.time, r.promptTokens, r.outputTokens])).toEqual([[0, 1, 2], [1, 3, 4]]);
  });
  it('rejects bad options with the option named', () => {
    const p = file('a,b,c\n1,2,3\n', 'txt');
    expect(errorOf(() => openTrace(p, { format: 'generic' })).path).toBe('columns');
    expect(errorOf(() => openTrace(p, { format: 'generic', columns: { time: 'a', prompt: 'b', output: 'c' } })).path).toBe('fileType');
    expect(errorOf(() => openTrace(p, { format: 'azure', timeScale: 0 })).path).toBe('timeScale');
    expect(errorOf(() => openTrace(p, { format: 'azure', rateScale: -1 })).path).toBe('rateScale');
    expect(errorOf(() => openTrace(p, { format: 'azure', window: { start: 5, end: 5 } })).path).toBe('window.end');
  });
});
