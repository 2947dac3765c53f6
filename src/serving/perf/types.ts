/**
 * Contracts between the replica (hot path) and the performance model.
 *
 * Units: seconds, watts, bytes, FLOP/s, bytes/s. A "clock factor" is the
 * ratio of the effective SM clock to the nominal one (1 = full speed,
 * 0.7 = clocks at 70 % because of a power cap or thermal throttling).
 */

import type { PerfCalibration } from './calibration.js';

/** One GPU type as the simulator sees it. Every figure carries its source in the catalog. */
export interface GpuSpec {
  readonly id: string; // 'H100', 'A100-80GB', ...
  readonly name: string;
  readonly memoryBytes: number;
  readonly memoryBandwidth: number; // bytes/s (HBM or GDDR)
  readonly bf16Flops: number; // dense FLOP/s
  readonly fp8Flops: number; // dense FLOP/s (= bf16 where unsupported)
  readonly fp4Flops: number; // dense FLOP/s (= fp8 where unsupported)
  readonly tdpW: number;
  readonly idleW: number; // bare idle, nothing loaded
  readonly idleLoadedW: number; // weights resident, 0 % utilisation
  readonly interconnectBandwidth: number; // bytes/s per GPU per direction for tensor-parallel all-reduce
  readonly interconnectLatency: number; // seconds per all-reduce hop
  readonly thermal: ThermalSpec;
  /** Id of the GPU whose fitted calibration this one runs with (a variant of a catalog GPU); default: its own id. */
  readonly calibration?: string;
  /** Calibration factors given for this GPU (a scenario's own measurements); they replace the ones of `calibration`. */
  readonly calibrationOverrides?: Partial<Omit<PerfCalibration, 'id' | 'source'>>;
  readonly source: string;
}

export interface ThermalSpec {
  readonly slowdownC: number; // clocks fall at or above this temperature
  readonly hysteresisC: number; // clocks recover below slowdownC - hysteresisC
  readonly shutdownC: number;
  readonly throttleClock: number; // clock factor while thermally throttled (0..1]
  readonly resistanceCPerW: number; // junction-to-inlet thermal resistance, °C/W
  readonly capacitanceJPerC: number; // lumped heat capacity, J/°C
}

/** A model architecture. Parameter counts in parameters, not bytes. */
export interface ModelSpec {
  readonly id: string; // 'llama-3.1-70b'
  readonly name: string;
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocab: number;
  readonly totalParams: number;
  readonly activeParams: number; // = totalParams for dense models
  readonly moe?: { readonly experts: number; readonly activeExperts: number };
  /** Multi-head latent attention: the KV cache stores a compressed latent per token and layer. */
  readonly mla?: { readonly kvLoraRank: number; readonly ropeHeadDim: number };
  /** Sliding-window attention: `layers` of the layers attend only to the last `tokens` tokens (see perf/window.ts). */
  readonly slidingWindow?: { readonly tokens: number; readonly layers: number };
  readonly precisions: readonly WeightPrecision[];
  readonly source: string;
}

export type WeightPrecision = 'bf16' | 'fp8' | 'int4' | 'mxfp4';
export type KvPrecision = 'bf16' | 'fp8';

/**
 * The step-time and power model of one replica: a (GPU, model, TP degree, precision)
 * combination, with everything that does not change per step precomputed.
 *
 * Hot-path contract: no method allocates.
 */
export interface ReplicaPerf {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  readonly tp: number;
  /** Bytes of KV cache one token occupies on the whole replica (all layers, all TP shards). */
  readonly kvBytesPerToken: number;
  /** Tokens of KV cache the replica can hold: (tp × memory − weights − reserve) / kvBytesPerToken. */
  readonly kvCapacityTokens: number;
  /**
   * Sliding-window models: KV and context are counted in full-layer token units, and a sequence of c
   * tokens occupies g·c + (1 − g)·min(c, W) of them (perf/window.ts). g = 1 and W = ∞ otherwise.
   */
  readonly kvGlobalFraction: number;
  readonly kvWindowTokens: number;
  /** Weight bytes of the whole replica (all shards). */
  readonly weightBytes: number;

  /**
   * Duration of one mixed iteration: `prefillTokens` new prompt tokens whose attention work is
   * `prefillAttn` (Σ over chunks of chunkLen × (ctxBefore + chunkLen/2), in token²), plus one decode
   * token for each of `decodeBatch` sequences whose contexts total `decodeContext` tokens (full-layer
   * token units for sliding-window models: Σ kvTokens(c); prefillAttn likewise from prefillAttention).
   * `prefillSeqs` is the number of sequences (prompts or prompt chunks) the prefill tokens belong to;
   * default `prefillTokens > 0 ? 1 : 0`. Each costs the calibration's per-prompt overhead.
   * With prefillTokens = 0 (and prefillSeqs 0 or omitted) it equals max(a0 + a1·C, b0 + b1·C) from decodeLines.
   */
  iterationTime(prefillTokens: number, prefillAttn: number, decodeBatch: number, decodeContext: number, clock: number, prefillSeqs?: number): number;

  /**
   * A decode-only iteration's duration is max(a0 + a1·C, b0 + b1·C) in the batch's total
   * context C (tokens), for a fixed batch size and clock. Writes [a0, a1, b0, b1] into `out`
   * (a Float64Array of length ≥ 4). Slopes are ≥ 0. This is what lets the analytic engine sum
   * k decode steps in closed form.
   */
  decodeLines(decodeBatch: number, clock: number, out: Float64Array): void;

  /**
   * Per-GPU power (W) of an iteration described exactly as iterationTime's arguments: the power the
   * fidelity benchmark validates against measured energy (fleetsim perf prints it).
   */
  stepPowerW(prefillTokens: number, prefillAttn: number, decodeBatch: number, decodeContext: number, clock: number, prefillSeqs?: number): number;

  /**
   * Per-GPU power (W) of an iteration without its context: every decode sequence at the reference
   * context (ReplicaPerfOptions.referenceContextTokens, 1,024 tokens), the prefill from an empty cache.
   * The replica draws this: its power must stay constant over a closed-form decode run (for analytic
   * mode to equal iteration mode), so it cannot follow the context as stepPowerW does; for contexts far
   * from the reference its energy differs from stepPowerW's.
   */
  iterationPowerW(prefillTokens: number, decodeBatch: number, clock: number): number;

  /** Whether the iteration's compute term is at least its memory term (cost attribution); optional for fakes. */
  isComputeBound?(prefillTokens: number, prefillAttn: number, decodeBatch: number, decodeContext: number, clock: number, prefillSeqs?: number): boolean;

  /** Per-GPU power (W) with weights loaded and nothing running. */
  readonly idlePowerW: number;

  /**
   * Clock factor (0..1] at which the per-GPU power of this iteration stays at or below capW. With
   * `step` the iteration is the exact one (as stepPowerW); without it, as iterationPowerW assumes.
   */
  clockForPowerCap(capW: number, prefillTokens: number, decodeBatch: number, step?: { readonly prefillAttn: number; readonly decodeContext: number; readonly prefillSeqs: number }): number;
}
