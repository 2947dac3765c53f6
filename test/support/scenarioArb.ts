import fc from 'fast-check';

/** Parameters of a small random LLM scenario (see `llmScenarioText`). */
export interface SmallLlmScenario {
  seed: number;
  /** Arrival rate per class, requests/s. */
  rates: number[];
  promptMax: number;
  outputMax: number;
  replicas: number;
  maxBatch: number;
  maxBatchTokens: number;
  /** Share of GPU memory reserved: 0.85–0.895 leaves a KV cache of 7,245 to 36,606 tokens (fp8 Llama-3.1-8B on an H100). */
  memoryReserve: number;
  horizonS: number;
  warmupS: number;
  drain: boolean;
  fidelity: 'analytic' | 'iteration';
  /** Second class served by a second pool (0 replicas possible) instead of the shared one. */
  twoPools: boolean;
  replicas2: number;
}

/**
 * Small LLM scenarios that stress the serving model: a tight KV cache (preemptions, requests too
 * large to ever fit), tiny token budgets (chunked prefill), zero-replica pools (drops), short
 * horizons with requests in flight at the end, with and without drain.
 */
export const smallLlmScenario: fc.Arbitrary<SmallLlmScenario> = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  rates: fc.array(fc.double({ min: 0.5, max: 60, noNaN: true }), { minLength: 1, maxLength: 2 }),
  promptMax: fc.integer({ min: 1, max: 12000 }),
  outputMax: fc.integer({ min: 1, max: 1000 }),
  replicas: fc.integer({ min: 0, max: 3 }),
  maxBatch: fc.integer({ min: 1, max: 64 }),
  maxBatchTokens: fc.integer({ min: 16, max: 4096 }),
  memoryReserve: fc.constantFrom(0.85, 0.87, 0.88, 0.885, 0.89, 0.895),
  horizonS: fc.integer({ min: 1, max: 20 }),
  warmupS: fc.constantFrom(0, 0.5),
  drain: fc.boolean(),
  fidelity: fc.constantFrom('analytic' as const, 'iteration' as const),
  twoPools: fc.boolean(),
  replicas2: fc.integer({ min: 0, max: 2 }),
});

/** The scenario as YAML text, the way a user writes it. */
export function llmScenarioText(p: SmallLlmScenario): string {
  const lines = [
    `seed: ${p.seed}`,
    `horizon: ${p.horizonS}s`,
    `warmup: ${p.warmupS}s`,
    `drain: ${p.drain}`,
    `fidelity: ${p.fidelity}`,
    'window: 2s',
    'workload:',
  ];
  p.rates.forEach((r, i) => {
    lines.push(
      `  c${i}:`,
      `    rate: ${r}/s`,
      `    priority: ${i}`,
      `    prompt: { dist: uniform, min: 1, max: ${p.promptMax} }`,
      `    output: { dist: lognormal, median: ${Math.max(1, Math.round(p.outputMax / 4))}, sigma: 1, min: 1, max: ${p.outputMax} }`,
    );
    if (p.twoPools && i === 1) lines.push('    pool: second');
    else if (p.twoPools) lines.push('    pool: first');
  });
  const pool = (name: string, replicas: number) => [
    `    - name: ${name}`,
    '      model: llama-3.1-8b',
    '      gpu: H100',
    '      precision: fp8',
    `      memoryReserve: ${p.memoryReserve}`,
    `      replicas: ${replicas}`,
    `      maxBatch: ${p.maxBatch}`,
    `      maxBatchTokens: ${p.maxBatchTokens}`,
  ];
  lines.push('fleet:', '  pools:', ...pool('first', p.replicas));
  if (p.twoPools) lines.push(...pool('second', p.replicas2));
  return `${lines.join('\n')}\n`;
}
