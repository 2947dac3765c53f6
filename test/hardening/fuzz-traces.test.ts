import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openTrace } from '../../src/workload/traces/openTrace.js';
import { detectFormat } from '../../src/workload/traces/detectFormat.js';
import { newTraceRecord, type TraceOptions } from '../../src/workload/traces/types.js';
import { tempDir } from '../support/cli.js';
import { fuzzParams, okOrUserError } from './fuzz.js';

/**
 * Fuzzing the trace readers: random and truncated lines, wrong types, huge numbers, NaN, Infinity,
 * negative and unsorted times, BOMs, CRLF. Each file replays (every record well-formed, times never
 * decreasing) or is rejected with a UserError; with `onError: skip` bad lines are counted instead.
 */
const tmp = tempDir('fleetsim-fuzz-trace-');
afterAll(() => tmp.cleanup());

const oddNumber = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '1e308', '-5', '-0', '0', '2.5', '9007199254740993', '', ' ', 'abc', 'null', 'true', '"7"', '0x10', '1_000', '١٢');
const num = (good: fc.Arbitrary<number>) => fc.oneof({ weight: 6, arbitrary: good.map(String) }, { weight: 1, arbitrary: oddNumber }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
const tokens = num(fc.integer({ min: 0, max: 100_000 }));

interface Spec { name: string; header: string; row: fc.Arbitrary<(t: number) => string>; opts: TraceOptions; ext: string }
const iso = (t: number) => {
  const d = new Date(Date.UTC(2023, 10, 16) + t * 1000);
  return Number.isNaN(d.getTime()) ? 'not-a-date' : d.toISOString().replace('T', ' ').replace('Z', '0000');
};
const timeOf = (good: boolean, shift: number, odd: string) => (t: number) => (good ? String(t + shift) : odd);
const timeArb = fc.tuple(fc.integer({ min: 0, max: 9 }).map((x) => x < 8), fc.integer({ min: -50, max: 5 }), oddNumber);

const SPECS: Spec[] = [
  {
    name: 'azure', header: 'TIMESTAMP,ContextTokens,GeneratedTokens', ext: 'csv', opts: { format: 'azure' },
    row: fc.tuple(timeArb, tokens, tokens).map(([[g, s, o], p, q]) => (t: number) => `${g ? iso(t + s) : o},${p},${q}`),
  },
  {
    name: 'burstgpt', header: 'Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type', ext: 'csv', opts: { format: 'burstgpt' },
    row: fc.tuple(timeArb, fc.constantFrom('ChatGPT', 'GPT-4', ''), tokens, tokens).map(([[g, s, o], m, p, q]) => (t: number) => `${timeOf(g, s, o)(t)},${m},${p},${q},${Number(p) + Number(q)},Conversation log`),
  },
  {
    name: 'mooncake', header: '', ext: 'jsonl', opts: { format: 'mooncake' },
    row: fc.tuple(timeArb, tokens, tokens, fc.array(fc.oneof(fc.integer(), fc.constant(-1), fc.constant(1e300)), { maxLength: 4 }), fc.boolean()).map(
      ([[g, s, o], p, q, h, wrongType]) => (t: number) =>
        `{"timestamp": ${g ? (t + s) * 1000 : JSON.stringify(o)}, "input_length": ${wrongType ? JSON.stringify(p) : p || 0}, "output_length": ${q || 0}, "hash_ids": ${JSON.stringify(h)}}`,
    ),
  },
  {
    name: 'generic csv', header: 'time,prompt,output', ext: 'csv', opts: { format: 'generic', columns: { time: 'time', prompt: 'prompt', output: 'output' }, timeUnit: 'ms' },
    row: fc.tuple(timeArb, tokens, tokens).map(([[g, s, o], p, q]) => (t: number) => `${timeOf(g, s * 1000, o)(t * 1000)},${p},${q}`),
  },
  {
    name: 'generic jsonl', header: '', ext: 'jsonl', opts: { format: 'generic', columns: { time: 't', prompt: 'p', output: 'o' } },
    row: fc.tuple(timeArb, tokens, tokens).map(([[g, s, o], p, q]) => (t: number) => `{"t": ${g ? t + s : JSON.stringify(o)}, "p": ${/^\d+$/.test(p) ? p : JSON.stringify(p)}, "o": ${/^\d+$/.test(q) ? q : JSON.stringify(q)}}`),
  },
];

const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('', ',,,', '{', '[]', '{}', 'null', '"', '\u0000\u0000', ',1,2', '{"timestamp":1}'));

let n = 0;
describe('trace reader fuzzing', () => {
  it.each(SPECS.map((s) => [s.name, s] as const))('%s: random files replay cleanly or are rejected with a UserError', (_name, spec) => {
    const lines = fc.array(fc.oneof({ weight: 8, arbitrary: spec.row.map((f) => ({ f })) }, { weight: 1, arbitrary: junk.map((j) => ({ j })) }), { maxLength: 25 });
    const layout = fc.record({
      bom: fc.boolean(), crlf: fc.boolean(), cut: fc.option(fc.nat(), { nil: undefined }), onError: fc.constantFrom<'fail' | 'skip'>('fail', 'skip'),
      chunk: fc.constantFrom(undefined, 1, 3, 17), blankLines: fc.boolean(),
    });
    let replayed = 0;
    let rejected = 0;
    fc.assert(fc.property(lines, layout, (ls, o) => {
      const body = ls.map((l, i) => ('f' in l ? l.f(i * 0.5) : l.j)).flatMap((l) => (o.blankLines ? [l, ''] : [l]));
      let text = (spec.header ? [spec.header, ...body] : body).join(o.crlf ? '\r\n' : '\n');
      if (o.cut !== undefined && text.length > 0) text = text.slice(0, o.cut % text.length);
      const file = tmp.write(`t${n++}.${spec.ext}`, (o.bom ? '\uFEFF' : '') + text);
      const verdict = okOrUserError(() => {
        const cur = openTrace(file, { ...spec.opts, onError: o.onError, ...(o.chunk ? { chunkSize: o.chunk } : {}) });
        const r = newTraceRecord();
        let last = -Infinity;
        try {
          while (cur.next(r)) {
            expect(Number.isFinite(r.time)).toBe(true);
            expect(r.time).toBeGreaterThanOrEqual(last);
            expect(Number.isSafeInteger(r.promptTokens) && r.promptTokens >= 0).toBe(true);
            expect(Number.isSafeInteger(r.outputTokens) && r.outputTokens >= 0).toBe(true);
            last = r.time;
          }
          expect(cur.next(r)).toBe(false); // exhaustion is permanent
        } finally {
          cur.close();
        }
      }, { spec: spec.name, text });
      if (verdict === 'ok') replayed++;
      else rejected++;
      okOrUserError(() => detectFormat(file), text);
    }), fuzzParams(150));
    expect(replayed).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});
