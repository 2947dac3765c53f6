import { z } from 'zod';
import { parseGate } from './expr/parse.js';
import { GateSyntaxError } from './expr/syntaxError.js';

/** Where a gate is evaluated on a figure's envelope across replications. */
export const ENVELOPE_FIELDS = ['mean', 'p5', 'p95', 'ci95Low', 'ci95High'] as const;
export type EnvelopeField = (typeof ENVELOPE_FIELDS)[number];

const gateText = z.string().superRefine((s, ctx) => {
  try {
    parseGate(s);
  } catch (e) {
    if (!(e instanceof GateSyntaxError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message });
  }
});

/**
 * One expectation: a gate expression (severity `fail`), or an object with `gate`, `severity`
 * (`fail` | `warn`), an optional `name` and `on` (which envelope value is compared: the mean by
 * default, `p95`/`p5` for the upper/lower band of the replications, or a CI bound).
 */
export const expectEntrySchema = z.union([
  gateText,
  z.strictObject({
    gate: gateText,
    severity: z.enum(['fail', 'warn']).default('fail'),
    name: z.string().min(1).optional(),
    on: z.enum(ENVELOPE_FIELDS).default('mean').meta({ description: 'envelope value compared: mean (default), p95/p5 band, ci95High/ci95Low' }),
  }),
]);
export type ExpectEntry = z.output<typeof expectEntrySchema>;

/** The `expect:` list of a scenario or a policy file. */
export const expectListSchema = z.array(expectEntrySchema).meta({
  description: 'CI gates checked by `fleetsim check`, e.g. "p95(ttft, class=chat) < 800ms" (see docs/check.md)',
});
