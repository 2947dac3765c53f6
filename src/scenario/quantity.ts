import { z } from 'zod';
import { parseQuantity, type QuantityKind, describeKind } from './units.js';

interface Bounds {
  /** Inclusive lower bound in SI units. */
  min?: number;
  /** Exclusive lower bound in SI units. */
  gt?: number;
  max?: number;
}

/**
 * A zod field for a quantity with a unit. Input: a string such as `250ms` (or 0); output: the SI
 * number. NaN, Infinity and out-of-range values are rejected with the field named by zod's path.
 */
export function quantity(kind: QuantityKind, bounds: Bounds = {}) {
  return z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      let x: number;
      try {
        x = parseQuantity(kind, v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
      const bad = (msg: string) => {
        ctx.addIssue({ code: 'custom', message: `${msg}, found ${JSON.stringify(v)}` });
        return z.NEVER;
      };
      if (bounds.gt !== undefined && !(x > bounds.gt)) return bad(`expected a value greater than ${bounds.gt}`);
      if (bounds.min !== undefined && !(x >= bounds.min)) return bad(`expected a value of at least ${bounds.min}`);
      if (bounds.max !== undefined && !(x <= bounds.max)) return bad(`expected a value of at most ${bounds.max}`);
      return x;
    })
    .meta({ description: describeKind(kind) });
}

/** A finite number ≥ 0 (token counts, multipliers). */
export const nonNegative = z.number().finite().min(0);
export const positive = z.number().finite().gt(0);
export const positiveInt = z.number().int().min(1);
