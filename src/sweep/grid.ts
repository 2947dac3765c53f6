import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { UserError } from '../errors.js';
import type { AxisValue } from './values.js';

/** One swept path and the values it takes. */
export interface Axis { path: string; values: AxisValue[] }

/** The plan of a sweep: what fully determines its runs. */
export interface SweepSpec {
  axes: Axis[];
  /** Pair values item by item (all lists equally long) instead of the product grid. */
  zip: boolean;
  /** Every run uses the base seed (common random numbers) instead of a seed derived from (seed, run id). */
  commonSeed: boolean;
}

/** One numbered run of a sweep. `id` and `seed` are stable for a given sweep on every machine. */
export interface RunSpec {
  index: number;
  id: string;
  set: Record<string, AxisValue>;
  seed: number;
}

/** Most runs one sweep may plan. */
export const MAX_RUNS = 1_000_000;

/** Seed of run `id`, derived from (base seed, run id): independent of shards, workers and order. */
export function runSeed(baseSeed: number, id: string): number {
  return Math.floor(seedrandom(`fleetsim-sweep:${baseSeed}:${id}`).quick() * 2 ** 31);
}

export function runId(index: number, total: number): string {
  return `r${String(index).padStart(Math.max(4, String(total - 1).length), '0')}`;
}

/**
 * Numbers the runs of a sweep: the product grid in row-major order (the last axis varies fastest),
 * or zipped lists. Run i has id `r000i`.
 */
export function planRuns(spec: SweepSpec, baseSeed: number): RunSpec[] {
  const { axes } = spec;
  if (axes.length === 0) throw new UserError('nothing to sweep: give --set path=values or a sweep: block in the scenario');
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.path)) throw new UserError(`${a.path} is swept twice`, { path: a.path });
    seen.add(a.path);
  }
  let rows: AxisValue[][];
  if (spec.zip) {
    const n = axes[0].values.length;
    const bad = axes.find((a) => a.values.length !== n);
    if (bad) throw new UserError(`--zip needs lists of the same length: ${axes.map((a) => `${a.path} has ${a.values.length}`).join(', ')}`);
    rows = Array.from({ length: n }, (_, i) => axes.map((a) => a.values[i]));
  } else {
    const total = axes.reduce((n, a) => n * a.values.length, 1);
    if (total > MAX_RUNS) throw new UserError(`the grid has ${total} runs; at most ${MAX_RUNS}`);
    rows = [[]];
    for (const a of axes) rows = rows.flatMap((r) => a.values.map((v) => [...r, v]));
  }
  return rows.map((vals, index) => {
    const id = runId(index, rows.length);
    const set: Record<string, AxisValue> = {};
    axes.forEach((a, i) => (set[a.path] = vals[i]));
    return { index, id, set, seed: spec.commonSeed ? baseSeed : runSeed(baseSeed, id) };
  });
}

/** A short hash naming a sweep: the scenario text and the spec. Shards of one sweep share it. */
export function sweepFingerprint(scenarioText: string, spec: SweepSpec, objectives: readonly string[]): string {
  const h = createHash('sha256');
  h.update(scenarioText.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
  h.update('\0');
  h.update(JSON.stringify({ axes: spec.axes, zip: spec.zip, commonSeed: spec.commonSeed, objectives }));
  return h.digest('hex').slice(0, 16);
}
