/**
 * Consistency rules of a GPU or model entry, for the built-in catalog and for entries a scenario file
 * adds (`catalog:`) alike, so a private GPU or a fine-tuned model is held to the same standard.
 * Each problem names the field (as written in a scenario file) and what was expected.
 */
import type { GpuSpec, ModelSpec, WeightPrecision } from '../serving/perf/types.js';

export interface SpecProblem {
  /** Field in scenario-file spelling, e.g. `fp8`, `thermal.shutdown`, `kvHeads`. */
  readonly field: string;
  readonly message: string;
}

const PRECISIONS: readonly WeightPrecision[] = ['bf16', 'fp8', 'int4', 'mxfp4'];

export function gpuProblems(g: GpuSpec): SpecProblem[] {
  const out: SpecProblem[] = [];
  const positive = (field: string, v: number) => {
    if (!(v > 0 && Number.isFinite(v))) out.push({ field, message: `expected a positive finite value, found ${v}` });
  };
  positive('memory', g.memoryBytes);
  positive('memoryBandwidth', g.memoryBandwidth);
  positive('bf16', g.bf16Flops);
  positive('tdp', g.tdpW);
  // The perf model reads "fp8 > bf16" as fp8 tensor cores and "fp4 > fp8" as fp4 ones: lower is meaningless.
  if (!(g.fp8Flops >= g.bf16Flops)) out.push({ field: 'fp8', message: `expected at least the bf16 rate (${g.bf16Flops} FLOP/s; equal means no fp8 tensor cores), found ${g.fp8Flops}` });
  if (!(g.fp4Flops >= g.fp8Flops)) out.push({ field: 'fp4', message: `expected at least the fp8 rate (${g.fp8Flops} FLOP/s; equal means no fp4 tensor cores), found ${g.fp4Flops}` });
  if (!(g.idleW >= 0 && g.idleW <= g.idleLoadedW)) out.push({ field: 'idle', message: `expected 0 ≤ idle ≤ idleLoaded (${g.idleLoadedW} W), found ${g.idleW} W` });
  if (!(g.idleLoadedW < g.tdpW)) out.push({ field: 'idleLoaded', message: `expected below the TDP (${g.tdpW} W), found ${g.idleLoadedW} W` });
  if (!(g.interconnectBandwidth > 0)) out.push({ field: 'interconnect', message: `expected a positive bandwidth (PCIe Gen4 x16 ≈ 32GB/s per direction), found ${g.interconnectBandwidth}` });
  if (!(g.interconnectLatency >= 0)) out.push({ field: 'interconnectLatency', message: `expected a duration ≥ 0, found ${g.interconnectLatency}` });
  const t = g.thermal;
  if (!(t.shutdownC > t.slowdownC)) out.push({ field: 'thermal.shutdown', message: `expected above the slowdown temperature (${t.slowdownC} C), found ${t.shutdownC} C` });
  if (!(t.hysteresisC >= 0)) out.push({ field: 'thermal.hysteresis', message: `expected ≥ 0, found ${t.hysteresisC}` });
  if (!(t.throttleClock > 0 && t.throttleClock <= 1)) out.push({ field: 'thermal.throttleClock', message: `expected a clock factor in (0, 1], found ${t.throttleClock}` });
  if (!(t.resistanceCPerW > 0)) out.push({ field: 'thermal.resistance', message: `expected a positive thermal resistance (°C/W), found ${t.resistanceCPerW}` });
  if (!(t.capacitanceJPerC > 0)) out.push({ field: 'thermal.capacitance', message: `expected a positive heat capacity (J/°C), found ${t.capacitanceJPerC}` });
  return out;
}

export function modelProblems(m: ModelSpec): SpecProblem[] {
  const out: SpecProblem[] = [];
  const whole = (field: string, v: number) => {
    if (!(Number.isInteger(v) && v > 0)) out.push({ field, message: `expected a whole number ≥ 1, found ${v}` });
  };
  whole('layers', m.layers);
  whole('hidden', m.hidden);
  whole('heads', m.heads);
  whole('kvHeads', m.kvHeads);
  whole('headDim', m.headDim);
  whole('vocab', m.vocab);
  // Grouped-query attention shares each KV head among heads/kvHeads query heads.
  if (m.kvHeads > m.heads || m.heads % m.kvHeads !== 0) out.push({ field: 'kvHeads', message: `expected a divisor of heads (${m.heads}), found ${m.kvHeads}` });
  if (!(m.totalParams > 0)) out.push({ field: 'params', message: `expected a positive parameter count, found ${m.totalParams}` });
  if (!(m.activeParams > 0 && m.activeParams <= m.totalParams)) out.push({ field: 'activeParams', message: `expected between 1 and params (${m.totalParams}), found ${m.activeParams}` });
  if (m.moe) {
    whole('moe.experts', m.moe.experts);
    whole('moe.activeExperts', m.moe.activeExperts);
    if (!(m.moe.activeExperts < m.moe.experts)) out.push({ field: 'moe.activeExperts', message: `expected fewer than the experts (${m.moe.experts}), found ${m.moe.activeExperts}` });
    // The routed-expert share is derived from total and active counts; equal counts leave no experts.
    if (!(m.activeParams < m.totalParams)) out.push({ field: 'activeParams', message: `an MoE model activates fewer parameters than it has (${m.totalParams}), found ${m.activeParams}` });
  } else if (m.activeParams !== m.totalParams) {
    out.push({ field: 'activeParams', message: `a dense model activates all its parameters (${m.totalParams}); give moe: { experts, activeExperts } for a mixture of experts, found ${m.activeParams}` });
  }
  if (m.mla) {
    whole('mla.kvLoraRank', m.mla.kvLoraRank);
    whole('mla.ropeHeadDim', m.mla.ropeHeadDim);
  }
  if (m.slidingWindow) {
    whole('slidingWindow.tokens', m.slidingWindow.tokens);
    // 0 windowed layers is allowed: it declares full attention (e.g. to undo a base model's window).
    if (!(Number.isInteger(m.slidingWindow.layers) && m.slidingWindow.layers >= 0)) out.push({ field: 'slidingWindow.layers', message: `expected a whole number ≥ 0, found ${m.slidingWindow.layers}` });
    if (m.slidingWindow.layers > m.layers) out.push({ field: 'slidingWindow.layers', message: `expected at most the model's layers (${m.layers}), found ${m.slidingWindow.layers}` });
  }
  if (m.precisions.length === 0) out.push({ field: 'precisions', message: `expected at least one of ${PRECISIONS.join(', ')}` });
  for (const p of m.precisions) if (!PRECISIONS.includes(p)) out.push({ field: 'precisions', message: `expected ${PRECISIONS.join(', ')}, found ${p}` });
  if (m.precisions.includes('mxfp4') && !m.moe) out.push({ field: 'precisions', message: 'mxfp4 quantises routed experts only (gpt-oss): it needs moe: { experts, activeExperts }' });
  return out;
}
