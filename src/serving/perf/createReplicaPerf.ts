/**
 * The roofline step-time and power model of one replica. See docs/performance-model.md.
 *
 * For an iteration with T = prefillTokens + decodeBatch tokens (clock factor f):
 *   compute  = 2·activeParams·T / (tp·peak·ηc·f) + 4·layers·heads·headDim·(prefillAttn + decodeContext) / (tp·bf16·ηa·f)
 *   memory   = (denseBytes + expertBytes·(1 − (1 − k/E)^T)/ηq) / (tp·BW·ηm·m(f)) + kvBytesPerToken·decodeContext / (tp·BW·ηkv·m(f))
 * (ηq: quantizedExpertEfficiency for MoE experts stored below bf16, else 1; it also divides the expert
 * share of activeParams in the compute term)
 *   overhead = stepOverhead + layers·layerOverhead/f + seqOverhead·decodeBatch + prefillSeqOverhead·prefillSeqs
 *   comm     = 2·layers·(arOverhead + 2(tp−1)·hopLatency + 2(tp−1)/tp · T·hidden·2 B / (linkBW·ηic))   (0 when tp = 1)
 *   time     = max(compute + overhead + comm, memory + overhead + comm)
 * with m(f) = 0.9 + 0.1·f: memory bandwidth barely depends on the SM clock (HBM has its own clock;
 * only the issuing SMs slow down). Power: see `power` below.
 */
import { defaultCalibration } from '../../catalog/calibration.js';
import type { PerfCalibration } from './calibration.js';
import { kvBytesPerToken as kvBytes, linearPeakFlops, splitParams, weightBytesOf } from './precision.js';
import type { GpuSpec, KvPrecision, ModelSpec, ReplicaPerf, WeightPrecision } from './types.js';
import { checkFits } from './internal/fit.js';
import { kvGlobalFraction, kvTokens, kvWindowTokens, prefillAttention } from './window.js';

export interface ReplicaPerfOptions {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  /** Tensor-parallel degree: GPUs per replica, integer ≥ 1 dividing the model's attention heads. */
  readonly tp: number;
  readonly weightPrecision: WeightPrecision;
  readonly kvPrecision: KvPrecision;
  /** Fraction of GPU memory kept free of weights and KV (activations, CUDA context, fragmentation). Default 0.10 (vLLM gpu_memory_utilization 0.9). */
  readonly memoryReserveFraction?: number;
  /** Calibration factors; default: the fitted or derived ones for this GPU (src/catalog/calibration.ts). */
  readonly calibration?: PerfCalibration;
  /** Context per decode sequence (tokens) assumed by iterationPowerW/clockForPowerCap, which get no context. Default 1024. */
  readonly referenceContextTokens?: number;
}

/** ReplicaPerf plus diagnostics that need the full step description. */
export interface ReplicaPerfExt extends ReplicaPerf {
  readonly calibration: PerfCalibration;
  readonly weightPrecision: WeightPrecision;
  readonly kvPrecision: KvPrecision;
  /** Bytes of the replica's memory left for the KV cache (tp × memory × (1 − reserve) − weights). */
  readonly kvCapacityBytes: number;
  /** True when the iteration's compute term is at least its memory term (for cost attribution). */
  isComputeBound(prefillTokens: number, prefillAttn: number, decodeBatch: number, decodeContext: number, clock: number, prefillSeqs?: number): boolean;
}

const MIN_CLOCK = 0.3;

export function createReplicaPerf(o: ReplicaPerfOptions): ReplicaPerfExt {
  const { gpu, model, tp, weightPrecision, kvPrecision } = o;
  const cal = o.calibration ?? withOverrides(defaultCalibration(gpu.calibration ?? gpu.id), gpu);
  const reserve = o.memoryReserveFraction ?? 0.1;
  const refCtx = o.referenceContextTokens ?? 1024;
  const { denseBytes, expertBytes } = weightBytesOf(model, weightPrecision);
  const weightBytes = denseBytes + expertBytes;
  const kvBytesPerToken = kvBytes(model, kvPrecision, tp);
  const kvG = kvGlobalFraction(model);
  const kvW = kvWindowTokens(model);
  // Room for one 4096-token sequence is the least a replica must hold.
  const minKvBytes = kvTokens(4096, kvG, kvW) * kvBytesPerToken;
  const kvCapacityBytes = checkFits({ gpu, model, tp, weightPrecision, weightBytes, reserve, minKvBytes });
  const kvCapacityTokens = Math.floor(kvCapacityBytes / kvBytesPerToken);

  // Quantised routed experts run through slower fused-MoE kernels: their bytes and FLOPs count 1/ηq more.
  const etaQ = model.moe && weightPrecision !== 'bf16' ? (cal.quantizedExpertEfficiency ?? 1) : 1;
  const linearParams = etaQ === 1 ? model.activeParams : splitParams(model).denseParams + (model.activeParams - splitParams(model).denseParams) / etaQ;
  // Precomputed per-replica coefficients (seconds per unit).
  const sLinTok = (2 * linearParams) / (tp * linearPeakFlops(gpu, weightPrecision) * cal.computeEfficiency); // s per token at f = 1
  const sAttn = (4 * model.layers * model.heads * model.headDim) / (tp * gpu.bf16Flops * cal.attentionEfficiency); // s per token² at f = 1
  const sByte = 1 / (tp * gpu.memoryBandwidth * cal.memoryEfficiency);
  const sDense = denseBytes * sByte;
  const sExperts = (expertBytes * sByte) / etaQ;
  const missRatio = model.moe ? 1 - model.moe.activeExperts / model.moe.experts : 0;
  const sKvTok = kvBytesPerToken / (tp * gpu.memoryBandwidth * cal.kvEfficiency);
  const hops = 2 * (tp - 1);
  const commFixed = tp > 1 ? 2 * model.layers * (cal.allReduceOverheadS + hops * gpu.interconnectLatency) : 0;
  const commTok = tp > 1 ? (2 * model.layers * (hops / tp) * model.hidden * 2) / (gpu.interconnectBandwidth * cal.interconnectEfficiency) : 0;
  const layerOv = model.layers * cal.layerOverheadS;
  const prefSeqOv = cal.prefillSeqOverheadS ?? 0;
  const dynW = gpu.tdpW - gpu.idleLoadedW;
  // Power without a context: every decode sequence at the reference context, the prefill from scratch.
  const refKv = kvTokens(refCtx, kvG, kvW);
  const refAttn = (p: number): number => (kvG === 1 ? 0.5 * p * p : prefillAttention(0, p, kvG, kvW));
  const lines = new Float64Array(5); // scratch for iterationTime/power; never escapes

  /** The single place the step arithmetic lives: [a0, a1, b0, b1] (and the shared overhead in out[4] when there is room). */
  function fill(p: number, pAttn: number, b: number, clock: number, s: number, out: Float64Array): void {
    const t = p + b;
    const memScale = 1 / (0.9 + 0.1 * clock);
    let x = cal.stepOverheadS + layerOv / clock + cal.seqOverheadS * b + commFixed + commTok * t;
    if (s > 0) x += prefSeqOv * s; // skipped when s = 0 so decode-only steps stay bit-identical to decodeLines
    const moved = missRatio > 0 ? sDense + sExperts * (1 - Math.pow(missRatio, t)) : sDense;
    out[0] = (t * sLinTok + pAttn * sAttn) / clock + x;
    out[1] = sAttn / clock;
    out[2] = moved * memScale + x;
    out[3] = sKvTok * memScale;
    if (out.length > 4) out[4] = x;
  }

  /** Sequences being prefilled: the caller's count, else 1 when there are prefill tokens. */
  const seqsOf = (p: number, s: number | undefined): number => (s === undefined ? (p > 0 ? 1 : 0) : s);

  function time(p: number, pAttn: number, b: number, c: number, clock: number, s?: number): number {
    fill(p, pAttn, b, clock, seqsOf(p, s), lines);
    const a = lines[0] + lines[1] * c;
    const m = lines[2] + lines[3] * c;
    return a >= m ? a : m;
  }

  function power(p: number, pAttn: number, b: number, c: number, clock: number, s?: number): number {
    if (p + b <= 0) return gpu.idleLoadedW;
    const t = time(p, pAttn, b, c, clock, s); // leaves lines filled
    const memScale = 1 / (0.9 + 0.1 * clock);
    const x = lines[4];
    const uc = (lines[0] + lines[1] * c - x) / t;
    const um = (lines[2] + lines[3] * c - x) / t;
    const dyn = cal.powerComputeFraction * uc * Math.pow(clock, cal.powerClockExponent) + cal.powerMemoryFraction * um / memScale;
    const w = gpu.idleLoadedW + dynW * dyn;
    return w < gpu.tdpW ? w : gpu.tdpW;
  }

  return {
    gpu, model, tp, weightPrecision, kvPrecision, calibration: cal,
    kvBytesPerToken, kvCapacityTokens, kvCapacityBytes, weightBytes,
    kvGlobalFraction: kvG, kvWindowTokens: kvW,
    idlePowerW: gpu.idleLoadedW,
    iterationTime: time,
    decodeLines(b, clock, out) {
      fill(0, 0, b, clock, 0, out);
    },
    stepPowerW: power,
    iterationPowerW(p, b, clock) {
      return power(p, refAttn(p), b, b * refKv, clock);
    },
    isComputeBound(p, pAttn, b, c, clock, s) {
      fill(p, pAttn, b, clock, seqsOf(p, s), lines);
      return lines[0] + lines[1] * c >= lines[2] + lines[3] * c;
    },
    clockForPowerCap(capW, p, b, step) {
      const pAttn = step === undefined ? refAttn(p) : step.prefillAttn;
      const c = step === undefined ? b * refKv : step.decodeContext;
      const s = step === undefined ? undefined : step.prefillSeqs;
      if (power(p, pAttn, b, c, 1, s) <= capW) return 1;
      if (power(p, pAttn, b, c, MIN_CLOCK, s) > capW) return MIN_CLOCK;
      let lo = MIN_CLOCK;
      let hi = 1;
      for (let i = 0; i < 40; i++) {
        const mid = 0.5 * (lo + hi);
        if (power(p, pAttn, b, c, mid, s) <= capW) lo = mid;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** A GPU's own calibration factors (a scenario's measurements) on top of the fitted or derived ones. */
function withOverrides(base: PerfCalibration, gpu: GpuSpec): PerfCalibration {
  const o = gpu.calibrationOverrides;
  if (o === undefined || Object.keys(o).length === 0) return base;
  return { ...base, ...o, id: `${base.id}+${gpu.id}`, source: `${base.source}; ${Object.keys(o).join(', ')} given for ${gpu.id}` };
}
