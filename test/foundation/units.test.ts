/** The unit parser (src/scenario/units.ts) and the zod quantity field built on it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuantity, formatDuration, UnitError, type QuantityKind } from '../../src/scenario/units.js';
import { quantity } from '../../src/scenario/quantity.js';

const close = (kind: QuantityKind, input: string | number, si: number) => {
  const v = parseQuantity(kind, input);
  expect(Math.abs(v - si) <= 1e-12 * Math.max(1, Math.abs(si)), `${input} → ${v}, expected ${si}`).toBe(true);
};

describe('parseQuantity', () => {
  it('durations → seconds', () => {
    const cases: [string, number][] = [
      ['250ms', 0.25], ['30s', 30], ['5m', 300], ['5min', 300], ['2h', 7200], ['1.5h', 5400], ['1d', 86400], ['1w', 604800],
      ['100us', 1e-4], ['100µs', 1e-4], ['10ns', 1e-8], ['2 h', 7200], [' 45s ', 45], ['.5s', 0.5], ['1e3ms', 1], ['3hr', 10800],
    ];
    for (const [s, v] of cases) close('duration', s, v);
    close('duration', 0, 0); // zero needs no unit
  });

  it('power, energy, bytes and bandwidth → W, J, B, B/s', () => {
    close('power', '700W', 700);
    close('power', '2.4MW', 2.4e6);
    close('power', '1.2kW', 1200);
    close('energy', '12kWh', 12 * 3.6e6);
    close('energy', '3.6MJ', 3.6e6);
    close('bytes', '80GiB', 80 * 1024 ** 3);
    close('bytes', '512MB', 512e6);
    close('bytes', '1TiB', 1024 ** 4);
    close('bandwidth', '2GB/s', 2e9);
    close('bandwidth', '900 GB / s', 9e11);
  });

  it('rates → per second', () => {
    close('rate', '12/s', 12);
    close('rate', '600/min', 10);
    close('rate', '3600/h', 1);
    close('rate', '86400/d', 1);
    close('rate', '5 req/s', 5);
    close('rate', '0/s', 0);
  });

  it('money → USD, USD per second, per byte, per joule', () => {
    close('money', '$0.42', 0.42);
    close('moneyRate', '$2.10/h', 2.1 / 3600);
    close('moneyRate', '$3600/h', 1);
    close('moneyRate', '$ 1.5 / min', 1.5 / 60);
    close('moneyPerByte', '$0.09/GB', 0.09 / 1e9);
    close('moneyPerEnergy', '$0.12/kWh', 0.12 / 3.6e6);
  });

  it('percentages and fractions', () => {
    close('fraction', '85%', 0.85);
    close('fraction', '0.5%', 0.005);
    close('fraction', '100 %', 1);
    close('fraction', 0.85, 0.85);
    close('fraction', '0.85', 0.85);
  });

  it('temperature and carbon intensity → °C and kg CO2e per joule', () => {
    close('temperature', '25C', 25);
    close('temperature', '35 °C', 35);
    close('carbonIntensity', '380g/kWh', 0.38 / 3.6e6);
    close('carbonIntensity', '0.4kg/kWh', 0.4 / 3.6e6);
    close('carbonIntensity', '380gCO2e/kWh', 0.38 / 3.6e6);
    close('carbonIntensity', '400000g/MWh', 0.4 / 3.6e6);
  });

  it('rejects bad input with what was expected and what was found', () => {
    const bad: [QuantityKind, string | number, RegExp][] = [
      ['duration', '3600', /a duration such as 250ms.*found "3600" \(a unit is required\)/],
      ['duration', 3600, /a unit is required/],
      ['duration', '5 parsecs', /found "5 parsecs"/],
      ['duration', '5x', /unknown unit "x"; known: ns, us/],
      ['duration', 'fast', /expected a duration/],
      ['duration', '', /expected a duration/],
      ['duration', '1e999s', /not a finite number/],
      ['power', '700', /a unit is required/],
      ['power', '700J', /unknown unit "J"/],
      ['bytes', '80GB/s', /expected a size/],
      ['rate', '12', /a rate such as 12\/s.*a unit is required/],
      ['rate', '12/fortnight', /unknown unit "fortnight"/],
      ['moneyRate', '$2.10', /the "\/unit" is required/],
      ['moneyRate', '2.10/h', /a price per time/],
      ['money', '$1/h', /an amount has no "\/unit"/],
      ['moneyPerByte', '$0.09/h', /unknown unit "h"/],
      ['fraction', 'most', /a percentage such as 85%/],
      ['temperature', '300K', /a temperature such as 25C/],
      ['temperature', 0, /a unit is required/],
      ['carbonIntensity', '380g/h', /a carbon intensity/],
      ['bandwidth', '2GB', /a bandwidth/],
    ];
    for (const [kind, input, re] of bad) {
      let err: unknown;
      try {
        parseQuantity(kind, input);
      } catch (e) {
        err = e;
      }
      expect(err, `${kind} ${String(input)}`).toBeInstanceOf(UnitError);
      expect((err as Error).message, `${kind} ${String(input)}`).toMatch(re);
    }
  });

  it('round-trips any number with any duration unit (property)', () => {
    const units: [string, number][] = [['ms', 1e-3], ['s', 1], ['m', 60], ['h', 3600], ['d', 86400]];
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(...units), (x, [u, f]) => {
        const v = parseQuantity('duration', `${x}${u}`);
        expect(Math.abs(v - x * f)).toBeLessThanOrEqual(1e-9 * Math.max(1, x * f));
      }),
    );
  });
});

describe('quantity() zod field', () => {
  it('returns SI numbers and enforces bounds with the input quoted', () => {
    const positiveDuration = quantity('duration', { gt: 0 });
    expect(positiveDuration.parse('2h')).toBe(7200);
    const r = positiveDuration.safeParse('0s');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/greater than 0, found "0s"/);
    const rate = quantity('rate', { min: 0 }).safeParse('-1/s');
    expect(rate.error!.issues[0].message).toMatch(/at least 0, found "-1\/s"/);
    const frac = quantity('fraction', { min: 0, max: 0.9 }).safeParse('95%');
    expect(frac.error!.issues[0].message).toMatch(/at most 0.9, found "95%"/);
  });
});

describe('formatDuration', () => {
  it('prints seconds for people', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(12.3)).toBe('12.3s');
    expect(formatDuration(270)).toBe('4.50m');
    expect(formatDuration(7200)).toBe('2.00h');
    expect(formatDuration(5e-6)).toBe('5.00µs');
  });
});
