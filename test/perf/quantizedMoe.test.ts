import { describe, expect, it } from 'vitest';
import { defaultCalibration, getGpu, getModel } from '../../src/catalog/index.js';
import { createReplicaPerf } from '../../src/serving/perf/createReplicaPerf.js';
import type { WeightPrecision } from '../../src/serving/perf/types.js';

/** quantizedExpertEfficiency: only the routed experts of MoE models stored below bf16 are slowed. */
describe('quantised expert efficiency', () => {
  const gpu = getGpu('H100');
  const h100 = defaultCalibration('H100');
  const perf = (model: string, weightPrecision: WeightPrecision, eta?: number, tp = 1) =>
    createReplicaPerf({ gpu, model: getModel(model), tp, weightPrecision, kvPrecision: 'bf16', calibration: { ...h100, quantizedExpertEfficiency: eta } });
  const step = (p: ReturnType<typeof perf>, prefill: number, batch: number) => p.iterationTime(prefill, prefill * prefill / 2, batch, batch * 1500, 1);

  it('the H100 calibration carries a fitted value in (0, 1)', () => {
    expect(h100.quantizedExpertEfficiency).toBeGreaterThan(0.2);
    expect(h100.quantizedExpertEfficiency).toBeLessThan(1);
  });

  it('slows mxfp4 and fp8 MoE steps, memory-bound and compute-bound alike, by at most 1/η', () => {
    for (const [model, prec] of [['gpt-oss-20b', 'mxfp4'], ['qwen3-30b-a3b', 'fp8']] as const) {
      for (const [prefill, batch] of [[0, 8], [0, 512], [4096, 64]]) {
        const fast = step(perf(model, prec, 1), prefill, batch);
        const slow = step(perf(model, prec, 0.5), prefill, batch);
        expect(slow, `${model} ${prefill}/${batch}`).toBeGreaterThan(fast);
        expect(slow).toBeLessThanOrEqual(fast / 0.5 + 1e-12);
      }
    }
  });

  it('leaves bf16 MoE and every dense model unchanged, bit for bit', () => {
    for (const [model, prec] of [['qwen3-30b-a3b', 'bf16'], ['llama-3.1-8b', 'fp8'], ['llama-3.1-70b', 'int4']] as const) {
      const tp = model === 'llama-3.1-70b' ? 4 : 1;
      for (const [prefill, batch] of [[0, 8], [0, 256], [2048, 32]]) {
        expect(step(perf(model, prec, 0.3, tp), prefill, batch)).toBe(step(perf(model, prec, undefined, tp), prefill, batch));
      }
    }
  });

  it('η = 1 is the same as no factor', () => {
    expect(step(perf('gpt-oss-20b', 'mxfp4', 1), 1024, 64)).toBe(step(perf('gpt-oss-20b', 'mxfp4', undefined), 1024, 64));
  });
});
