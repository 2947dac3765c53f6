/**
 * Fitted calibration factors, written by benchmarks/calibrate.mjs on 2026-12-04. Do not edit by hand:
 * change the script and rerun it. Efficiencies are achieved fractions of peak; overheads in seconds.
 *
 * GPUs without measurements (H200, B200, MI300X, L4, L40S) get the H100 profile: the same achieved
 * fractions of *their own* peaks (so their absolute rates scale with their datasheet figures) and
 * the same serving-software overheads (the same vLLM stack). This is an assumption, not a fit.
 */
import type { PerfCalibration } from '../serving/perf/calibration.js';

/** A100-80GB, fitted to the splitwise-sim measurements (2023 serving stack). */
export const A100_SPLITWISE: PerfCalibration = {
  computeEfficiency: 0.7585,
  attentionEfficiency: 0.17589,
  memoryEfficiency: 1,
  kvEfficiency: 0.76461,
  interconnectEfficiency: 0.23402,
  allReduceOverheadS: 8.7591e-5,
  stepOverheadS: 1.5026e-31,
  layerOverheadS: 1.4469e-4,
  seqOverheadS: 3.7890e-4,
  prefillSeqOverheadS: 0.016771,
  powerComputeFraction: 1,
  powerMemoryFraction: 0.54773,
  powerClockExponent: 2.5,
  id: "a100-splitwise",
  source: "fitted 2026-12-04 to ../shared/data/calibration/measured_latency_a100.csv (splitwise-sim perf_model.csv, 51 groups, Llama-2-70B TP2/4/8 and BLOOM-176B TP8 on A100-80GB); power fractions from splitwise-sim phase powers (A100 prefill 400 W, decode 250 W)",
};

/** H100 with vLLM v1, fitted to ML.ENERGY v3 runs. */
export const H100_VLLM: PerfCalibration = {
  computeEfficiency: 1,
  attentionEfficiency: 1,
  memoryEfficiency: 0.77427,
  kvEfficiency: 0.58397,
  interconnectEfficiency: 1,
  allReduceOverheadS: 1.5356e-5,
  stepOverheadS: 1.0644e-55,
  layerOverheadS: 1.2981e-5,
  seqOverheadS: 1.4642e-147,
  prefillSeqOverheadS: 0.0000e+0,
  powerComputeFraction: 1,
  powerMemoryFraction: 0.61833,
  powerClockExponent: 2.5,
  id: "h100-vllm",
  quantizedExpertEfficiency: 0.44483,
  source: "fitted 2026-12-04 to ../shared/data/calibration/mlenergy_h100_runs.csv (ML.ENERGY v3, 101 dense H100 runs: median ITL for the time terms, energy per token for the memory-bound power fraction (compute-bound fraction 1: splitwise-sim H100 prefill 700 W = TDP); quantizedExpertEfficiency alone to median ITL of the 59 fp8/mxfp4 MoE runs; prompt tokens assumed gpqa 300, lm-arena-chat 1000)",
};

export const CALIBRATIONS: readonly PerfCalibration[] = [A100_SPLITWISE, H100_VLLM];

/** The calibration a GPU gets by default: its own fit where one exists, else the H100 profile (see above). */
export function defaultCalibration(gpuId: string): PerfCalibration {
  if (gpuId === 'A100-80GB') return A100_SPLITWISE;
  if (gpuId === 'H100') return H100_VLLM;
  return { ...H100_VLLM, id: `h100-vllm-derived:${gpuId}`, source: `derived from H100_VLLM (same achieved fractions of peak, same software overheads); not validated on ${gpuId}` };
}
