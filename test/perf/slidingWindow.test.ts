/**
 * Sliding-window attention (Gemma 3, gpt-oss): KV and attention of the windowed layers stop growing
 * at the window, in the perf model, the catalog commands and the replica's KV accounting.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kvTokens, prefillAttention, kvGlobalFraction } from '../../src/serving/perf/window.js';
import { createReplicaPerf } from '../../src/serving/perf/createReplicaPerf.js';
import { getGpu, getModel } from '../../src/catalog/index.js';
import { modelProblems } from '../../src/catalog/validate.js';
import type { ModelSpec } from '../../src/serving/perf/types.js';
import { driveReplica, type Arrival } from '../support/replicaHarness.js';

const h100 = getGpu('H100');
const gemma = getModel('gemma-3-27b');
const { slidingWindow: _omit, ...gemmaFull } = gemma;
const gemmaNoWindow: ModelSpec = { ...gemmaFull, id: 'gemma-3-27b-full-attention' };
const perfOf = (model: ModelSpec) => createReplicaPerf({ gpu: h100, model, tp: 1, weightPrecision: 'bf16', kvPrecision: 'bf16' });

describe('window arithmetic (perf/window.ts)', () => {
  it('without a window every figure is the full-attention one, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e5 }), (done, c) => {
        expect(kvTokens(done, 1, Infinity)).toBe(done);
        expect(prefillAttention(done, c, 1, Infinity)).toBe(c * (done + c / 2));
      }),
    );
  });

  it('Gemma-3-27B: 10 of 62 layers global, so a 32,768-token sequence holds (10·32768 + 52·1024)/62 = 6,144 tokens of KV', () => {
    const g = kvGlobalFraction(gemma);
    expect(g).toBeCloseTo(10 / 62, 15);
    expect(kvTokens(32768, g, 1024)).toBeCloseTo(6144, 9);
    // Up to the window nothing changes.
    expect(kvTokens(1000, g, 1024)).toBeCloseTo(1000, 9);
    expect(kvGlobalFraction(getModel('gpt-oss-20b'))).toBe(0.5);
    expect(kvGlobalFraction(getModel('llama-3.1-8b'))).toBe(1);
  });

  it('prefill attention is the sum over new tokens of the context each attends to (windowed layers at most W)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 0, max: 8 }), (done, c, w, globalEighths) => {
        const g = globalEighths / 8;
        let sum = 0; // token i (0-based) of the chunk attends to done + i + ½ positions on average (the continuous form)
        for (let i = 0; i < c; i++) {
          const ctx = done + i + 0.5;
          sum += g * ctx + (1 - g) * Math.min(ctx, w);
        }
        expect(prefillAttention(done, c, g, w)).toBeCloseTo(sum, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('more context or more tokens never need less KV or attention', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e5 }), fc.integer({ min: 0, max: 1e4 }), fc.integer({ min: 1, max: 4096 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, d, w, g) => {
        expect(kvTokens(a + d, g, w)).toBeGreaterThanOrEqual(kvTokens(a, g, w));
        expect(prefillAttention(a + d, 100, g, w)).toBeGreaterThanOrEqual(prefillAttention(a, 100, g, w) - 1e-9);
        expect(prefillAttention(a, 100 + d, g, w)).toBeGreaterThanOrEqual(prefillAttention(a, 100, g, w));
      }),
    );
  });
});

describe('perf model with sliding windows', () => {
  const win = perfOf(gemma);
  const full = perfOf(gemmaNoWindow);

  it('holds the same bytes (capacity is counted in tokens of all layers) and reports the window', () => {
    expect(win.kvCapacityTokens).toBe(full.kvCapacityTokens);
    expect(win.kvBytesPerToken).toBe(full.kvBytesPerToken);
    expect(win.kvGlobalFraction).toBeCloseTo(10 / 62, 15);
    expect(win.kvWindowTokens).toBe(1024);
    expect(full.kvGlobalFraction).toBe(1);
    expect(full.kvWindowTokens).toBe(Infinity);
  });

  it('a decode step at a long context reads far less KV; within the window it is the same step', () => {
    const b = 8;
    const short = b * kvTokens(900, win.kvGlobalFraction, win.kvWindowTokens);
    expect(win.iterationTime(0, 0, b, short, 1)).toBeCloseTo(full.iterationTime(0, 0, b, b * 900, 1), 12);
    const long = b * kvTokens(32768, win.kvGlobalFraction, win.kvWindowTokens);
    const tWin = win.iterationTime(0, 0, b, long, 1);
    const tFull = full.iterationTime(0, 0, b, b * 32768, 1);
    expect(tWin).toBeLessThan(0.7 * tFull);
    // Only the KV term changes: the windowed step still costs at least the weights.
    expect(tWin).toBeGreaterThan(win.iterationTime(0, 0, b, 0, 1));
  });

  it('`layers: 0` declares no window: exactly the full-attention model', () => {
    const none = perfOf({ ...gemma, slidingWindow: { tokens: 1024, layers: 0 } });
    expect(none.kvGlobalFraction).toBe(1);
    expect(none.kvWindowTokens).toBe(Infinity);
    expect(none.iterationTime(0, 0, 8, 8 * 32768, 1)).toBe(full.iterationTime(0, 0, 8, 8 * 32768, 1));
    expect(modelProblems({ ...gemma, slidingWindow: { tokens: 1024, layers: 0 } })).toEqual([]);
  });

  it('prefilling a 32k-token prompt does less attention work', () => {
    const p = 32768;
    const tWin = win.iterationTime(p, prefillAttention(0, p, win.kvGlobalFraction, 1024), 0, 0, 1);
    const tFull = full.iterationTime(p, (p * p) / 2, 0, 0, 1);
    expect(tWin).toBeLessThan(tFull);
  });
});

describe('catalog entries with a window', () => {
  it('the built-in windowed models pass validation, and a window over more layers than the model has is refused', () => {
    for (const id of ['gemma-3-12b', 'gemma-3-27b', 'gpt-oss-20b', 'gpt-oss-120b']) expect(modelProblems(getModel(id))).toEqual([]);
    const bad = modelProblems({ ...gemma, slidingWindow: { tokens: 1024, layers: 63 } });
    expect(bad.map((p) => p.field)).toContain('slidingWindow.layers');
    expect(modelProblems({ ...gemma, slidingWindow: { tokens: 0, layers: 52 } }).map((p) => p.field)).toContain('slidingWindow.tokens');
  });
});

describe('replica KV accounting with a window (Gemma-3-27B, tight cache)', () => {
  const arrivalsArb = fc
    .array(fc.record({ gap: fc.double({ min: 0, max: 0.3, noNaN: true }), prompt: fc.integer({ min: 1, max: 2500 }), output: fc.integer({ min: 1, max: 1500 }) }), { minLength: 1, maxLength: 30 })
    .map((xs) => {
      let t = 0;
      return xs.map((x): Arrival => ({ t: (t += x.gap), prompt: x.prompt, output: x.output, priority: 0 }));
    });
  const cfgArb = fc.record({ kvCapacityTokens: fc.integer({ min: 800, max: 6000 }), maxBatch: fc.integer({ min: 1, max: 16 }), maxBatchTokens: fc.integer({ min: 64, max: 2048 }) });
  // A request must fit on its own: (10·f + 52·min(f, 1024))/62 tokens ≤ capacity, f = prompt + output.
  const fitsAlone = (a: Arrival, cap: number) => kvTokens(a.prompt + a.output, 10 / 62, 1024) <= cap - 1e-9;

  it('never exceeds the cache, frees it all at the end, and decides the same in analytic and iteration mode', () => {
    fc.assert(
      fc.property(cfgArb, arrivalsArb, (cfg, all) => {
        const arrivals = all.filter((a) => fitsAlone(a, cfg.kvCapacityTokens));
        fc.pre(arrivals.length > 0);
        const an = driveReplica(arrivals, { ...cfg, iterationMode: false, model: 'gemma-3-27b' });
        const it = driveReplica(arrivals, { ...cfg, iterationMode: true, model: 'gemma-3-27b' });
        expect(an.kvPeak).toBeLessThanOrEqual(cfg.kvCapacityTokens);
        expect(an.end).toEqual({ kvUsed: 0, decodeBatch: 0, decodeContext: 0, waiting: 0, running: 0, outstanding: 0 });
        expect(an.preemptions).toBe(it.preemptions);
        expect(an.iterations).toBe(it.iterations);
        arrivals.forEach((_, i) => expect(an.done[i]).toBeCloseTo(it.done[i], 9));
      }),
      { numRuns: 150 },
    );
  });

  it('lets long sequences share a cache that full attention would have to preempt', () => {
    // Six 6,000-token conversations in a 12,000-token cache: full attention holds two at a time; with
    // the window each holds (10·6000 + 52·1024)/62 ≈ 1,827 tokens, so all six run at once.
    const arrivals: Arrival[] = Array.from({ length: 6 }, (_, i) => ({ t: i * 0.001, prompt: 5000, output: 1000, priority: 0 }));
    const cfg = { kvCapacityTokens: 12_000, maxBatch: 16, maxBatchTokens: 8192, iterationMode: false };
    const withWindow = driveReplica(arrivals, { ...cfg, model: 'gemma-3-27b' });
    const without = driveReplica(arrivals, cfg); // Llama-3.1-8B: every layer global
    expect(withWindow.preemptions).toBe(0);
    expect(withWindow.kvPeak).toBeLessThanOrEqual(12_000);
    expect(Math.max(...withWindow.admitted)).toBeLessThan(Math.min(...without.done)); // all admitted before any full-attention request finished
    expect(Math.max(...without.admitted)).toBeGreaterThan(Math.min(...without.done)); // full attention had to wait for room
  });
});

describe('fleetsim catalog / perf with a windowed model', () => {
  it('max batch at a context counts the window; perf reports the KV a sequence holds', async () => {
    const { runCli } = await import('../support/cli.js');
    const c = await runCli('catalog', '--gpu', 'H100', '--model', 'gemma-3-27b', '--json');
    expect(c.code, c.stderr).toBe(0);
    const out = JSON.parse(c.stdout) as { kvCapacityTokens: number; maxBatch: { context: number; maxBatch: number }[]; slidingWindow: unknown };
    const at16k = out.maxBatch.find((m) => m.context === 16384)!.maxBatch;
    expect(at16k).toBe(Math.floor(out.kvCapacityTokens / kvTokens(16384, 10 / 62, 1024)));
    expect(at16k).toBeGreaterThan(4 * Math.floor(out.kvCapacityTokens / 16384));
    expect(out.slidingWindow).toEqual({ tokens: 1024, layers: 52 });
    const p = await runCli('perf', '--gpu', 'H100', '--model', 'gemma-3-27b', '--prompt', '4096', '--batch', '2', '--context', '32768', '--json');
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout).kvTokensPerSequence).toBeCloseTo(6144, 6);
  });
});
