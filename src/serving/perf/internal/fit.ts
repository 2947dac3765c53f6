/** Does the model fit? Returns the KV bytes left on the replica or throws a UserError with the numbers. */
import { UserError } from '../../../errors.js';
import { bytesPerParam } from '../precision.js';
import type { GpuSpec, ModelSpec, WeightPrecision } from '../types.js';

const GiB = 1024 ** 3;
const fmt = (b: number) => `${(b / GiB).toFixed(1)} GiB`;

export interface FitInput {
  readonly gpu: GpuSpec;
  readonly model: ModelSpec;
  readonly tp: number;
  readonly weightPrecision: WeightPrecision;
  readonly weightBytes: number;
  readonly reserve: number;
  /** KV bytes one 4096-token sequence needs (the least a replica must hold). */
  readonly minKvBytes: number;
}

/** KV bytes available = tp × memory × (1 − reserve) − weights; throws when ≤ room for one 4096-token sequence. */
export function checkFits(i: FitInput): number {
  const { gpu, model, tp, weightPrecision } = i;
  if (!Number.isInteger(tp) || tp < 1) throw new UserError(`tensor-parallel degree must be an integer ≥ 1, got ${tp}`);
  if (model.heads % tp !== 0) {
    throw new UserError(`${model.id} has ${model.heads} attention heads, which TP ${tp} does not divide; use a TP degree that divides ${model.heads}`);
  }
  if (!(i.reserve >= 0 && i.reserve < 1)) throw new UserError(`memoryReserveFraction must be in [0, 1), got ${i.reserve}`);
  if (!model.precisions.includes(weightPrecision)) {
    throw new UserError(`${model.id} is not available in ${weightPrecision}; supported: ${model.precisions.join(', ')}`);
  }
  const perGpu = gpu.memoryBytes * (1 - i.reserve);
  const usable = tp * perGpu;
  const kv = usable - i.weightBytes;
  if (kv >= i.minKvBytes) return kv;
  const needTp = Math.ceil((i.weightBytes + i.minKvBytes) / perGpu);
  let tpHint = 1;
  while (tpHint < needTp || model.heads % tpHint !== 0) tpHint++;
  const lower = (['fp8', 'int4'] as const).filter(
    (p) => bytesPerParam(p) < bytesPerParam(weightPrecision) && model.precisions.includes(p) && (i.weightBytes * bytesPerParam(p)) / bytesPerParam(weightPrecision) + i.minKvBytes <= usable,
  );
  throw new UserError(
    `${model.id} does not fit on ${tp} × ${gpu.id}: ${weightPrecision} weights need ${fmt(i.weightBytes)} but TP ${tp} gives ` +
      `${fmt(usable)} usable (${tp} × ${fmt(gpu.memoryBytes)} × ${(1 - i.reserve).toFixed(2)}), leaving ${fmt(Math.max(0, kv))} for the KV cache ` +
      `(at least 4096 tokens = ${fmt(i.minKvBytes)} needed). Try TP ${tpHint}` +
      (lower.length ? ` or ${lower.join('/')} weights at TP ${tp}` : '') + '.',
  );
}
