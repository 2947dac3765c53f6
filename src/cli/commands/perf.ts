/**
 * `fleetsim perf`: predicted prefill time, one decode step and per-phase power for one replica.
 *
 * Options (the yargs flags map one to one): `gpu` (string, e.g. H100), `model` (string, e.g.
 * llama-2-70b), `tp` (integer ≥ 1), `prompt` (tokens per prompt), `batch` (prompts / decode
 * sequences), `context` (tokens per sequence during the decode step; default prompt + 512),
 * `powerCap` (≤ 1: fraction of TDP, > 1: watts per GPU), `precision` (weights: bf16|fp8|int4|mxfp4;
 * default the model's first), `kvPrecision` (bf16|fp8, default bf16), `json` (boolean), `scenario`
 * (a file whose `catalog:` entries are looked up too).
 * Returns the exit code; throws UserError (exit 2) for bad input.
 */
import type { CliIo } from '../io.js';
import { UserError } from '../../errors.js';
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
  powerCap?: number;
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
  let capW = gpu.tdpW;
  if (o.powerCap !== undefined) {
    const c = positive('power-cap', o.powerCap, false);
    capW = c <= 1 ? c * gpu.tdpW : c;
  }
  const pTok = batch * prompt;
  // Attention and KV per sequence, sliding windows included (perf/window.ts); `batch` prompts, each its own sequence.
  const pAttn = batch * prefillAttention(0, prompt, perf.kvGlobalFraction, perf.kvWindowTokens);
  const ctx = batch * kvTokens(context, perf.kvGlobalFraction, perf.kvWindowTokens);
  const clkPrefill = perf.clockForPowerCap(capW, pTok, 0, { prefillAttn: pAttn, decodeContext: 0, prefillSeqs: batch });
  const clkDecode = perf.clockForPowerCap(capW, 0, batch, { prefillAttn: 0, decodeContext: ctx, prefillSeqs: 0 });
  const prefillS = perf.iterationTime(pTok, pAttn, 0, 0, clkPrefill, batch);
  const decodeS = perf.iterationTime(0, 0, batch, ctx, clkDecode);
  const out = {
    gpu: gpu.id, model: model.id, tp, weightPrecision: p.weight, kvPrecision: p.kv, prompt, batch, context,
    powerCapW: capW,
    prefill: { seconds: prefillS, clock: clkPrefill, powerW: perf.stepPowerW(pTok, pAttn, 0, 0, clkPrefill, batch), computeBound: perf.isComputeBound(pTok, pAttn, 0, 0, clkPrefill, batch) },
    decode: { seconds: decodeS, clock: clkDecode, powerW: perf.stepPowerW(0, 0, batch, ctx, clkDecode), computeBound: perf.isComputeBound(0, 0, batch, ctx, clkDecode), tokensPerSecond: batch / decodeS },
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
  io.stdout(
    [
      `${model.name} on ${tp} × ${gpu.name} (${p.weight} weights, ${p.kv} KV; calibration ${out.calibration})`,
      `prefill ${batch} × ${prompt} tokens: ${ms(prefillS)}  clock ${clkPrefill.toFixed(2)}  ${out.prefill.powerW.toFixed(0)} W/GPU  ${out.prefill.computeBound ? 'compute' : 'memory'}-bound`,
      `decode step, batch ${batch} at ${context} tokens: ${ms(decodeS)}  clock ${clkDecode.toFixed(2)}  ${out.decode.powerW.toFixed(0)} W/GPU  ${out.decode.computeBound ? 'compute' : 'memory'}-bound  (${out.decode.tokensPerSecond.toFixed(0)} tok/s)`,
      `idle (weights loaded): ${out.idlePowerW.toFixed(0)} W/GPU; power cap ${capW.toFixed(0)} W/GPU`,
      `KV capacity ${out.kvCapacityTokens} tokens${out.fitsKv ? '' : ` — batch × context = ${Math.round(ctx)} does NOT fit`}` +
        (model.slidingWindow ? ` (sliding window: ${describeWindow(model)}; a ${context}-token sequence holds ${(ctx / batch).toFixed(0)} tokens' worth of KV)` : ''),
      '',
    ].join('\n'),
  );
  return 0;
}
