import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuantity, UnitError, type QuantityKind } from '../../src/scenario/units.js';
import { parseGate } from '../../src/check/expr/parse.js';
import { quantity } from '../../src/scenario/quantity.js';
import { fuzzParams, okOrUserError } from './fuzz.js';

/** Fuzzing the unit parser and the gate expression parser. */
const KINDS: QuantityKind[] = ['duration', 'power', 'energy', 'bytes', 'rate', 'moneyRate', 'money', 'moneyPerByte', 'moneyPerEnergy', 'fraction', 'temperature', 'carbonIntensity', 'bandwidth'];
const NUMS = ['0', '1', '-1', '2.5', '.5', '5.', '1e3', '1e400', '-1e400', '1e-400', 'NaN', 'Infinity', '1_0', '0x1F', '١', '１'];
const UNITS = ['', 's', 'ms', 'h', 'W', 'kW', 'kWh', 'GiB', 'GB', '/s', '/h', '/min', '%', 'C', '°C', 'g/kWh', 'GB/s', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'µs', 'S', ' s', 'ss'];
const token = fc.oneof(fc.constantFrom(...NUMS), fc.constantFrom(...UNITS), fc.constantFrom('$', ' ', '/', 'req', '\t', '\n', '\uFEFF'), fc.string({ maxLength: 4 }));

describe('unit parser fuzzing', () => {
  it('every string gives a finite number or a UnitError', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.array(token, { maxLength: 5 }).map((t) => t.join('')), fc.string({ unit: 'binary', maxLength: 20 })), (kind, s) => {
      try {
        expect(Number.isFinite(parseQuantity(kind, s))).toBe(true);
      } catch (e) {
        if (!(e instanceof UnitError)) throw new Error(`${kind} ${JSON.stringify(s)}: ${(e as Error).message}`);
      }
    }), fuzzParams(3000));
  });

  it('numbers give a finite number or a UnitError', () => {
    fc.assert(fc.property(fc.constantFrom(...KINDS), fc.double(), (kind, x) => {
      try {
        expect(Number.isFinite(parseQuantity(kind, x))).toBe(true);
      } catch (e) {
        if (!(e instanceof UnitError)) throw e;
      }
    }), fuzzParams(500));
  });

  it('inherited property names are unknown units, not NaN', () => {
    for (const u of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(() => parseQuantity('duration', `5${u}`)).toThrow(/unknown unit/);
      expect(() => parseQuantity('rate', `5/${u}`)).toThrow(/unknown unit/);
    }
  });

  it('the zod quantity schema reports every bad value as an issue (never throws)', () => {
    const schema = quantity('duration', { gt: 0 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.double(), fc.constant(null), fc.constant({})), (v) => {
      const r = schema.safeParse(v);
      if (r.success) expect(Number.isFinite(r.data) && r.data > 0).toBe(true);
    }), fuzzParams(500));
  });
});

const NAMES = ['p95', 'p50', 'mean', 'ttft', 'tpot', 'e2e', 'class', 'chat', 'cost', 'per1kRequests', 'utilization', 'pool', 'drop_rate', 'throughput', 'goodput', 'x', '{class}', 'constructor', '__proto__'];
const gateTok = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom('(', ')', ',', '=', '.', '<', '<=', '>', '>=', '==', '!=', 'between', 'and', '$', '%', 'ms', 's', 'W', 'kWh', ' '),
  fc.constantFrom('800', '0.5', '1e400', '-1', 'NaN', 'Infinity', '1e-400', '.', '9'.repeat(400)),
  fc.string({ maxLength: 3 }),
);

describe('gate expression parser fuzzing', () => {
  it('every string parses to a finite threshold or throws a UserError', () => {
    const expr = fc.oneof(
      fc.array(gateTok, { maxLength: 12 }).map((t) => t.join(' ')),
      fc.array(gateTok, { maxLength: 12 }).map((t) => t.join('')),
      fc.string({ maxLength: 60 }),
      fc.constantFrom('p95(ttft, class=chat) < 800ms', 'cost.per1kRequests <= $0.5', 'utilization between 60% and 85%'),
    );
    let ok = 0;
    fc.assert(fc.property(expr, (text) => {
      if (okOrUserError(() => {
        const g = parseGate(text);
        const c = g.comparison;
        for (const l of c.op === 'between' ? [c.low, c.high] : [c.value]) expect(Number.isFinite(l.value)).toBe(true);
      }, text) === 'ok') ok++;
    }), fuzzParams(3000));
    expect(ok).toBeGreaterThan(0);
  });

  it('non-strings are rejected with a UserError', () => {
    for (const v of [undefined, null, 5, {}, []]) expect(okOrUserError(() => parseGate(v as unknown as string), v)).toBe('rejected');
  });
});
