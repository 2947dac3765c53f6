import { z } from 'zod';

/**
 * The optional `sweep:` and `plan:` blocks of a scenario file. Plain data; only zod here so the
 * scenario schema can include them without depending on the sweep machinery.
 */

const axisValues = z.union([
  z.string().min(1).meta({ description: 'values: 8..64:8 (range), [H100,H200] or H100,H200 (list), *1.0,1.2 (multipliers of the base value)' }),
  z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
]);

export const sweepBlockSchema = z.strictObject({
  set: z.record(z.string().min(1), axisValues).meta({ description: 'scenario path → values, e.g. "fleet.pools[0].replicas": "2..8:2"' }),
  zip: z.boolean().default(false).meta({ description: 'pair the value lists item by item instead of taking every combination' }),
  objectives: z.array(z.string().min(1)).optional().meta({ description: 'summary figures minimized by the Pareto front; prefix with - to maximize' }),
  commonSeed: z.boolean().default(false).meta({ description: 'every run uses the scenario seed (common random numbers) instead of a seed derived from (seed, run id)' }),
});
export type SweepBlock = z.output<typeof sweepBlockSchema>;

const fraction = z.number().min(0).lt(1);

export const planBlockSchema = z.strictObject({
  pools: z.array(z.union([z.number().int().min(0), z.string().min(1)])).optional()
    .meta({ description: 'pools whose replicas (and candidates) the planner chooses, by index or name; default all' }),
  gpu: z.array(z.string().min(1)).min(1).optional().meta({ description: 'candidate GPU types for the planned pools' }),
  tp: z.array(z.number().int().min(1).max(64)).min(1).optional().meta({ description: 'candidate tensor-parallel degrees' }),
  region: z.array(z.string().min(1)).min(1).optional().meta({ description: 'candidate regions' }),
  minReplicas: z.number().int().min(0).default(1),
  maxReplicas: z.number().int().min(1).default(256).meta({ description: 'upper bound of the search per pool' }),
  constraints: z.array(z.string().min(1)).default([]).meta({ description: 'extra conditions on summary figures, e.g. "class.chat.queueWait.mean <= 0.5"' }),
  forecast: z.array(z.number().positive().finite()).min(1).optional().meta({ description: 'traffic multiplier per month (applied to every class rate)' }),
  alternatives: z.number().int().min(0).max(50).default(3).meta({ description: 'next-best plans to print' }),
  commitment: z.strictObject({
    oneYear: fraction.default(0.4).meta({ description: 'discount of a 1-year commitment vs on-demand (assumption; AWS Savings Plans publish up to 72 %)' }),
    threeYear: fraction.default(0.6).meta({ description: 'discount of a 3-year commitment vs on-demand' }),
    hoursPerMonth: z.number().positive().default(730),
  }).prefault({}),
});
export type PlanBlock = z.output<typeof planBlockSchema>;
