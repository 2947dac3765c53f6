/**
 * The built-in model catalog: architecture figures from each model's Hugging Face `config.json`
 * (field names: num_hidden_layers, hidden_size, num_attention_heads, num_key_value_heads, head_dim,
 * vocab_size, num_local_experts / num_experts, num_experts_per_tok, kv_lora_rank,
 * qk_rope_head_dim) and parameter counts from the model cards. KV bytes per token follow from these
 * (serving/perf/precision.ts; sliding windows in serving/perf/window.ts), never from a guess.
 */
import type { ModelSpec } from '../serving/perf/types.js';

const B = 1e9;
const hf = (repo: string, extra = ''): string =>
  `huggingface.co/${repo} config.json + model card${extra ? `; ${extra}` : ''}`;

export const MODELS: readonly ModelSpec[] = [
  { id: 'llama-2-70b', name: 'Llama-2-70B', layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, vocab: 32000,
    totalParams: 68.98 * B, activeParams: 68.98 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('meta-llama/Llama-2-70b-hf') },
  { id: 'bloom-176b', name: 'BLOOM-176B', layers: 70, hidden: 14336, heads: 112, kvHeads: 112, headDim: 128, vocab: 250880,
    totalParams: 176.25 * B, activeParams: 176.25 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('bigscience/bloom', 'n_layer, n_embed, n_head; multi-head attention (kvHeads = heads)') },
  { id: 'llama-3.1-8b', name: 'Llama-3.1-8B', layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, vocab: 128256,
    totalParams: 8.03 * B, activeParams: 8.03 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('meta-llama/Llama-3.1-8B') },
  { id: 'llama-3.1-70b', name: 'Llama-3.1-70B', layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, vocab: 128256,
    totalParams: 70.55 * B, activeParams: 70.55 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('meta-llama/Llama-3.1-70B') },
  { id: 'llama-3.1-405b', name: 'Llama-3.1-405B', layers: 126, hidden: 16384, heads: 128, kvHeads: 8, headDim: 128, vocab: 128256,
    totalParams: 405.85 * B, activeParams: 405.85 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('meta-llama/Llama-3.1-405B') },
  { id: 'llama-3.3-70b', name: 'Llama-3.3-70B', layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, vocab: 128256,
    totalParams: 70.55 * B, activeParams: 70.55 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('meta-llama/Llama-3.3-70B-Instruct') },
  { id: 'qwen3-8b', name: 'Qwen3-8B', layers: 36, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, vocab: 151936,
    totalParams: 8.19 * B, activeParams: 8.19 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('Qwen/Qwen3-8B') },
  { id: 'qwen3-14b', name: 'Qwen3-14B', layers: 40, hidden: 5120, heads: 40, kvHeads: 8, headDim: 128, vocab: 151936,
    totalParams: 14.77 * B, activeParams: 14.77 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('Qwen/Qwen3-14B') },
  { id: 'qwen3-32b', name: 'Qwen3-32B', layers: 64, hidden: 5120, heads: 64, kvHeads: 8, headDim: 128, vocab: 151936,
    totalParams: 32.76 * B, activeParams: 32.76 * B, precisions: ['bf16', 'fp8', 'int4'], source: hf('Qwen/Qwen3-32B') },
  { id: 'qwen3-30b-a3b', name: 'Qwen3-30B-A3B', layers: 48, hidden: 2048, heads: 32, kvHeads: 4, headDim: 128, vocab: 151936,
    totalParams: 30.53 * B, activeParams: 3.35 * B, moe: { experts: 128, activeExperts: 8 },
    precisions: ['bf16', 'fp8', 'int4'], source: hf('Qwen/Qwen3-30B-A3B', 'num_experts 128, num_experts_per_tok 8') },
  { id: 'qwen3-235b-a22b', name: 'Qwen3-235B-A22B', layers: 94, hidden: 4096, heads: 64, kvHeads: 4, headDim: 128, vocab: 151936,
    totalParams: 235.09 * B, activeParams: 22.14 * B, moe: { experts: 128, activeExperts: 8 },
    precisions: ['bf16', 'fp8', 'int4'], source: hf('Qwen/Qwen3-235B-A22B', 'num_experts 128, num_experts_per_tok 8') },
  { id: 'gpt-oss-20b', name: 'gpt-oss-20b', layers: 24, hidden: 2880, heads: 64, kvHeads: 8, headDim: 64, vocab: 201088,
    totalParams: 20.91 * B, activeParams: 3.61 * B, moe: { experts: 32, activeExperts: 4 }, slidingWindow: { tokens: 128, layers: 12 },
    precisions: ['mxfp4', 'bf16'], source: hf('openai/gpt-oss-20b', 'num_local_experts 32, experts_per_token 4; MoE weights in MXFP4; sliding_window 128 on the 12 sliding_attention entries of layer_types (alternating with full_attention)') },
  { id: 'gpt-oss-120b', name: 'gpt-oss-120b', layers: 36, hidden: 2880, heads: 64, kvHeads: 8, headDim: 64, vocab: 201088,
    totalParams: 116.83 * B, activeParams: 5.13 * B, moe: { experts: 128, activeExperts: 4 }, slidingWindow: { tokens: 128, layers: 18 },
    precisions: ['mxfp4', 'bf16'], source: hf('openai/gpt-oss-120b', 'num_local_experts 128, experts_per_token 4; MoE weights in MXFP4; sliding_window 128 on the 18 sliding_attention entries of layer_types (alternating with full_attention)') },
  { id: 'gemma-3-12b', name: 'Gemma-3-12B', layers: 48, hidden: 3840, heads: 16, kvHeads: 8, headDim: 256, vocab: 262208,
    totalParams: 12.19 * B, activeParams: 12.19 * B, slidingWindow: { tokens: 1024, layers: 40 }, precisions: ['bf16', 'fp8', 'int4'],
    source: hf('google/gemma-3-12b-it', 'text_config; sliding_window 1024, sliding_window_pattern 6: every 6th layer global, 40 of 48 windowed') },
  { id: 'gemma-3-27b', name: 'Gemma-3-27B', layers: 62, hidden: 5376, heads: 32, kvHeads: 16, headDim: 128, vocab: 262208,
    totalParams: 27.43 * B, activeParams: 27.43 * B, slidingWindow: { tokens: 1024, layers: 52 }, precisions: ['bf16', 'fp8', 'int4'],
    source: hf('google/gemma-3-27b-it', 'text_config; sliding_window 1024, sliding_window_pattern 6: every 6th layer global, 52 of 62 windowed') },
  { id: 'mixtral-8x7b', name: 'Mixtral-8x7B', layers: 32, hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, vocab: 32000,
    totalParams: 46.7 * B, activeParams: 12.9 * B, moe: { experts: 8, activeExperts: 2 },
    precisions: ['bf16', 'fp8', 'int4'], source: hf('mistralai/Mixtral-8x7B-v0.1', 'num_local_experts 8, num_experts_per_tok 2') },
  { id: 'deepseek-v3', name: 'DeepSeek-V3', layers: 61, hidden: 7168, heads: 128, kvHeads: 128, headDim: 128, vocab: 129280,
    totalParams: 671 * B, activeParams: 37 * B, moe: { experts: 256, activeExperts: 8 }, mla: { kvLoraRank: 512, ropeHeadDim: 64 },
    precisions: ['fp8', 'bf16', 'int4'], source: hf('deepseek-ai/DeepSeek-V3', 'n_routed_experts 256 (+1 shared, counted in the dense part), num_experts_per_tok 8, kv_lora_rank 512, qk_rope_head_dim 64, v_head_dim 128; native FP8') },
];
