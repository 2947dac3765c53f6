import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCatalog, findGpu, findModel, getGpu, getModel, unknownGpuMessage, unknownModelMessage } from '../../src/catalog/index.js';
import { createReplicaPerf } from '../../src/serving/perf/createReplicaPerf.js';
import { UserError } from '../../src/errors.js';
import type { GpuSpec } from '../../src/serving/perf/types.js';

const h100 = getGpu('H100');
const l70 = getModel('llama-3.1-70b');
const perf = createReplicaPerf({ gpu: h100, model: l70, tp: 4, weightPrecision: 'bf16', kvPrecision: 'bf16' });
const moe = createReplicaPerf({ gpu: h100, model: getModel('qwen3-30b-a3b'), tp: 1, weightPrecision: 'bf16', kvPrecision: 'bf16' });

describe('KV capacity', () => {
  it('Llama-3.1-70B bf16 on 4×H100 matches the hand computation', () => {
    // 2 (K,V) × 80 layers × 8 KV heads × 128 head dim × 2 bytes = 327,680 B/token
    expect(perf.kvBytesPerToken).toBe(327_680);
    // 4 GPUs × 81,559 MiB × 0.9 − 70.55e9 params × 2 B = 307,874,915,942.4 − 141.1e9 = 166,774,915,942.4 B
    expect(perf.weightBytes).toBeCloseTo(141.1e9, 0);
    expect(perf.kvCapacityTokens).toBe(Math.floor(166_774_915_942.4 / 327_680)); // 508,956 tokens
  });
  it('MLA stores the latent: DeepSeek-V3 fp8 KV = 61 × (512 + 64) × 1 B per TP rank', () => {
    const ds = createReplicaPerf({ gpu: getGpu('H200'), model: getModel('deepseek-v3'), tp: 8, weightPrecision: 'fp8', kvPrecision: 'fp8' });
    expect(ds.kvBytesPerToken).toBe(61 * 576 * 8);
  });
});

describe('errors', () => {
  it('a model that does not fit names the numbers and a remedy, exit 2', () => {
    let err: unknown;
    try { createReplicaPerf({ gpu: h100, model: getModel('llama-3.1-405b'), tp: 4, weightPrecision: 'bf16', kvPrecision: 'bf16' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/756\.0 GiB/);
    expect(e.message).toMatch(/286\.\d GiB usable/);
    expect(e.message).toMatch(/Try TP 16/);
  });
  it('unknown names list the known ones, closest first', () => {
    expect(unknownGpuMessage('H10')).toMatch(/known GPUs \(closest first\): H100, H200/);
    expect(unknownModelMessage('lama-3.1-70b')).toMatch(/closest first\): llama-3\.1-70b/);
    expect(() => getModel('gpt-5')).toThrow(UserError);
  });
});

describe('aliases', () => {
  it.each(['H100', 'h100-sxm', 'H100 SXM5 80GB', 'nvidia-h100-sxm5-80gb'])('GPU %s', (n) => expect(findGpu(n)?.id).toBe('H100'));
  it.each(['a100', 'A100-80GB', 'A100 SXM4 80GB'])('GPU %s', (n) => expect(findGpu(n)?.id).toBe('A100-80GB'));
  it.each(['llama-3.1-70b', 'Llama-3.1-70B-Instruct', 'meta-llama/Llama-3.1-70B', 'LLAMA 3.1 70B'])('model %s', (n) => expect(findModel(n)?.id).toBe('llama-3.1-70b'));
  it.each([['Qwen/Qwen3-235B-A22B-Instruct-2507-FP8', 'qwen3-235b-a22b'], ['google/gemma-3-27b-it', 'gemma-3-27b'], ['openai/gpt-oss-120b', 'gpt-oss-120b']])('model %s', (n, id) => expect(findModel(n)?.id).toBe(id));
  it('createCatalog adds and overrides entries', () => {
    const priv: GpuSpec = { ...h100, id: 'X1', name: 'Private X1' };
    const c = createCatalog({ gpus: [priv, { ...h100, tdpW: 500 }] });
    expect(c.findGpu('x1')?.name).toBe('Private X1');
    expect(c.getGpu('H100').tdpW).toBe(500);
    expect(getGpu('H100').tdpW).toBe(700);
  });
});

const tok = fc.integer({ min: 0, max: 20000 });
const bat = fc.integer({ min: 1, max: 512 });
const ctx = fc.integer({ min: 0, max: 4096 });
const clk = fc.double({ min: 0.3, max: 1, noNaN: true });

describe('monotonicity', () => {
  for (const [name, p] of [['dense TP4', perf], ['MoE', moe]] as const) {
    it(`${name}: more prefill tokens, a bigger batch or more context never make a step faster`, () => {
      fc.assert(fc.property(tok, tok, bat, bat, ctx, clk, (p1, p2, b1, b2, c, f) => {
        const [pa, pb] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const [ba, bb] = b1 <= b2 ? [b1, b2] : [b2, b1];
        expect(p.iterationTime(pb, (pb * pb) / 2, bb, bb * c, f)).toBeGreaterThanOrEqual(p.iterationTime(pa, (pa * pa) / 2, ba, ba * c, f));
        expect(p.iterationTime(pa, 0, ba, bb * c, f)).toBeGreaterThanOrEqual(p.iterationTime(pa, 0, ba, ba * c, f));
      }));
    });
    it(`${name}: a higher clock never makes a step slower`, () => {
      fc.assert(fc.property(tok, bat, ctx, clk, clk, (t, b, c, f1, f2) => {
        const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
        expect(p.iterationTime(t, (t * t) / 2, b, b * c, hi)).toBeLessThanOrEqual(p.iterationTime(t, (t * t) / 2, b, b * c, lo));
      }));
    });
  }
  it('more memory bandwidth or compute never makes a step slower', () => {
    const fast = createReplicaPerf({ gpu: { ...h100, memoryBandwidth: 2 * h100.memoryBandwidth, bf16Flops: 1.5 * h100.bf16Flops }, model: l70, tp: 4, weightPrecision: 'bf16', kvPrecision: 'bf16' });
    fc.assert(fc.property(tok, bat, ctx, (t, b, c) => {
      expect(fast.iterationTime(t, (t * t) / 2, b, b * c, 1)).toBeLessThanOrEqual(perf.iterationTime(t, (t * t) / 2, b, b * c, 1));
    }));
  });
});

describe('prefillSeqs (per-prompt prefill cost)', () => {
  const a100 = createReplicaPerf({ gpu: getGpu('A100-80GB'), model: getModel('llama-2-70b'), tp: 4, weightPrecision: 'bf16', kvPrecision: 'bf16' });
  it('defaults to 1 when there are prefill tokens and 0 otherwise', () => {
    expect(a100.calibration.prefillSeqOverheadS ?? 0).toBeGreaterThan(0);
    expect(a100.iterationTime(512, 512 ** 2 / 2, 8, 8000, 1)).toBe(a100.iterationTime(512, 512 ** 2 / 2, 8, 8000, 1, 1));
    expect(a100.iterationTime(0, 0, 8, 8000, 1)).toBe(a100.iterationTime(0, 0, 8, 8000, 1, 0));
    expect(a100.stepPowerW(512, 512 ** 2 / 2, 0, 0, 1)).toBe(a100.stepPowerW(512, 512 ** 2 / 2, 0, 0, 1, 1));
  });
  it('each extra prompt adds prefillSeqOverheadS, and more prompts never make a step faster', () => {
    const ov = a100.calibration.prefillSeqOverheadS ?? 0;
    const t1 = a100.iterationTime(8192, 16 * 512 ** 2 / 2, 0, 0, 1, 1);
    const t16 = a100.iterationTime(8192, 16 * 512 ** 2 / 2, 0, 0, 1, 16);
    expect(t16 - t1).toBeCloseTo(15 * ov, 12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 64 }), clk, (s, b, f) => {
      expect(a100.iterationTime(4096, 4096 ** 2 / 2, b, b * 1000, f, s + 1)).toBeGreaterThanOrEqual(a100.iterationTime(4096, 4096 ** 2 / 2, b, b * 1000, f, s));
    }));
  });
  it('decode-only steps on a calibration with a per-prompt cost still match decodeLines bit-for-bit', () => {
    const out = new Float64Array(4);
    fc.assert(fc.property(bat, fc.integer({ min: 0, max: 2_000_000 }), clk, (b, c, f) => {
      a100.decodeLines(b, f, out);
      const m = Math.max(out[0] + out[1] * c, out[2] + out[3] * c);
      expect(a100.iterationTime(0, 0, b, c, f)).toBe(m);
      expect(a100.iterationTime(0, 0, b, c, f, 0)).toBe(m);
    }));
  });
});

describe('decodeLines', () => {
  it('iterationTime(0, 0, B, C, f) is exactly max(a0 + a1·C, b0 + b1·C)', () => {
    const out = new Float64Array(4);
    for (const p of [perf, moe]) {
      fc.assert(fc.property(bat, fc.integer({ min: 0, max: 2_000_000 }), clk, (b, c, f) => {
        p.decodeLines(b, f, out);
        expect(out[1]).toBeGreaterThanOrEqual(0);
        expect(out[3]).toBeGreaterThanOrEqual(0);
        expect(p.iterationTime(0, 0, b, c, f)).toBe(Math.max(out[0] + out[1] * c, out[2] + out[3] * c));
      }));
    }
  });
});

describe('power', () => {
  it('prefill draws near TDP, decode less and rising with batch, idle-loaded above bare idle', () => {
    const pre = perf.iterationPowerW(8192, 0, 1);
    expect(pre).toBeGreaterThan(0.85 * h100.tdpW);
    expect(pre).toBeLessThanOrEqual(h100.tdpW);
    expect(perf.iterationPowerW(0, 8, 1)).toBeLessThan(pre);
    expect(perf.iterationPowerW(0, 128, 1)).toBeGreaterThan(perf.iterationPowerW(0, 8, 1));
    expect(perf.idlePowerW).toBeGreaterThan(h100.idleW);
  });
  it('a power cap slows prefill more than decode, and the capped power is within the cap', () => {
    const cap = 0.6 * h100.tdpW;
    const cp = perf.clockForPowerCap(cap, 8192, 0);
    const cd = perf.clockForPowerCap(cap, 0, 32);
    expect(perf.iterationPowerW(8192, 0, cp)).toBeLessThanOrEqual(cap + 1e-6);
    const slowPrefill = perf.iterationTime(8192, 8192 ** 2 / 2, 0, 0, cp) / perf.iterationTime(8192, 8192 ** 2 / 2, 0, 0, 1);
    const slowDecode = perf.iterationTime(0, 0, 32, 32 * 1024, cd) / perf.iterationTime(0, 0, 32, 32 * 1024, 1);
    expect(slowPrefill).toBeGreaterThan(1.1);
    expect(slowPrefill).toBeGreaterThan(slowDecode);
  });
  it('power never rises when the clock falls', () => {
    fc.assert(fc.property(tok, bat, clk, clk, (t, b, f1, f2) => {
      const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
      expect(perf.iterationPowerW(t, b, lo)).toBeLessThanOrEqual(perf.iterationPowerW(t, b, hi) + 1e-9);
    }));
  });
});
