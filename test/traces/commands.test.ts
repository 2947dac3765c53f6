import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { fitCommand } from '../../src/cli/commands/fit.js';
import { traceStatsCommand } from '../../src/cli/commands/trace-stats.js';
import type { CliIo } from '../../src/cli/io.js';

const DATA = resolve(process.cwd(), '../shared/data/traces');
const haveData = existsSync(`${DATA}/azure2023_conv.csv`) && existsSync(`${DATA}/mooncake_synthetic.jsonl`);
if (!haveData) console.warn(`[test/traces] skipping fit/trace-stats command tests: ${DATA} not found (../shared is absent)`);

function fakeIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', env: {}, columns: undefined, isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe.skipIf(!haveData)('fit and trace-stats commands', () => {
  it('fit prints parseable, commented YAML with the format detected', async () => {
    const io = fakeIo();
    expect(await fitCommand({ trace: `${DATA}/azure2023_conv.csv` }, io)).toBe(0);
    expect(io.out).toMatch(/^# Fitted by fleetsim fit from azure2023_conv.csv \(azure\)/);
    expect(io.out).toMatch(/dist: lognormal, median:/);
    const block = (YAML.parse(io.out) as { workload: { fitted: { rate: string; prompt: { dist: string; percentiles: Record<string, number> } } } }).workload.fitted;
    expect(parseFloat(block.rate)).toBeCloseTo(5.53, 2);
    expect(block.prompt.dist).toBe('empirical');
    expect(Object.keys(block.prompt.percentiles)).toContain('p99.9');
    if (process.env.SHOW_FIT) console.log(io.out);
  });

  it('trace-stats prints a table and JSON', async () => {
    const io = fakeIo();
    expect(await traceStatsCommand({ trace: `${DATA}/mooncake_synthetic.jsonl` }, io)).toBe(0);
    expect(io.out).toMatch(/requests\s+3,993/);
    expect(io.out).toMatch(/prefix reuse/);
    const j = fakeIo();
    await traceStatsCommand({ trace: `${DATA}/azure2023_conv.csv`, json: true, windowSeconds: 300 }, j);
    expect(JSON.parse(j.out).count).toBe(19366);
  });
});
