import type { FigureEnvelope } from '../simulate/simulate.js';
import type { Axis } from './grid.js';
import type { EvalOutput } from './evaluate.js';
import type { RunSpec } from './grid.js';
import type { AxisValue } from './values.js';

export const SWEEP_SCHEMA = 'fleetsim.sweep/1';

/** First line of every JSON-lines file of a sweep: what the runs belong to. */
export interface SweepHeader {
  type: 'sweep';
  schema: typeof SWEEP_SCHEMA;
  /** Fingerprint of (scenario text, axes, zip, seeds, objectives); every shard of a sweep shares it. */
  sweep: string;
  scenario: string;
  baseSeed: number;
  runs: number;
  axes: Axis[];
  zip: boolean;
  commonSeed: boolean;
  objectives: string[];
  shard?: { index: number; count: number };
}

/** One finished run: a line of JSON. Deterministic for a given sweep and run id. */
export interface RunRecord {
  type: 'run';
  sweep: string;
  id: string;
  index: number;
  set: Record<string, AxisValue>;
  seed: number;
  ok: boolean;
  error?: string;
  /** Every SLO met, no drops, every constraint and every `fail` gate of `expect:` holds (see checks.ts). */
  feasible?: boolean;
  checks?: { name: string; value: number | null; limit: number; ok: boolean }[];
  /** The scenario's `expect:` gates (absent when it has none). */
  gates?: { name: string; severity: 'fail' | 'warn'; value: number | null; threshold: string; margin: number | null; ok: boolean }[];
  summary?: Record<string, FigureEnvelope>;
  warnings?: string[];
}

export function toRecord(sweep: string, run: RunSpec, out: EvalOutput): RunRecord {
  const base = { type: 'run' as const, sweep, id: run.id, index: run.index, set: run.set, seed: run.seed };
  if (!out.ok) return { ...base, ok: false, error: out.error };
  return {
    ...base,
    ok: true,
    feasible: out.feasible,
    checks: out.checks.map((c) => ({ name: c.name, value: c.value, limit: c.limit, ok: c.ok })),
    ...(out.gates.length > 0 ? { gates: out.gates.map((g) => ({ name: g.name, severity: g.severity, value: g.value, threshold: g.threshold, margin: g.margin, ok: g.ok })) } : {}),
    summary: out.result.summary,
    warnings: out.result.warnings,
  };
}
