/**
 * Trace replay simulates exactly the trace's requests: count, prompt and output token sums equal to
 * the file's, arrival times equal to the file's (relative to its first record) within 1e-9 s; and
 * Mooncake's hash_ids produce prefix-cache hits. Skipped, with the reason printed, without ../shared.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, AZURE, DATA, MOONCAKE, haveData, runText } from './support.js';

if (!haveData) console.warn(`[test/workload] skipping trace-replay simulations: ${DATA} not found (../shared is absent)`);

/** Naive independent parse of the Azure CSV: seconds of the day (the trace spans one day). */
function azureNaive(): { t: number; p: number; o: number }[] {
  return readFileSync(AZURE, 'utf8').split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').map((l) => {
    const [ts, p, o] = l.split(',');
    const [h, m, s] = ts.split(' ')[1].split(':');
    return { t: Number(h) * 3600 + Number(m) * 60 + Number(s), p: Number(p), o: Number(o) };
  });
}

describe.skipIf(!haveData)('trace replay through the simulator', () => {
  it('scenarios/trace-replay-azure.yaml sends exactly the trace’s requests', () => {
    const text = readFileSync(`${ROOT}/scenarios/trace-replay-azure.yaml`, 'utf8');
    const naive = azureNaive();
    const { out, arrivals } = runText(text);
    const f = out.figures;
    expect(arrivals.length).toBe(naive.length);
    expect(f['class.conv.arrived']).toBe(naive.length);
    const promptSum = naive.reduce((a, r) => a + r.p, 0);
    expect(arrivals.reduce((a, r) => a + r.prompt, 0)).toBe(promptSum);
    expect(f['class.conv.tokensIn']).toBe(promptSum);
    // Output sum: the output-length histogram's exact sum (mean × count).
    const outSum = naive.reduce((a, r) => a + Math.max(1, r.o), 0);
    expect(Math.round(f['class.conv.outputTokens.mean'] * f['class.conv.arrived'])).toBe(outSum);
    expect(naive.every((r) => r.o >= 1)).toBe(true); // so the sum equals the file's exactly
    let maxErr = 0;
    for (let i = 0; i < naive.length; i++) {
      maxErr = Math.max(maxErr, Math.abs(arrivals[i].time - (naive[i].t - naive[0].t)));
      expect(arrivals[i].prompt).toBe(naive[i].p);
    }
    expect(maxErr).toBeLessThan(1e-9);
  });

  it('a Mooncake replay sends exactly the trace’s requests, and its hash_ids give prefix-cache hits', () => {
    const naive = readFileSync(MOONCAKE, 'utf8').split('\n').filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { timestamp: number; input_length: number; output_length: number });
    const text = [
      'seed: 1', 'workload:', '  mc:', '    arrival: { process: trace, path: ' + MOONCAKE + ', format: mooncake }',
      'fleet:', '  pools:', '    - { name: h100, model: llama-3.1-8b, gpu: H100, tp: 1, replicas: 2 }', '',
    ].join('\n');
    const { out, arrivals } = runText(text);
    const f = out.figures;
    expect(arrivals.length).toBe(naive.length);
    expect(arrivals.reduce((a, r) => a + r.prompt, 0)).toBe(naive.reduce((a, r) => a + r.input_length, 0));
    expect(naive.every((r) => r.output_length >= 1)).toBe(true);
    expect(Math.round(f['class.mc.outputTokens.mean'] * f['class.mc.arrived'])).toBe(naive.reduce((a, r) => a + r.output_length, 0));
    for (let i = 0; i < naive.length; i++) {
      expect(Math.abs(arrivals[i].time - (naive[i].timestamp - naive[0].timestamp) / 1000)).toBeLessThan(1e-9);
    }
    expect(f['class.mc.prefixHitRate']).toBeGreaterThan(0);
    console.log('[mooncake replay] prefixHitRate', f['class.mc.prefixHitRate'], 'dropped', f['class.mc.dropped']);
  });
});
