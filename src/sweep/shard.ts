import { UserError } from '../errors.js';

/** Shard `index` of `count` (0-based) runs the runs whose index ≡ index (mod count). */
export interface Shard { index: number; count: number }

export function parseShard(s: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(s);
  if (!m) throw new UserError(`--shard expects i/n with 0 ≤ i < n (e.g. 0/4), found ${JSON.stringify(s)}`);
  return checkShard(Number(m[1]), Number(m[2]), '--shard');
}

function checkShard(index: number, count: number, where: string): Shard {
  if (!(count >= 1)) throw new UserError(`${where}: the shard count must be at least 1, found ${count}`);
  if (!(index >= 0 && index < count)) throw new UserError(`${where}: shard index ${index} is outside 0…${count - 1}`);
  return { index, count };
}

/** Index variables of array-job systems, in the order they are looked up. */
export const SHARD_INDEX_VARS = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX', 'SLURM_ARRAY_TASK_ID', 'SHARD_INDEX'] as const;
/** Count variables: set SHARD_COUNT (or JOB_COMPLETIONS in the Job's env), or pass --shard-count. */
export const SHARD_COUNT_VARS = ['SHARD_COUNT', 'JOB_COMPLETIONS', 'AWS_BATCH_JOB_ARRAY_SIZE', 'SLURM_ARRAY_TASK_COUNT'] as const;

/**
 * The shard from the environment of a Kubernetes Indexed Job, an AWS Batch array job or a Slurm
 * array. Slurm arrays are numbered from SLURM_ARRAY_TASK_MIN (default 0), which is subtracted.
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>, countFlag?: number): Shard {
  const iv = SHARD_INDEX_VARS.find((k) => env[k] !== undefined && env[k] !== '');
  if (!iv) throw new UserError(`--shard-from-env: none of ${SHARD_INDEX_VARS.join(', ')} is set`);
  let index = intVar(iv, env[iv]!);
  if (iv === 'SLURM_ARRAY_TASK_ID' && env.SLURM_ARRAY_TASK_MIN) index -= intVar('SLURM_ARRAY_TASK_MIN', env.SLURM_ARRAY_TASK_MIN);
  let count = countFlag;
  if (count === undefined) {
    const cv = SHARD_COUNT_VARS.find((k) => env[k] !== undefined && env[k] !== '');
    if (!cv) throw new UserError(`--shard-from-env: give the shard count with --shard-count or one of ${SHARD_COUNT_VARS.join(', ')}`);
    count = intVar(cv, env[cv]!);
  }
  return checkShard(index, count, `--shard-from-env (${iv}=${env[iv]})`);
}

function intVar(name: string, v: string): number {
  if (!/^\d+$/.test(v.trim())) throw new UserError(`${name} must be a whole number, found ${JSON.stringify(v)}`);
  return Number(v);
}

export function inShard(runIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || runIndex % shard.count === shard.index;
}
