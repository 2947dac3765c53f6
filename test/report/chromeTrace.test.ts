import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { ChromeTraceRecorder } from '../../src/report/chromeTrace.js';

describe('Chrome trace export', () => {
  it('records non-overlapping iteration spans per replica and lifecycle spans that cover the run', () => {
    const { resolved } = loadScenarioText(`
horizon: 2m
workload:
  chat: { rate: 6/s, prompt: { dist: lognormal, median: 500, sigma: 0.8 }, output: { dist: lognormal, median: 80, sigma: 0.8 } }
fleet:
  pools:
    - { name: p, model: llama-3.1-8b, gpu: H100, replicas: 2 }
`);
    const rec = new ChromeTraceRecorder(resolved);
    const out = runReplication(resolved, 1, { spans: rec });
    const doc = rec.toJSON(out.end);
    const spans = doc.traceEvents.filter((e) => e.ph === 'X');
    expect(doc.traceEvents.some((e) => e.ph === 'M' && e.name === 'process_name')).toBe(true);
    for (const tid of [0, 2]) {
      const xs = spans.filter((e) => e.tid === tid).sort((a, b) => a.ts - b.ts);
      expect(xs.length).toBeGreaterThan(10);
      for (let i = 1; i < xs.length; i++) expect(xs[i].ts).toBeGreaterThanOrEqual(xs[i - 1].ts + xs[i - 1].dur! - 1e-3);
      expect(xs.every((e) => e.dur! >= 0)).toBe(true);
    }
    for (const tid of [1, 3]) {
      const life = spans.filter((e) => e.tid === tid);
      expect(life.map((e) => e.name)).toEqual(['serving']);
      expect(life[0].ts).toBe(0);
      expect(life[0].dur).toBeCloseTo(out.end * 1e6, 3);
    }
  });
});
