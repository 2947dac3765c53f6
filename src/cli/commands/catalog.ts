/**
 * `fleetsim catalog`: without `gpu`/`model`, tables of the known GPUs and models with key figures
 * and sources; with both, the capacity of one replica: KV capacity, max batch at a few context
 * lengths, prefill time, decode step time and power at batch 1/8/32/128.
 *
 * Options: `gpu` (string), `model` (string), `tp` (integer ≥ 1, default 1), `precision`
 * (bf16|fp8|int4|mxfp4), `kvPrecision` (bf16|fp8), `prompt` (prefill tokens, default 2048),
 * `context` (tokens per sequence for the decode rows, default 2048), `sources` (boolean: print the
 * source of every figure), `json` (boolean). Returns the exit code; throws UserError for bad input.
 */
import type { CliIo } from '../io.js';
import { UserError } from '../../errors.js';
import { scenarioCatalog } from '../../scenario/index.js';
import type { Catalog } from '../../catalog/index.js';
import { createReplicaPerf } from '../../serving/perf/createReplicaPerf.js';
import { kvBytesPerToken } from '../../serving/perf/precision.js';
import { describeWindow, kvTokens, prefillAttention } from '../../serving/perf/window.js';
import { positive, precisions } from './perf.js';

export interface CatalogOptions {
  gpu?: string;
  model?: string;
  tp?: number;
  precision?: string;
  kvPrecision?: string;
  prompt?: number;
  context?: number;
  sources?: boolean;
  json?: boolean;
  /** A scenario file whose `catalog:` entries (private GPUs, fine-tuned models) are listed and looked up too. */
  scenario?: string;
}

const GiB = 1024 ** 3;
const pad = (rows: string[][]): string => {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n';
};

export async function catalogCommand(o: CatalogOptions, io: CliIo): Promise<number> {
  if ((o.gpu === undefined) !== (o.model === undefined)) throw new UserError('catalog: give both --gpu and --model, or neither');
  const catalog = scenarioCatalog(o.scenario);
  if (o.gpu === undefined || o.model === undefined) return listAll(o, io, catalog);
  const gpu = catalog.getGpu(o.gpu);
  const model = catalog.getModel(o.model);
  const tp = positive('tp', o.tp ?? 1, true);
  const prompt = positive('prompt', o.prompt ?? 2048, true);
  const context = positive('context', o.context ?? 2048, true);
  const p = precisions(model, o.precision, o.kvPrecision);
  const perf = createReplicaPerf({ gpu, model, tp, weightPrecision: p.weight, kvPrecision: p.kv });
  // KV and attention per sequence, sliding windows included (perf/window.ts).
  const kvOf = (ctx: number) => kvTokens(ctx, perf.kvGlobalFraction, perf.kvWindowTokens);
  const attn = prefillAttention(0, prompt, perf.kvGlobalFraction, perf.kvWindowTokens);
  const maxBatch = [1024, 4096, 16384, 65536].map((ctx) => ({ context: ctx, maxBatch: Math.floor(perf.kvCapacityTokens / kvOf(ctx)) }));
  const batches = [1, 8, 32, 128].map((b) => ({
    batch: b,
    prefillS: perf.iterationTime(b * prompt, b * attn, 0, 0, 1, b),
    prefillPowerW: perf.stepPowerW(b * prompt, b * attn, 0, 0, 1, b),
    decodeStepS: perf.iterationTime(0, 0, b, b * kvOf(context), 1),
    decodePowerW: perf.stepPowerW(0, 0, b, b * kvOf(context), 1),
    fitsKv: b * kvOf(context) <= perf.kvCapacityTokens,
  }));
  const slidingWindow = describeWindow(model);
  const out = {
    gpu: gpu.id, model: model.id, tp, weightPrecision: p.weight, kvPrecision: p.kv, weightGiB: perf.weightBytes / GiB,
    kvBytesPerToken: perf.kvBytesPerToken, kvCapacityTokens: perf.kvCapacityTokens, kvCapacityGiB: perf.kvCapacityBytes / GiB,
    ...(model.slidingWindow ? { slidingWindow: model.slidingWindow } : {}),
    maxBatch, prompt, context, batches, idlePowerW: perf.idlePowerW, calibration: perf.calibration.id,
    ...(o.sources ? { sources: { gpu: gpu.source, model: model.source, calibration: perf.calibration.source } } : {}),
  };
  if (o.json) {
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  io.stdout(
    `${model.name} on ${tp} × ${gpu.name}, ${p.weight} weights (${out.weightGiB.toFixed(1)} GiB), ${p.kv} KV (${(perf.kvBytesPerToken / 1024).toFixed(0)} KiB/token)\n` +
      `KV capacity: ${perf.kvCapacityTokens} tokens (${out.kvCapacityGiB.toFixed(1)} GiB); max batch at context ${maxBatch.map((m) => `${m.context}: ${m.maxBatch}`).join(', ')}\n` +
      (slidingWindow ? `sliding window: ${slidingWindow} (their KV stops growing there; capacity counts tokens of all layers)\n` : '') +
      `calibration: ${out.calibration}; idle (weights loaded) ${perf.idlePowerW.toFixed(0)} W/GPU\n\n`,
  );
  io.stdout(
    pad([
      ['batch', `prefill ${prompt} tok`, 'prefill W/GPU', `decode step @${context}`, 'decode W/GPU', 'tok/s', 'fits KV'],
      ...batches.map((b) => [String(b.batch), `${(b.prefillS * 1e3).toFixed(1)} ms`, b.prefillPowerW.toFixed(0), `${(b.decodeStepS * 1e3).toFixed(2)} ms`, b.decodePowerW.toFixed(0), (b.batch / b.decodeStepS).toFixed(0), b.fitsKv ? 'yes' : 'no']),
    ]),
  );
  if (o.sources) io.stdout(`\nsources\n  ${gpu.id}: ${gpu.source}\n  ${model.id}: ${model.source}\n  calibration ${perf.calibration.id}: ${perf.calibration.source}\n`);
  return 0;
}

function listAll(o: CatalogOptions, io: CliIo, catalog: Catalog): number {
  const gpus = catalog.listGpus();
  const models = catalog.listModels();
  if (o.json) {
    io.stdout(JSON.stringify({ gpus, models }, null, 2) + '\n');
    return 0;
  }
  io.stdout('GPUs\n');
  io.stdout(
    pad([
      ['id', 'memory GiB', 'HBM TB/s', 'BF16 TF', 'FP8 TF', 'TDP W', 'idle W', 'loaded W', 'link GB/s'],
      ...gpus.map((g) => [g.id, (g.memoryBytes / GiB).toFixed(1), (g.memoryBandwidth / 1e12).toFixed(2), (g.bf16Flops / 1e12).toFixed(0), (g.fp8Flops / 1e12).toFixed(0), String(g.tdpW), String(g.idleW), String(g.idleLoadedW), (g.interconnectBandwidth / 1e9).toFixed(0)]),
    ]),
  );
  io.stdout('\nModels\n');
  io.stdout(
    pad([
      ['id', 'layers', 'hidden', 'heads/kv', 'params B', 'active B', 'experts', 'KV KiB/tok bf16', 'window (layers)', 'precisions'],
      ...models.map((m) => [m.id, String(m.layers), String(m.hidden), `${m.heads}/${m.mla ? 'MLA' : m.kvHeads}`, (m.totalParams / 1e9).toFixed(1), (m.activeParams / 1e9).toFixed(1), m.moe ? `${m.moe.activeExperts}/${m.moe.experts}` : '-', (kvBytesPerToken(m, 'bf16', 1) / 1024).toFixed(0), m.slidingWindow ? `${m.slidingWindow.tokens} (${m.slidingWindow.layers})` : '-', m.precisions.join(',')]),
    ]),
  );
  if (o.sources) {
    io.stdout('\nSources\n');
    for (const x of [...gpus, ...models]) io.stdout(`${x.id}: ${x.source}\n`);
  } else io.stdout('\n(--sources prints the source of every figure)\n');
  return 0;
}
