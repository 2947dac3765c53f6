import { UserError } from '../errors.js';

/** A value a sweep axis takes: whatever the scenario file may hold at that path. */
export type AxisValue = string | number | boolean;

/** Most values one axis may expand to (a typo in a range should not plan a million runs). */
export const MAX_AXIS_VALUES = 10_000;

/** Rounds away binary noise (0.1 + 0.2) so values print and hash the same everywhere. */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** A scalar as written on a command line: numbers and booleans are typed, the rest stays a string. */
export function parseScalar(s: string): AxisValue {
  const t = s.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  return t.replace(/^(["'])(.*)\1$/, '$2');
}

const NUMBER_IN_UNIT = /^([^\d.+-]*)([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(.*)$/i;

/**
 * Multiplies a base value: a number, or a string with units whose number is multiplied and whose
 * unit is kept (`40/s` × 1.5 = `60/s`, `$6.88/h` × 2 = `$13.76/h`).
 */
export function multiplyValue(base: unknown, factor: number, path: string): AxisValue {
  if (typeof base === 'number') return tidy(base * factor);
  if (typeof base === 'string') {
    const m = NUMBER_IN_UNIT.exec(base.trim());
    if (m) return `${m[1]}${tidy(Number(m[2]) * factor)}${m[3]}`;
  }
  throw new UserError(
    `a multiplier needs a number (or a number with a unit) at ${path} in the scenario, found ${base === undefined ? 'nothing' : JSON.stringify(base)}`,
    { path },
  );
}

/**
 * Expands the values of one axis. Syntax (documented in docs/sweep.md):
 * - `8..64:8` — an inclusive range with a step (step 1 when omitted);
 * - `[H100,H200,L40S]` or `H100,H200,L40S` — a list;
 * - `*1.0,1.2,1.5` — multipliers of the base value at the path (numbers, or numbers with units);
 * - a single value.
 */
export function expandValues(spec: string, base: unknown, path: string): AxisValue[] {
  const s = spec.trim();
  if (s === '') throw new UserError(`no values given for ${path}`, { path });
  let out: AxisValue[];
  const range = /^([+-]?[\d.]+(?:e[+-]?\d+)?)\.\.([+-]?[\d.]+(?:e[+-]?\d+)?)(?::([\d.]+(?:e[+-]?\d+)?))?$/i.exec(s);
  if (range) {
    const [a, b, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (![a, b, step].every(Number.isFinite) || step <= 0) throw new UserError(`invalid range ${JSON.stringify(spec)} for ${path}: expected from..to:step with step > 0`, { path });
    if (b < a) throw new UserError(`invalid range ${JSON.stringify(spec)} for ${path}: the end is below the start`, { path });
    const n = Math.floor((b - a) / step + 1e-9) + 1;
    if (n > MAX_AXIS_VALUES) throw new UserError(`range ${JSON.stringify(spec)} for ${path} has ${n} values; at most ${MAX_AXIS_VALUES}`, { path });
    out = Array.from({ length: n }, (_, i) => tidy(a + i * step));
  } else if (s.startsWith('*')) {
    out = splitList(s.slice(1)).map((f) => {
      const x = Number(f);
      if (!Number.isFinite(x)) throw new UserError(`invalid multiplier ${JSON.stringify(f)} for ${path}: expected a number`, { path });
      return multiplyValue(base, x, path);
    });
  } else {
    const body = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
    out = splitList(body).map(parseScalar);
  }
  if (out.length === 0) throw new UserError(`no values given for ${path}`, { path });
  if (out.length > MAX_AXIS_VALUES) throw new UserError(`${path} has ${out.length} values; at most ${MAX_AXIS_VALUES}`, { path });
  return out;
}

function splitList(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter((x) => x !== '');
}

/** Splits `path=values` from a `--set` flag. */
export function splitAssignment(arg: string): { path: string; spec: string } {
  const i = arg.indexOf('=');
  if (i <= 0) throw new UserError(`--set expects path=values (e.g. fleet.pools[0].replicas=8..64:8), found ${JSON.stringify(arg)}`);
  return { path: arg.slice(0, i).trim(), spec: arg.slice(i + 1) };
}
