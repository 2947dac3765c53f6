/**
 * A catalog of GPUs and models with forgiving look-ups. `createCatalog` builds one from the
 * built-in tables plus extra or overriding entries (a private GPU, a fine-tuned model), which is
 * how scenario files extend it. Entries with the id of a built-in one replace it.
 */
import type { GpuSpec, ModelSpec } from '../serving/perf/types.js';
import { UserError } from '../errors.js';
import { GPUS } from './gpus.js';
import { MODELS } from './models.js';
import { normalizeGpuName, normalizeModelName, rankByCloseness } from './internal/names.js';

export interface Catalog {
  /** The GPU whose id, name or alias matches `name` (case-, space- and dash-insensitive), or undefined. */
  findGpu(name: string): GpuSpec | undefined;
  /** The model whose id, name or Hugging Face repo matches `name` (org prefix and -Instruct/-FP8... suffixes ignored), or undefined. */
  findModel(name: string): ModelSpec | undefined;
  /** Like findGpu but throws UserError (exit 2) naming the known GPUs, closest first. */
  getGpu(name: string): GpuSpec;
  /** Like findModel but throws UserError (exit 2) naming the known models, closest first. */
  getModel(name: string): ModelSpec;
  listGpus(): readonly GpuSpec[];
  listModels(): readonly ModelSpec[];
  unknownGpuMessage(name: string): string;
  unknownModelMessage(name: string): string;
}

export interface CatalogExtensions {
  readonly gpus?: readonly GpuSpec[];
  readonly models?: readonly ModelSpec[];
  /** Extra alias → id entries (normalised on insertion). */
  readonly gpuAliases?: Readonly<Record<string, string>>;
}

/** Built-in GPU aliases beyond id and name (normalised on insertion). */
const GPU_ALIASES: Readonly<Record<string, string>> = {
  a100: 'A100-80GB', 'a100 sxm4 80gb': 'A100-80GB', h100sxm: 'H100', 'h100 80gb': 'H100', 'h200 141gb': 'H200',
  'b200 180gb': 'B200', 'b200 192gb': 'B200', 'mi300x 192gb': 'MI300X', 'l4 24gb': 'L4', 'l40s 48gb': 'L40S',
};

function byId<T extends { id: string }>(base: readonly T[], extra: readonly T[] = []): T[] {
  const out = base.slice();
  for (const e of extra) {
    const i = out.findIndex((x) => x.id.toLowerCase() === e.id.toLowerCase());
    if (i >= 0) out[i] = e;
    else out.push(e);
  }
  return out;
}

export function createCatalog(ext: CatalogExtensions = {}): Catalog {
  const gpus = Object.freeze(byId(GPUS, ext.gpus));
  const models = Object.freeze(byId(MODELS, ext.models));
  const gpuIndex = new Map<string, GpuSpec>();
  const modelIndex = new Map<string, ModelSpec>();
  const gpuById = (id: string) => gpus.find((g) => g.id.toLowerCase() === id.toLowerCase());
  for (const [alias, id] of Object.entries({ ...GPU_ALIASES, ...ext.gpuAliases })) {
    const g = gpuById(id);
    if (g) gpuIndex.set(normalizeGpuName(alias), g);
  }
  for (const g of gpus) {
    gpuIndex.set(normalizeGpuName(g.name), g);
    gpuIndex.set(normalizeGpuName(g.id), g);
  }
  for (const m of models) {
    modelIndex.set(normalizeModelName(m.name), m);
    modelIndex.set(normalizeModelName(m.id), m);
  }
  const findGpu = (name: string) => gpuIndex.get(normalizeGpuName(name));
  const findModel = (name: string) => modelIndex.get(normalizeModelName(name));
  const unknownGpuMessage = (name: string) =>
    `unknown GPU '${name}'; known GPUs (closest first): ${rankByCloseness(name, gpus.map((g) => g.id), normalizeGpuName).join(', ')}`;
  const unknownModelMessage = (name: string) =>
    `unknown model '${name}'; known models (closest first): ${rankByCloseness(name, models.map((m) => m.id), normalizeModelName).join(', ')}`;
  return {
    findGpu,
    findModel,
    getGpu(name) {
      const g = findGpu(name);
      if (!g) throw new UserError(unknownGpuMessage(name));
      return g;
    },
    getModel(name) {
      const m = findModel(name);
      if (!m) throw new UserError(unknownModelMessage(name));
      return m;
    },
    listGpus: () => gpus,
    listModels: () => models,
    unknownGpuMessage,
    unknownModelMessage,
  };
}
