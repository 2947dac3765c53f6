import { parseQuantity, formatDuration, type QuantityKind } from '../scenario/units.js';

/**
 * What a figure or a literal measures. Figures are stored in SI units (seconds, USD, fractions,
 * watts, joules, kg CO2e, per second, °C); literals in gate expressions carry a unit that says
 * which kind they are, and a gate compares only like with like.
 */
export type ValueKind = 'duration' | 'money' | 'fraction' | 'power' | 'energy' | 'mass' | 'rate' | 'temperature' | 'number';

const KIND_WORDS: Record<ValueKind, string> = {
  duration: 'a duration such as 800ms or 2s',
  money: 'an amount such as $0.42',
  fraction: 'a percentage such as 85% (or a number between 0 and 1)',
  power: 'a power such as 700W or 2.4MW',
  energy: 'an energy such as 5kWh or 3.6MJ',
  mass: 'a CO2e mass such as 2kg or 500g',
  rate: 'a rate such as 40/s',
  temperature: 'a temperature such as 80C',
  number: 'a plain number such as 12',
};

/** A phrase naming what a value of this kind looks like, for error messages. */
export function describeValueKind(k: ValueKind): string {
  return KIND_WORDS[k];
}

const MASS: Record<string, number> = { mg: 1e-6, g: 1e-3, kg: 1, t: 1000 };
const TRY_KINDS: [QuantityKind, ValueKind][] = [['duration', 'duration'], ['power', 'power'], ['energy', 'energy'], ['temperature', 'temperature']];

/** Known units, listed in errors. */
export const KNOWN_UNITS = 'ms, s, m, h (duration); W, kW, MW (power); J, kWh, MWh (energy); g, kg, t (CO2e); /s, /min, /h (rate); % (fraction); $ before a number (money)';

/**
 * The SI value and kind of `number` followed by `unit` (no space between), e.g. (800, 'ms') →
 * 0.8 s. Returns undefined for an unknown unit. `unit` '' is a plain number.
 */
export function unitValue(n: number, unit: string): { value: number; kind: ValueKind } | undefined {
  if (unit === '') return { value: n, kind: 'number' };
  if (unit === '%') return { value: n / 100, kind: 'fraction' };
  if (Object.hasOwn(MASS, unit)) return { value: n * MASS[unit], kind: 'mass' };
  if (unit.startsWith('/')) {
    try {
      return { value: parseQuantity('rate', `${n}${unit}`), kind: 'rate' };
    } catch {
      return undefined;
    }
  }
  for (const [qk, vk] of TRY_KINDS) {
    try {
      return { value: parseQuantity(qk, `${n}${unit}`), kind: vk };
    } catch {
      /* try the next kind */
    }
  }
  return undefined;
}

/** Whether a literal of kind `lit` may be compared with a figure of kind `fig`. */
export function compatible(fig: ValueKind, lit: ValueKind, value: number): boolean {
  if (fig === lit) return true;
  if (lit !== 'number') return false;
  if (value === 0) return true; // zero needs no unit
  return fig === 'fraction' || fig === 'rate' || fig === 'temperature';
}

const sig = (x: number, d = 4): string => {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toPrecision(d);
  return String(Number(x.toPrecision(d)));
};

/** Formats an SI value of a kind for people: 812ms, $0.4213, 84.2%, 2.41MW, 5.2kWh. */
export function formatValue(kind: ValueKind, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  switch (kind) {
    case 'duration':
      return formatDuration(v);
    case 'money':
      return `${v < 0 ? '-' : ''}$${sig(a)}`;
    case 'fraction':
      return `${sig(v * 100)}%`;
    case 'power':
      return a >= 1e6 ? `${sig(v / 1e6)}MW` : a >= 1e3 ? `${sig(v / 1e3)}kW` : `${sig(v)}W`;
    case 'energy':
      return a >= 3.6e9 ? `${sig(v / 3.6e9)}MWh` : a >= 3.6e3 ? `${sig(v / 3.6e6)}kWh` : `${sig(v)}J`;
    case 'mass':
      return a >= 1000 ? `${sig(v / 1000)}t` : a >= 1 ? `${sig(v)}kg` : `${sig(v * 1000)}g`;
    case 'rate':
      return `${sig(v)}/s`;
    case 'temperature':
      return `${sig(v, 3)}C`;
    case 'number':
      return sig(v, 6);
  }
}
