/**
 * Pure prediction of the measured calibration rows (no I/O): used by benchmarks/calibrate.mjs to
 * fit and by benchmarks/fidelity.mjs to report the error. Row objects hold the CSV columns needed.
 */
import type { GpuSpec, ModelSpec, WeightPrecision } from './types.js';
import type { PerfCalibration } from './calibration.js';
import { createReplicaPerf } from './createReplicaPerf.js';
import { kvTokens, prefillAttention } from './window.js';

/** A group of splitwise-sim A100 rows (means over repeats). Times in seconds. */
export interface LatencyGroup {
  readonly model: ModelSpec;
  readonly tp: number;
  readonly prompt: number;
  readonly batch: number;
  /** Decode tokens generated per request (token_time averages over them). */
  readonly outputTokens: number;
  readonly promptTimeS: number;
  readonly tokenTimeS: number;
}

/**
 * Prefill: `batch` prompts of `prompt` tokens in one iteration (prefillAttn = batch·prompt²/2,
 * prefillSeqs = batch).
 * Decode: one step at `batch` with each context at prompt + outputTokens/2 (token_time is the mean
 * step over the whole generation).
 */
export function predictLatency(gpu: GpuSpec, cal: PerfCalibration, g: LatencyGroup): { prefillS: number; decodeS: number } {
  const perf = createReplicaPerf({ gpu, model: g.model, tp: g.tp, weightPrecision: 'bf16', kvPrecision: 'bf16', calibration: cal, memoryReserveFraction: 0.05 });
  const p = g.batch * g.prompt;
  const prefillS = perf.iterationTime(p, (g.batch * g.prompt * g.prompt) / 2, 0, 0, 1, g.batch);
  const decodeS = perf.iterationTime(0, 0, g.batch, g.batch * (g.prompt + g.outputTokens / 2), 1);
  return { prefillS, decodeS };
}

/** One ML.ENERGY run (closed-loop vLLM benchmark at a max_num_seqs). */
export interface ServingRun {
  readonly model: ModelSpec;
  readonly tp: number;
  readonly weightPrecision: WeightPrecision;
  /** Mean running batch (avg_batch_size). */
  readonly batch: number;
  /** Mean output tokens per request (avg_output_len). */
  readonly outputTokens: number;
  /** Mean prompt tokens per request (not in the data: an assumption per task). */
  readonly promptTokens: number;
}

/** Median of a Poisson(λ) count (Choi 1994 approximation), ≥ 0. */
function poissonMedian(lambda: number): number {
  return lambda <= 0 ? 0 : Math.max(0, Math.floor(lambda + 1 / 3 - 0.02 / lambda));
}

/**
 * Steady state of continuous batching: λ = batch/outputTokens requests finish (and are replaced,
 * their prompts prefilled in the same iteration) per step. Mean context per running request is
 * prompt + output/2 (its KV through kvTokens for sliding-window models). The median ITL is the step
 * with the median number of prefills (Poisson); energy per output token = tp · P(mean step) ·
 * t(mean step) / batch.
 */
export function predictServing(gpu: GpuSpec, cal: PerfCalibration, r: ServingRun): { medianItlS: number; energyPerTokenJ: number; powerW: number } {
  const perf = createReplicaPerf({ gpu, model: r.model, tp: r.tp, weightPrecision: r.weightPrecision, kvPrecision: 'bf16', calibration: cal });
  const lambda = r.batch / r.outputTokens;
  const g = perf.kvGlobalFraction;
  const w = perf.kvWindowTokens;
  const ctx = r.batch * kvTokens(r.promptTokens + r.outputTokens / 2, g, w);
  const kMed = poissonMedian(lambda);
  const pMed = kMed * r.promptTokens;
  // Without a sliding window the attention terms keep their original arithmetic (the fit is reproducible bit for bit).
  const attnOne = g === 1 ? (r.promptTokens * r.promptTokens) / 2 : prefillAttention(0, r.promptTokens, g, w);
  const medianItlS = perf.iterationTime(pMed, g === 1 ? (kMed * r.promptTokens * r.promptTokens) / 2 : kMed * attnOne, r.batch, ctx, 1, kMed);
  const pMean = lambda * r.promptTokens;
  const attnMean = g === 1 ? (lambda * r.promptTokens * r.promptTokens) / 2 : lambda * attnOne;
  const tMean = perf.iterationTime(pMean, attnMean, r.batch, ctx, 1, lambda);
  const powerW = perf.stepPowerW(pMean, attnMean, r.batch, ctx, 1, lambda);
  return { medianItlS, energyPerTokenJ: (r.tp * powerW * tMean) / r.batch, powerW: r.tp * powerW };
}
