/** `fleetsim perf` — the question an engineer asks before a benchmark — with and without a power cap. */
import { afterAll, describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

const tmp = tempDir('fleetsim-perfcli-');
afterAll(() => tmp.cleanup());

interface PerfOut {
  powerCapW: number;
  prefill: { seconds: number; clock: number; powerW: number; capMet: boolean; computeBound: boolean };
  decode: { seconds: number; clock: number; powerW: number; capMet: boolean };
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

  it('a cap in watts works like a fraction of TDP, in every spelling', async () => {
    const frac = JSON.parse((await runCli('perf', ...args, '--power-cap', '0.7')).stdout) as PerfOut;
    for (const spelling of ['490', '490W', '70%']) {
      const w = JSON.parse((await runCli('perf', ...args, '--power-cap', spelling)).stdout) as PerfOut;
      expect(w.prefill.seconds, spelling).toBeCloseTo(frac.prefill.seconds, 6);
    }
  });

  it('a cap the lowest clock cannot meet is reported, not printed as met', async () => {
    // A long-context decode is memory-bound: its power barely falls with the SM clock.
    const r = await runCli('perf', '--gpu', 'H100', '--model', 'gemma-3-27b', '--prompt', '8000', '--batch', '4', '--context', '12000', '--power-cap', '0.6', '--json');
    const o = JSON.parse(r.stdout) as PerfOut;
    expect(o.decode.clock).toBeCloseTo(0.3, 9);
    expect(o.decode.powerW).toBeGreaterThan(o.powerCapW);
    expect(o.decode.capMet).toBe(false);
    expect(o.prefill.capMet).toBe(true);
    const text = await runCli('perf', '--gpu', 'H100', '--model', 'gemma-3-27b', '--prompt', '8000', '--batch', '4', '--context', '12000', '--power-cap', '0.6');
    expect(text.stdout).toMatch(/above the cap even at the lowest clock/);
  });

  it('a cap below idle power, or one that is not a power, exits 2 with the reason', async () => {
    const low = await runCli('perf', ...args, '--power-cap', '1.5');
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/1\.5 W per GPU \("1\.5"\) is below the GPU's idle power with weights loaded \(130 W\)/);
    const bad = await runCli('perf', ...args, '--power-cap', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--power-cap: expected a fraction of TDP \(0\.7 or 70%\) or watts \(490W\), got "abc"/);
    // The same rule in a scenario file: "0.5W" is half a watt, not half the TDP.
    const f = tmp.write('cap.yaml', 'seed: 3\nhorizon: 5m\nworkload:\n  chat: { rate: 4/s, prompt: 600, output: 150 }\nfleet:\n  pools:\n    - { name: p, model: llama-3.1-8b, gpu: H100, replicas: 2, powerCap: 0.5W }\n');
    const sc = await runCli('validate', f);
    expect(sc.code).toBe(2);
    expect(sc.stderr).toMatch(/fleet\.pools\[0\]\.powerCap: 0\.5 W per GPU is below H100's idle power/);
    expect(hasStackTrace(sc.stderr + low.stderr + bad.stderr)).toBe(false);
  });
});
