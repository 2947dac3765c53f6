/** Bytes per parameter and achievable peak FLOP/s for a weight precision. */
import type { GpuSpec, KvPrecision, ModelSpec, WeightPrecision } from './types.js';

/**
 * Bytes per parameter: bf16 2; fp8 1; int4 0.5625 (4 bits + group-128 fp16 scale and zero ≈ 4.5 bits,
 * AWQ/GPTQ layout); mxfp4 0.53125 (4 bits + one 8-bit scale per 32-element block, OCP MX spec).
 */
export function bytesPerParam(p: WeightPrecision): number {
  switch (p) {
    case 'bf16': return 2;
    case 'fp8': return 1;
    case 'int4': return 0.5625;
    case 'mxfp4': return 0.53125;
  }
}

export function kvBytesPerElement(p: KvPrecision): number {
  return p === 'fp8' ? 1 : 2;
}

/**
 * Dense peak FLOP/s of the linear layers at this weight precision: fp8 → W8A8 on fp8 tensor cores;
 * mxfp4 → fp4 tensor cores where the GPU has them (fp4Flops > fp8Flops), otherwise weight-only
 * dequantisation to bf16; int4 → weight-only, bf16 compute.
 */
export function linearPeakFlops(gpu: GpuSpec, p: WeightPrecision): number {
  if (p === 'fp8') return gpu.fp8Flops;
  if (p === 'mxfp4' && gpu.fp4Flops > gpu.fp8Flops) return gpu.fp4Flops;
  return gpu.bf16Flops;
}

/**
 * Parameters split into the part every token uses (attention, embeddings, shared experts) and the
 * routed-expert part, derived from total and active counts: active = dense + (k/E)·experts and
 * total = dense + experts ⇒ experts = (total − active) / (1 − k/E).
 */
export function splitParams(model: ModelSpec): { denseParams: number; expertParams: number } {
  if (!model.moe) return { denseParams: model.totalParams, expertParams: 0 };
  const r = model.moe.activeExperts / model.moe.experts;
  const expertParams = (model.totalParams - model.activeParams) / (1 - r);
  return { denseParams: model.totalParams - expertParams, expertParams };
}

/** Weight bytes of the whole model. mxfp4 quantises only the routed experts of an MoE (gpt-oss); the rest stays bf16. */
export function weightBytesOf(model: ModelSpec, p: WeightPrecision): { denseBytes: number; expertBytes: number } {
  const { denseParams, expertParams } = splitParams(model);
  const b = bytesPerParam(p);
  const denseB = p === 'mxfp4' && model.moe ? 2 : b;
  return { denseBytes: denseParams * denseB, expertBytes: expertParams * b };
}

/**
 * KV-cache bytes per token for the whole replica. GQA/MHA: 2 (K and V) · layers · kvHeads · headDim ·
 * bytes; when tp > kvHeads each KV head is replicated on tp/kvHeads GPUs, so max(kvHeads, tp) heads
 * are stored. MLA: layers · (kvLoraRank + ropeHeadDim) · bytes per GPU, and the latent is replicated
 * on every TP rank (vLLM without data-parallel attention), hence × tp.
 */
export function kvBytesPerToken(model: ModelSpec, kv: KvPrecision, tp: number): number {
  const e = kvBytesPerElement(kv);
  if (model.mla) return model.layers * (model.mla.kvLoraRank + model.mla.ropeHeadDim) * e * tp;
  return 2 * model.layers * Math.max(model.kvHeads, tp) * model.headDim * e;
}
