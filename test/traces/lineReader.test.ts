import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../src/io/lineReader.js';

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-lines-'));
let k = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `f${k++}.txt`);
  writeFileSync(p, content);
  return p;
}

function readAll(path: string, chunkSize?: number): [number, string][] {
  const rd = new LineReader(path, chunkSize ? { chunkSize } : {});
  const out: [number, string][] = [];
  while (rd.next()) out.push([rd.lineNumber, rd.text()]);
  expect(rd.next()).toBe(false);
  return out;
}

describe('LineReader', () => {
  const text = '\uFEFFhéllo,wörld\r\n\r\n日本語の行\n🙂 emoji line\r\nlast line without newline';
  const expected: [number, string][] = [
    [1, 'héllo,wörld'],
    [2, ''],
    [3, '日本語の行'],
    [4, '🙂 emoji line'],
    [5, 'last line without newline'],
  ];

  it('drops the BOM and CR, keeps blank lines, returns the last line without a newline', () => {
    expect(readAll(file(text))).toEqual(expected);
  });

  it('is correct across chunk boundaries for every chunk size 1..40 (multi-byte characters split)', () => {
    const p = file(text);
    for (let c = 1; c <= 40; c++) expect(readAll(p, c), `chunk ${c}`).toEqual(expected);
  });

  it('handles an empty file, a lone newline and a trailing newline', () => {
    expect(readAll(file(''))).toEqual([]);
    expect(readAll(file('\n'))).toEqual([[1, '']]);
    expect(readAll(file('a\nb\n'), 1)).toEqual([[1, 'a'], [2, 'b']]);
  });

  it('long lines grow the buffer', () => {
    const long = 'x'.repeat(10_000);
    expect(readAll(file(`${long}\n${long}y`), 3)).toEqual([[1, long], [2, `${long}y`]]);
  });

  it('reports a missing file as a UserError', () => {
    expect(() => new LineReader(join(dir, 'nope.csv'))).toThrow(/cannot open trace/);
  });
});
