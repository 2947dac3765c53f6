/** `fleetsim perf` — the question an engineer asks before a benchmark — with and without a power cap. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

interface PerfOut {
  powerCapW: number;
  prefill: { seconds: number; clock: number; powerW: number; computeBound: boolean };
  decode: { seconds: number; clock: number; powerW: number };
}

const args = ['--gpu', 'H100', '--model', 'llama-2-70b', '--tp', '4', '--prompt', '2048', '--batch', '8', '--context', '2560', '--json'];

describe('fleetsim perf --power-cap', () => {
  it('a 70 % cap slows the compute-bound prefill more than the memory-bound decode, and the printed power meets it', async () => {
    const free = await runCli('perf', ...args);
    const cap = await runCli('perf', ...args, '--power-cap', '0.7');
    expect(free.code, free.stderr).toBe(0);
    expect(cap.code, cap.stderr).toBe(0);
    const f = JSON.parse(free.stdout) as PerfOut;
    const c = JSON.parse(cap.stdout) as PerfOut;
    expect(c.powerCapW).toBeCloseTo(0.7 * 700, 9);
    expect(c.prefill.computeBound).toBe(true);
    expect(c.prefill.clock).toBeLessThan(1);
    expect(c.prefill.powerW).toBeLessThanOrEqual(c.powerCapW + 1e-6);
    expect(c.decode.powerW).toBeLessThanOrEqual(c.powerCapW + 1e-6);
    const prefillSlowdown = c.prefill.seconds / f.prefill.seconds;
    const decodeSlowdown = c.decode.seconds / f.decode.seconds;
    expect(prefillSlowdown).toBeGreaterThan(1.05);
    expect(decodeSlowdown).toBeLessThan(prefillSlowdown);
  });

  it('a cap in watts works like a fraction of TDP', async () => {
    const w = JSON.parse((await runCli('perf', ...args, '--power-cap', '490')).stdout) as PerfOut;
    const frac = JSON.parse((await runCli('perf', ...args, '--power-cap', '0.7')).stdout) as PerfOut;
    expect(w.prefill.seconds).toBeCloseTo(frac.prefill.seconds, 6);
  });
});
