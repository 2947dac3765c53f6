import { afterAll, describe, expect, it } from 'vitest';
import { GPUS, MODELS, getGpu, getModel } from '../../src/catalog/index.js';
import { gpuProblems, modelProblems } from '../../src/catalog/validate.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { parseQuantity } from '../../src/scenario/units.js';
import { hasStackTrace, runCli, tempDir } from '../support/cli.js';

/** `catalog:` in scenario files: private GPUs, variants and fine-tuned models, checked like the built-in ones. */
const tmp = tempDir('fleetsim-catalog-');
afterAll(() => tmp.cleanup());

function scenario(catalog: string, pool = '{ name: p, model: llama-3.1-8b, gpu: H100, replicas: 2 }'): string {
  return `
seed: 3
horizon: 5m
workload:
  chat: { rate: 4/s, prompt: 600, output: 150 }
catalog:
${catalog}
fleet:
  pools:
    - ${pool}
`;
}

describe('the built-in catalog passes the rules a scenario entry must pass', () => {
  it('every GPU and model', () => {
    for (const g of GPUS) expect(gpuProblems(g), g.id).toEqual([]);
    for (const m of MODELS) expect(modelProblems(m), m.id).toEqual([]);
  });
});

describe('units for catalog entries', () => {
  it('parses compute rates and counts', () => {
    expect(parseQuantity('flops', '989TFLOPS')).toBe(989e12);
    expect(parseQuantity('flops', '1.98 PFLOP/s')).toBeCloseTo(1.98e15, 0);
    expect(parseQuantity('count', '70B')).toBe(70e9);
    expect(parseQuantity('count', '350M')).toBe(350e6);
    expect(parseQuantity('count', 8030000000)).toBe(8.03e9);
    expect(() => parseQuantity('flops', '989TB/s')).toThrow(/compute rate such as 989TFLOPS/);
  });
});

describe('scenario catalog entries', () => {
  it('a fine-tuned model (base + new name) simulates exactly like its base', () => {
    const ft = loadScenarioText(scenario('  models:\n    acme-support-8b: { base: llama-3.1-8b, source: "our fine-tune of Llama-3.1-8B" }', '{ name: p, model: acme-support-8b, gpu: H100, replicas: 2 }')).resolved;
    const base = loadScenarioText(scenario('  models: {}')).resolved;
    const pool = ft.pools[0];
    expect(pool.kind === 'llm' && pool.perf.model.id).toBe('acme-support-8b');
    expect(runReplication(ft, 1).figures).toEqual(runReplication(base, 1).figures);
  });

  it('a power-limited variant (base: H100, tdp 500W) keeps the H100 calibration and figures, draws less, runs no faster', () => {
    const v = loadScenarioText(scenario('  gpus:\n    H100-500W: { base: H100, tdp: 500W }', '{ name: p, model: llama-3.1-8b, gpu: H100-500W, replicas: 2 }')).resolved;
    const h = loadScenarioText(scenario('  gpus: {}')).resolved;
    const pv = v.pools[0];
    const ph = h.pools[0];
    if (pv.kind !== 'llm' || ph.kind !== 'llm') throw new Error('llm pools expected');
    expect(pv.perf.gpu.tdpW).toBe(500);
    expect(pv.perf.gpu.memoryBandwidth).toBe(getGpu('H100').memoryBandwidth);
    expect(pv.perf.gpu.fp8Flops).toBe(getGpu('H100').fp8Flops);
    expect(pv.perf.calibration.id).toBe(ph.perf.calibration.id);
    expect(pv.perf.stepPowerW(4096, 4096 * 2048, 0, 0, 1)).toBeLessThanOrEqual(500);
    expect(ph.perf.stepPowerW(4096, 4096 * 2048, 0, 0, 1)).toBeGreaterThan(500);
    const fv = runReplication(v, 1).figures;
    const fh = runReplication(h, 1).figures;
    expect(fv['power.peakW']).toBeLessThan(fh['power.peakW']);
  });

  it('a variant\'s unstated lower-precision rates keep its base\'s tensor-core ratios', () => {
    const s = loadScenarioText(scenario('  gpus:\n    B200-slow: { base: B200, bf16: 1500TFLOPS }\n    H100-slow: { base: H100, bf16: 500TFLOPS }', '{ name: p, model: llama-3.1-8b, gpu: B200-slow, replicas: 1 }')).resolved;
    const b = getGpu('B200');
    const p = s.pools[0];
    if (p.kind !== 'llm') throw new Error('llm pool expected');
    expect(p.perf.gpu.fp8Flops / p.perf.gpu.bf16Flops).toBeCloseTo(b.fp8Flops / b.bf16Flops, 12);
    expect(p.perf.gpu.fp4Flops / p.perf.gpu.fp8Flops).toBeCloseTo(b.fp4Flops / b.fp8Flops, 12);
    expect(p.perf.gpu.fp4Flops).toBeGreaterThan(p.perf.gpu.fp8Flops); // still has fp4 tensor cores
  });

  it('calibration factors measured on your own stack replace the fitted ones they name, and only those', () => {
    const s = loadScenarioText(scenario('  gpus:\n    H100: { base: H100, calibration: { compute: 60%, stepOverhead: 3ms } }')).resolved;
    const h = loadScenarioText(scenario('  gpus: {}')).resolved;
    const p = s.pools[0];
    const q = h.pools[0];
    if (p.kind !== 'llm' || q.kind !== 'llm') throw new Error('llm pools expected');
    expect(p.perf.calibration.computeEfficiency).toBe(0.6);
    expect(p.perf.calibration.stepOverheadS).toBeCloseTo(0.003, 12);
    expect(p.perf.calibration.memoryEfficiency).toBe(q.perf.calibration.memoryEfficiency);
    expect(p.perf.calibration.id).toBe('h100-vllm+H100');
    // A compute-bound prefill is slower at 60 % than at the fitted efficiency; the 3 ms step cost shows in decode.
    expect(p.perf.iterationTime(8192, 8192 * 4096, 0, 0, 1)).toBeGreaterThan(q.perf.iterationTime(8192, 8192 * 4096, 0, 0, 1));
    expect(p.perf.iterationTime(0, 0, 8, 8000, 1) - q.perf.iterationTime(0, 0, 8, 8000, 1)).toBeCloseTo(0.003, 6);
  });

  it('a private GPU given in full (no base) runs, with the derived calibration', () => {
    const gpu = `  gpus:
    X1:
      name: Acme X1
      memory: 96GB
      memoryBandwidth: 4TB/s
      bf16: 800TFLOPS
      fp8: 1600TFLOPS
      tdp: 600W
      idle: 60W
      idleLoaded: 110W
      interconnect: 400GB/s
      source: Acme X1 datasheet rev 2`;
    const s = loadScenarioText(scenario(gpu, '{ name: p, model: llama-3.1-70b, gpu: X1, tp: 2, replicas: 2, pricePerGpuHour: $4/h }')).resolved;
    const p = s.pools[0];
    if (p.kind !== 'llm') throw new Error('llm pool expected');
    expect(p.perf.gpu.name).toBe('Acme X1');
    expect(p.perf.gpu.fp4Flops).toBe(1600e12); // no fp4: the fp8 rate
    expect(p.perf.calibration.id).toMatch(/h100-vllm-derived:X1/);
    const f = runReplication(s, 1).figures;
    expect(f['class.chat.completed']).toBeGreaterThan(1000);
    expect(f['cost.total']).toBeGreaterThan(0);
  });

  it('a model given in full gets KV bytes from its architecture', () => {
    const m = `  models:
    tiny-gqa:
      layers: 24
      hidden: 2048
      heads: 16
      kvHeads: 4
      vocab: 32000
      params: 1.2B`;
    const s = loadScenarioText(scenario(m, '{ name: p, model: tiny-gqa, gpu: L4, replicas: 1 }')).resolved;
    const p = s.pools[0];
    if (p.kind !== 'llm') throw new Error('llm pool expected');
    expect(p.perf.model.headDim).toBe(128);
    expect(p.perf.kvBytesPerToken).toBe(2 * 24 * 4 * 128 * 2);
  });

  it('a sliding window is declared like the other figures, and a variant keeps its base\'s', () => {
    const m = `  models:
    our-gemma: { base: gemma-3-27b, source: "fine-tuned Gemma 3" }
    long-window: { base: gemma-3-27b, slidingWindow: { tokens: 4096, layers: 52 } }`;
    const s = loadScenarioText(scenario(m, '{ name: p, model: our-gemma, gpu: H100, replicas: 1 }')).resolved;
    const p = s.pools[0];
    if (p.kind !== 'llm') throw new Error('llm pool expected');
    expect(p.perf.model.slidingWindow).toEqual({ tokens: 1024, layers: 52 });
    expect(p.perf.kvGlobalFraction).toBeCloseTo(10 / 62, 15);
    const l = loadScenarioText(scenario(m, '{ name: p, model: long-window, gpu: H100, replicas: 1 }')).resolved.pools[0];
    expect(l.kind === 'llm' && l.perf.kvWindowTokens).toBe(4096);
  });

  it('an entry with a built-in id replaces it (a corrected figure)', () => {
    const s = loadScenarioText(scenario('  gpus:\n    H100: { base: H100, idleLoaded: 140W }')).resolved;
    const p = s.pools[0];
    expect(p.kind === 'llm' && p.perf.gpu.idleLoadedW).toBe(140);
    expect(getModel('llama-3.1-8b').id).toBe('llama-3.1-8b'); // the built-in catalog itself is untouched
  });
});

describe('bad catalog entries: exit 2, the path and what was expected', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown base', '  gpus:\n    X: { base: H1OO }', /catalog\.gpus\.X\.base.*unknown GPU 'H1OO'; known GPUs \(closest first\): H100/],
    ['missing figure without base', '  gpus:\n    X: { memory: 80GB, memoryBandwidth: 2TB/s, tdp: 400W, idle: 50W, interconnect: 32GB/s }', /catalog\.gpus\.X: bf16 is required for a GPU without base/],
    ['fp8 below bf16', '  gpus:\n    X: { base: H100, fp8: 500TFLOPS }', /catalog\.gpus\.X\.fp8: expected at least the bf16 rate/],
    ['bad unit', '  gpus:\n    X: { base: H100, bf16: 989TB }', /catalog\.gpus\.X\.bf16.*compute rate such as 989TFLOPS/],
    ['shutdown below slowdown', '  gpus:\n    X: { base: H100, thermal: { shutdown: 80C } }', /catalog\.gpus\.X\.thermal\.shutdown: expected above the slowdown temperature \(89 C\)/],
    ['kvHeads not dividing heads', '  models:\n    m: { base: llama-3.1-8b, kvHeads: 5 }', /catalog\.models\.m\.kvHeads: expected a divisor of heads \(32\), found 5/],
    ['dense model with fewer active params', '  models:\n    m: { base: llama-3.1-8b, activeParams: 2B }', /catalog\.models\.m\.activeParams: a dense model activates all its parameters/],
    ['unknown field', '  gpus:\n    X: { base: H100, tdpW: 500 }', /catalog\.gpus\.X.*tdpW/],
    ['a window of a fractional length', '  models:\n    m: { base: gemma-3-27b, slidingWindow: { tokens: 1.5, layers: 52 } }', /catalog\.models\.m\.slidingWindow\.tokens: expected int, found 1\.5/],
    ['a window over more layers than the model has', '  models:\n    m: { base: gemma-3-27b, slidingWindow: { tokens: 1024, layers: 70 } }', /catalog\.models\.m\.slidingWindow\.layers: expected at most the model's layers \(62\), found 70/],
    ['an id that breaks the naming rule', "  gpus:\n    'bad id!': { base: H100 }", /catalog\.gpus\.bad id!: not an allowed name: ids start with a letter or digit/],
    ['efficiency above 100 %', '  gpus:\n    X: { base: H100, calibration: { memory: 120% } }', /catalog\.gpus\.X\.calibration\.memory: expected a value of at most 1/],
  ];
  for (const [what, block, msg] of cases) {
    it(what, async () => {
      const f = tmp.write(`${what.replace(/\W+/g, '-')}.yaml`, scenario(block));
      const r = await runCli('validate', f);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(hasStackTrace(r.stderr)).toBe(false);
    });
  }

  it('a model that does not fit the private GPU says so with the numbers', async () => {
    const f = tmp.write('nofit.yaml', scenario('  gpus:\n    small: { base: L4, memory: 16GB }', '{ name: p, model: llama-3.1-70b, gpu: small, replicas: 1 }'));
    const r = await runCli('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fleet\.pools\[0\].*GiB/);
  });
});

describe('fleetsim catalog / perf --scenario', () => {
  it('look up the GPUs and models a scenario file declares; without it they are unknown (exit 2)', async () => {
    const r = await runCli('perf', '--scenario', 'scenarios/private-gpu.yaml', '--gpu', 'H100-NVL', '--model', 'acme-support-8b', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.gpu).toBe('H100-NVL');
    expect(out.model).toBe('acme-support-8b');
    const list = await runCli('catalog', '--scenario', 'scenarios/private-gpu.yaml', '--json');
    expect(JSON.parse(list.stdout).gpus.map((g: { id: string }) => g.id)).toContain('H100-NVL');
    const plain = await runCli('perf', '--gpu', 'H100-NVL', '--model', 'llama-3.1-8b');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/unknown GPU 'H100-NVL'/);
  });
});

