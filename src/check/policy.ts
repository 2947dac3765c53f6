import { z } from 'zod';
import { issuesToError, parseDocument, readText, type SourceDoc } from '../scenario/load.js';
import { quantity } from '../scenario/quantity.js';
import { expectListSchema } from './expectSchema.js';
import { gateSpecs, type GateSpec } from './gates.js';
import { parseToleranceSpec, type ToleranceRule } from './tolerance.js';
import { DEFAULT_DRIFT, type DriftTolerance } from './observed.js';
import type { Direction } from './figures.js';

const fraction = quantity('fraction', { min: 0 });
const drift = z.strictObject({ warn: fraction.default(DEFAULT_DRIFT.warn), fail: fraction.default(DEFAULT_DRIFT.fail) });

/**
 * A policy file: gates for every scenario checked, tolerance overrides and drift thresholds.
 *
 *   expect: ["p95(ttft) < 800ms", { gate: "gpu_utilization between 60% and 85%", severity: warn }]
 *   tolerances: { cost.per1kRequests: "2%,$0.001", "class.*.ttft.p95": "10%,5ms" }
 *   baseline: { figures: { fleet.gpuHours: lower }, severity: fail }
 *   observed: { warn: 10%, fail: 25%, figures: { prompt.p90: { warn: 5%, fail: 15% } } }
 */
export const policySchema = z.strictObject({
  expect: expectListSchema.optional(),
  tolerances: z.record(z.string(), z.string()).default({}).meta({ description: 'figure (or glob) → "rel%,abs"' }),
  baseline: z.strictObject({
    figures: z.record(z.string(), z.enum(['lower', 'higher', 'either'])).default({}).meta({ description: 'extra figures (globs) to compare, with the worse direction' }),
    severity: z.enum(['fail', 'warn']).default('fail'),
  }).prefault({}),
  observed: z.strictObject({
    warn: fraction.default(DEFAULT_DRIFT.warn),
    fail: fraction.default(DEFAULT_DRIFT.fail),
    figures: z.record(z.string(), drift).default({}),
  }).prefault({}),
});

export interface Policy {
  gates: GateSpec[];
  tolerances: ToleranceRule[];
  baselineFigures: Record<string, Direction>;
  baselineSeverity: 'fail' | 'warn';
  drift: DriftTolerance;
  driftOverrides: Record<string, DriftTolerance>;
}

export const EMPTY_POLICY: Policy = { gates: [], tolerances: [], baselineFigures: {}, baselineSeverity: 'fail', drift: DEFAULT_DRIFT, driftOverrides: {} };

/** Reads and validates a policy file (YAML or JSON); errors name the file, path and line. */
export function loadPolicy(file: string): Policy {
  const src: SourceDoc = parseDocument(readText(file), file);
  const r = policySchema.safeParse(src.data ?? {}, { reportInput: true });
  if (!r.success) throw issuesToError(r.error.issues, src);
  const p = r.data;
  return {
    gates: gateSpecs(p.expect, src),
    tolerances: Object.entries(p.tolerances).map(([k, v]) => parseToleranceSpec(k, v, `${file}:${src.lineOf(['tolerances', k]) ?? 1}: tolerances.${k}`)),
    baselineFigures: p.baseline.figures,
    baselineSeverity: p.baseline.severity,
    drift: { warn: p.observed.warn, fail: p.observed.fail },
    driftOverrides: p.observed.figures,
  };
}
