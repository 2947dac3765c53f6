/**
 * `fleetsim perf`: predicted prefill time, one decode step and per-phase power for one replica.
 *
 * Options (the yargs flags map one to one): `gpu` (string, e.g. H100), `model` (string, e.g.
 * llama-2-70b), `tp` (integer ≥ 1), `prompt` (tokens per prompt), `batch` (prompts / decode
 * sequences), `context` (tokens per sequence during the decode step; default prompt + 512),
 * `powerCap` (a fraction of TDP: 0.7 or 70 %; watts: 490W or a number above 1; below idle power refused), `precision` (weights: bf16|fp8|int4|mxfp4;
 * default the model's first), `kvPrecision` (bf16|fp8, default bf16), `json` (boolean), `scenario`
 * (a file whose `catalog:` entries are looked up too).
 * Returns the exit code; throws UserError (exit 2) for bad input.
 */
import type { CliIo } from '../io.js';
import { UserError } from '../../errors.js';
import { parseQuantity } from '../../scenario/units.js';
import { scenarioCatalog } from '../../scenario/index.js';
import { describeWindow, kvTokens, prefillAttention } from '../../serving/perf/window.js';
import { createReplicaPerf } from '../../serving/perf/createReplicaPerf.js';
import type { KvPrecision, WeightPrecision } from '../../serving/perf/types.js';

export interface PerfOptions {
  gpu: string;
  model: string;
  tp?: number;
  prompt: number;
  batch: number;
  context?: number;
  /** A fraction of TDP (0.7, 70%) or watts (490W, or a plain number above 1). */
  powerCap?: string | number;
  precision?: string;
  kvPrecision?: string;
  json?: boolean;
  /** A scenario file whose `catalog:` entries (private GPUs, fine-tuned models) are looked up too. */
  scenario?: string;
}

const WEIGHT_PRECISIONS: readonly WeightPrecision[] = ['bf16', 'fp8', 'int4', 'mxfp4'];

export function positive(name: string, v: number | undefined, integer: boolean): number {
  if (v === undefined || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new UserError(`--${name}: expected a positive ${integer ? 'integer' : 'number'}, got ${String(v)}`);
  }
  return v;
}

/** Weight and KV precision from option strings; the model's first precision by default. */
export function precisions(model: { id: string; precisions: readonly WeightPrecision[] }, w?: string, kv?: string): { weight: WeightPrecision; kv: KvPrecision } {
  const weight = (w ?? model.precisions[0]) as WeightPrecision;
  if (!WEIGHT_PRECISIONS.includes(weight)) throw new UserError(`--precision: expected one of ${WEIGHT_PRECISIONS.join(', ')}, got '${w}'`);
  const k = (kv ?? 'bf16') as KvPrecision;
  if (k !== 'bf16' && k !== 'fp8') throw new UserError(`--kv-precision: expected bf16 or fp8, got '${kv}'`);
  return { weight, kv: k };
}

export async function perfCommand(o: PerfOptions, io: CliIo): Promise<number> {
  const catalog = scenarioCatalog(o.scenario);
  const gpu = catalog.getGpu(o.gpu);
  const model = catalog.getModel(o.model);
  const tp = positive('tp', o.tp ?? 1, true);
  const prompt = positive('prompt', o.prompt, true);
  const batch = positive('batch', o.batch, true);
  const context = positive('context', o.context ?? prompt + 512, true);
  const p = precisions(model, o.precision, o.kvPrecision);
  const perf = createReplicaPerf({ gpu, model, tp, weightPrecision: p.weight, kvPrecision: p.kv });
  const capW = o.powerCap === undefined ? gpu.tdpW : powerCapW(o.powerCap, gpu.tdpW, gpu.idleLoadedW);
  const pTok = batch * prompt;
  // Attention and KV per sequence, sliding windows included (perf/window.ts); `batch` prompts, each its own sequence.
  const pAttn = batch * prefillAttention(0, prompt, perf.kvGlobalFraction, perf.kvWindowTokens);
  const ctx = batch * kvTokens(context, perf.kvGlobalFraction, perf.kvWindowTokens);
  const clkPrefill = perf.clockForPowerCap(capW, pTok, 0, { prefillAttn: pAttn, decodeContext: 0, prefillSeqs: batch });
  const clkDecode = perf.clockForPowerCap(capW, 0, batch, { prefillAttn: 0, decodeContext: ctx, prefillSeqs: 0 });
  const prefillW = perf.stepPowerW(pTok, pAttn, 0, 0, clkPrefill, batch);
  const decodeW = perf.stepPowerW(0, 0, batch, ctx, clkDecode);
  const prefillS = perf.iterationTime(pTok, pAttn, 0, 0, clkPrefill, batch);
  const decodeS = perf.iterationTime(0, 0, batch, ctx, clkDecode);
  const out = {
    gpu: gpu.id, model: model.id, tp, weightPrecision: p.weight, kvPrecision: p.kv, prompt, batch, context,
    powerCapW: capW,
    // capMet false: even the lowest clock draws more than the cap (memory-bound work barely slows with the SM clock).
    prefill: { seconds: prefillS, clock: clkPrefill, powerW: prefillW, capMet: prefillW <= capW + 1e-9, computeBound: perf.isComputeBound(pTok, pAttn, 0, 0, clkPrefill, batch) },
    decode: { seconds: decodeS, clock: clkDecode, powerW: decodeW, capMet: decodeW <= capW + 1e-9, computeBound: perf.isComputeBound(0, 0, batch, ctx, clkDecode), tokensPerSecond: batch / decodeS },
    idlePowerW: perf.idlePowerW,
    kvCapacityTokens: perf.kvCapacityTokens,
    fitsKv: ctx <= perf.kvCapacityTokens,
    ...(model.slidingWindow ? { slidingWindow: model.slidingWindow, kvTokensPerSequence: ctx / batch } : {}),
    calibration: perf.calibration.id,
  };
  if (o.json) {
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const ms = (s: number) => `${(s * 1e3).toFixed(2)} ms`;
  const over = (met: boolean) => (met ? '' : '  — above the cap even at the lowest clock (memory-bound power barely falls with the SM clock)');
  io.stdout(
    [
      `${model.name} on ${tp} × ${gpu.name} (${p.weight} weights, ${p.kv} KV; calibration ${out.calibration})`,
      `prefill ${batch} × ${prompt} tokens: ${ms(prefillS)}  clock ${clkPrefill.toFixed(2)}  ${out.prefill.powerW.toFixed(0)} W/GPU  ${out.prefill.computeBound ? 'compute' : 'memory'}-bound${over(out.prefill.capMet)}`,
      `decode step, batch ${batch} at ${context} tokens: ${ms(decodeS)}  clock ${clkDecode.toFixed(2)}  ${out.decode.powerW.toFixed(0)} W/GPU  ${out.decode.computeBound ? 'compute' : 'memory'}-bound  (${out.decode.tokensPerSecond.toFixed(0)} tok/s)${over(out.decode.capMet)}`,
      `idle (weights loaded): ${out.idlePowerW.toFixed(0)} W/GPU; power cap ${capW.toFixed(0)} W/GPU`,
      `KV capacity ${out.kvCapacityTokens} tokens${out.fitsKv ? '' : ` — batch × context = ${Math.round(ctx)} does NOT fit`}` +
        (model.slidingWindow ? ` (sliding window: ${describeWindow(model)}; a ${context}-token sequence holds ${(ctx / batch).toFixed(0)} tokens' worth of KV)` : ''),
      '',
    ].join('\n'),
  );
  return 0;
}

/**
 * A per-GPU power cap in watts from a fraction of TDP (0.7, "70%") or watts ("490W", or a plain number
 * above 1). A cap below the idle power with weights loaded can never be met: refused.
 */
export function powerCapW(v: string | number, tdpW: number, idleLoadedW: number): number {
  const s = String(v).trim();
  let w: number;
  if (/^\d+(\.\d+)?%$/.test(s)) w = (Number(s.slice(0, -1)) / 100) * tdpW;
  else if (/^\d+(\.\d+)?$/.test(s)) w = Number(s) <= 1 ? Number(s) * tdpW : Number(s);
  else {
    try {
      w = parseQuantity('power', s);
    } catch {
      throw new UserError(`--power-cap: expected a fraction of TDP (0.7 or 70%) or watts (490W), got "${s}"`);
    }
  }
  if (!(w > 0)) throw new UserError(`--power-cap: expected a positive cap, got "${s}"`);
  if (w < idleLoadedW) {
    throw new UserError(`--power-cap: ${w.toFixed(1)} W per GPU ("${s}") is below the GPU's idle power with weights loaded (${idleLoadedW} W), so no clock meets it; give a fraction of TDP (at most 1, e.g. 0.7) or watts between ${idleLoadedW} and ${tdpW}`);
  }
  return w;
}
