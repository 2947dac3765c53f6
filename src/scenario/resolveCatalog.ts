import { createCatalog, defaultThermal, type Catalog } from '../catalog/index.js';
import { gpuProblems, modelProblems } from '../catalog/validate.js';
import type { GpuSpec, ModelSpec, ThermalSpec } from '../serving/perf/types.js';
import type { CatalogBlock, GpuEntry, ModelEntry } from './catalogSchema.js';
import type { PerfCalibration } from '../serving/perf/calibration.js';
import type { Fail } from './fail.js';

/** Per all-reduce hop when a new GPU does not say (a PCIe hop; NVLink's is about 2 µs). */
const DEFAULT_HOP_S = 5e-6;

/**
 * The catalog a scenario runs against: the built-in one plus the scenario's `catalog:` entries
 * (an entry with a built-in id replaces it). Entries are checked with the built-in catalog's rules;
 * errors point at `catalog.gpus.<id>.<field>`.
 */
export function resolveCatalog(block: CatalogBlock | undefined, fail: Fail): Catalog {
  const builtin = createCatalog();
  if (block === undefined || (Object.keys(block.gpus).length === 0 && Object.keys(block.models).length === 0)) return builtin;
  const gpus = Object.entries(block.gpus).map(([id, e]) => resolveGpu(id, e, builtin, fail));
  const models = Object.entries(block.models).map(([id, e]) => resolveModel(id, e, builtin, fail));
  return createCatalog({ gpus, models });
}

/** A figure given, else the base's; without either, the entry is incomplete. */
function required(path: string[], what: 'GPU' | 'model', fail: Fail) {
  return <T>(field: string, given: T | undefined, fromBase: T | undefined): T => {
    const x = given ?? fromBase;
    if (x === undefined) return fail(path, `${field} is required for a ${what} without base: (or give base: a catalog ${what} to start from)`);
    return x;
  };
}

function resolveGpu(id: string, e: GpuEntry, builtin: Catalog, fail: Fail): GpuSpec {
  const path = ['catalog', 'gpus', id];
  const base = e.base === undefined ? undefined : builtin.findGpu(e.base) ?? fail([...path, 'base'], builtin.unknownGpuMessage(e.base));
  const need = required(path, 'GPU', fail);
  const bf16 = need('bf16', e.bf16, base?.bf16Flops);
  // Lower-precision rates not given follow the one above them at the base's ratio (fp8 is 2× bf16 on
  // Hopper tensor cores, fp4 2× fp8 on Blackwell): a variant keeps its base's tensor-core generation.
  // A new GPU without them has no such tensor cores (equal rates).
  const fp8 = e.fp8 ?? (base ? bf16 * (base.fp8Flops / base.bf16Flops) : bf16);
  const fp4 = e.fp4 ?? (base ? fp8 * (base.fp4Flops / base.fp8Flops) : fp8);
  const tdp = need('tdp', e.tdp, base?.tdpW);
  const idle = need('idle', e.idle, base?.idleW);
  const t = e.thermal;
  // A variant keeps its base's thermal path (same package and cooler); a new GPU gets the default for its TDP.
  const thermal0: ThermalSpec = base?.thermal ?? defaultThermal(tdp);
  const thermal: ThermalSpec = {
    slowdownC: t?.slowdown ?? thermal0.slowdownC,
    hysteresisC: t?.hysteresis ?? thermal0.hysteresisC,
    shutdownC: t?.shutdown ?? thermal0.shutdownC,
    throttleClock: t?.throttleClock ?? thermal0.throttleClock,
    resistanceCPerW: t?.resistance ?? thermal0.resistanceCPerW,
    capacitanceJPerC: t?.capacitance ?? thermal0.capacitanceJPerC,
  };
  const spec: GpuSpec = {
    id,
    name: e.name ?? id,
    memoryBytes: need('memory', e.memory, base?.memoryBytes),
    memoryBandwidth: need('memoryBandwidth', e.memoryBandwidth, base?.memoryBandwidth),
    bf16Flops: bf16,
    fp8Flops: fp8,
    fp4Flops: fp4,
    tdpW: tdp,
    idleW: idle,
    idleLoadedW: e.idleLoaded ?? base?.idleLoadedW ?? idle,
    interconnectBandwidth: need('interconnect', e.interconnect, base?.interconnectBandwidth),
    interconnectLatency: e.interconnectLatency ?? base?.interconnectLatency ?? DEFAULT_HOP_S,
    thermal,
    // A variant runs the same serving stack as its base: its fitted calibration applies.
    ...(base ? { calibration: base.calibration ?? base.id } : {}),
    ...(e.calibration ? { calibrationOverrides: calibrationOverrides(e.calibration) } : {}),
    source: e.source ?? (base ? `scenario file: ${base.id} with changes` : 'scenario file'),
  };
  const p = gpuProblems(spec)[0];
  if (p) fail([...path, ...p.field.split('.')], p.message);
  return spec;
}

function resolveModel(id: string, e: ModelEntry, builtin: Catalog, fail: Fail): ModelSpec {
  const path = ['catalog', 'models', id];
  const base = e.base === undefined ? undefined : builtin.findModel(e.base) ?? fail([...path, 'base'], builtin.unknownModelMessage(e.base));
  const need = required(path, 'model', fail);
  const heads = need('heads', e.heads, base?.heads);
  const hidden = need('hidden', e.hidden, base?.hidden);
  const params = need('params', e.params, base?.totalParams);
  const moe = e.moe ?? base?.moe;
  const mla = e.mla ?? base?.mla;
  const slidingWindow = e.slidingWindow ?? base?.slidingWindow;
  const spec: ModelSpec = {
    id,
    name: e.name ?? id,
    layers: need('layers', e.layers, base?.layers),
    hidden,
    heads,
    kvHeads: e.kvHeads ?? base?.kvHeads ?? heads,
    headDim: e.headDim ?? base?.headDim ?? hidden / heads,
    vocab: need('vocab', e.vocab, base?.vocab),
    totalParams: params,
    // A base's active count only carries over while the total does (else a dense model would stop being dense).
    activeParams: e.activeParams ?? (base && e.params === undefined ? base.activeParams : params),
    ...(moe ? { moe } : {}),
    ...(mla ? { mla } : {}),
    ...(slidingWindow ? { slidingWindow } : {}),
    precisions: e.precisions ?? base?.precisions ?? ['bf16', 'fp8', 'int4'],
    source: e.source ?? (base ? `scenario file: ${base.id} with changes` : 'scenario file'),
  };
  const p = modelProblems(spec)[0];
  if (p) {
    // A figure the entry does not give came from its base: say so, or "found 52" puzzles the reader.
    const inherited = base !== undefined && (e as Record<string, unknown>)[p.field.split('.')[0]] === undefined;
    fail([...path, ...p.field.split('.')], inherited ? `${p.message} (inherited from base ${base.id})` : p.message);
  }
  return spec;
}

/** Scenario spelling → calibration fields (only those given). */
function calibrationOverrides(c: NonNullable<GpuEntry['calibration']>): Partial<Omit<PerfCalibration, 'id' | 'source'>> {
  const pairs: [keyof Omit<PerfCalibration, 'id' | 'source'>, number | undefined][] = [
    ['computeEfficiency', c.compute], ['attentionEfficiency', c.attention], ['memoryEfficiency', c.memory],
    ['kvEfficiency', c.kv], ['interconnectEfficiency', c.interconnect], ['quantizedExpertEfficiency', c.quantizedExperts],
    ['stepOverheadS', c.stepOverhead], ['layerOverheadS', c.layerOverhead], ['seqOverheadS', c.sequenceOverhead],
    ['prefillSeqOverheadS', c.prefillSequenceOverhead], ['allReduceOverheadS', c.allReduceOverhead],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined));
}
