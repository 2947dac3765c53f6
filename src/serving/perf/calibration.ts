/**
 * Calibration factors of the step-time and power model. The efficiencies are achieved fractions
 * of a peak (dimensionless, 0..1] so they transfer between GPUs of one software stack; the
 * overheads are seconds of the serving software (kernel launches, scheduler, sampler).
 * Fitted values live in src/catalog/calibration.ts with their data and date.
 */
export interface PerfCalibration {
  readonly id: string;
  /** Achieved fraction of dense tensor-core peak in the linear layers (GEMMs). */
  readonly computeEfficiency: number;
  /** Achieved fraction of bf16 peak in attention score/value products (prefill and decode). */
  readonly attentionEfficiency: number;
  /** Achieved fraction of peak memory bandwidth when streaming weights. */
  readonly memoryEfficiency: number;
  /** Achieved fraction of peak memory bandwidth when reading the KV cache (attention kernels). */
  readonly kvEfficiency: number;
  /** Achieved fraction of per-direction interconnect bandwidth in ring all-reduce. */
  readonly interconnectEfficiency: number;
  /** Software cost of one all-reduce (launch + synchronisation), seconds, on top of hop latency. */
  readonly allReduceOverheadS: number;
  /** Fixed cost of one iteration (scheduler, sampling, launch), seconds; not clock-scaled. */
  readonly stepOverheadS: number;
  /** Per-layer per-iteration cost (kernel tails and gaps), seconds; scales with 1/clock. */
  readonly layerOverheadS: number;
  /** Per-sequence per-iteration cost (CPU-side bookkeeping, sampling), seconds; not clock-scaled. */
  readonly seqOverheadS: number;
  /**
   * Per-prompt cost of a prefill iteration (seconds per sequence being prefilled; not clock-scaled):
   * per-request work the serving stack does once per prompt and iteration (input preparation and
   * position/slot mapping, KV block allocation, first-token logits and sampling, per-sequence
   * attention metadata). Default 0 (absent in calibrations fitted before 2026-12-05).
   */
  readonly prefillSeqOverheadS?: number;
  /**
   * Achieved fraction of the roofline for routed experts stored below bf16 (fp8, int4, mxfp4): fused
   * MoE kernels that dequantise or apply block scales on the fly move and multiply those weights
   * slower than a dense GEMM of the same bytes and FLOPs. Applies to the expert weight bytes and the
   * expert share of the linear FLOPs of MoE models only. Default 1 (absent: bf16-like kernels).
   */
  readonly quantizedExpertEfficiency?: number;
  /** Dynamic power at 100 % compute-bound time, as a fraction of (TDP − idleLoaded). */
  readonly powerComputeFraction: number;
  /** Dynamic power at 100 % memory-bound time, as a fraction of (TDP − idleLoaded). */
  readonly powerMemoryFraction: number;
  /** Exponent of clock in compute dynamic power: P ∝ f·V² with V ∝ f^0.75 over the DVFS range ⇒ 2.5. */
  readonly powerClockExponent: number;
  readonly source: string;
}
