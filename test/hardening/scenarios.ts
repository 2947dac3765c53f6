/** A small, valid scenario for the hardening tests, with fields to vary. */
export function scenarioYaml(o: { rate?: string; output?: string; replicas?: number; gpu?: string; model?: string; horizon?: string; warmup?: string; price?: string; replications?: number; extra?: string; arrival?: string } = {}): string {
  return `name: hardening
seed: 1
horizon: ${o.horizon ?? '10m'}
warmup: ${o.warmup ?? '1m'}
replications: ${o.replications ?? 1}
workload:
  chat:
    rate: ${o.rate ?? '5/s'}
    prompt: 500
    output: ${o.output ?? '100'}
${o.arrival ? `    arrival: ${o.arrival}\n` : ''}fleet:
  pools:
    - { name: p, model: ${o.model ?? 'llama-3.1-8b'}, gpu: ${o.gpu ?? 'H100'}, tp: 1, replicas: ${o.replicas ?? 2}, region: us-east-1 }
regions:
  us-east-1: { gpuPrices: { H100: ${o.price ?? '$6.88/h'} } }
${o.extra ?? ''}`;
}
