/**
 * Quantities with units, as written in scenario files: `250ms`, `2h`, `700W`, `$2.10/h`, `80GiB`,
 * `12/s`, `85%`, `380g/kWh`. Each parser returns the SI value (seconds, watts, joules, bytes,
 * USD per second, per second, fraction, kg CO2e per joule...) or throws `UnitError` with what was
 * expected and what was found.
 */
export class UnitError extends Error {}

export type QuantityKind =
  | 'duration'
  | 'power'
  | 'energy'
  | 'bytes'
  | 'rate'
  | 'moneyRate'
  | 'money'
  | 'moneyPerByte'
  | 'moneyPerEnergy'
  | 'fraction'
  | 'temperature'
  | 'carbonIntensity'
  | 'bandwidth'
  | 'flops'
  | 'count';

const DURATION: Record<string, number> = {
  ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400, day: 86400, w: 604800,
};
const POWER: Record<string, number> = { W: 1, kW: 1e3, MW: 1e6, GW: 1e9 };
const ENERGY: Record<string, number> = { J: 1, kJ: 1e3, MJ: 1e6, Wh: 3600, kWh: 3.6e6, MWh: 3.6e9 };
const BYTES: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
const FLOPS: Record<string, number> = { FLOPS: 1, GFLOPS: 1e9, TFLOPS: 1e12, PFLOPS: 1e15 };
/** Counts such as parameters: 70B, 8.03B, 1.2T, 350M. */
const COUNT: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/** Per-time denominators for rates: `/s`, `/min`, `/h`, `/d`. */
const PER_TIME: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86400, day: 86400 };

const NUMBER = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)`;
const UNIT_RE = new RegExp(`^${NUMBER}\\s*([A-Za-zµ]+)$`);
const RATE_RE = new RegExp(`^${NUMBER}\\s*(?:req|requests|rps)?\\s*/\\s*([A-Za-z]+)$`);
const MONEY_RE = new RegExp(`^\\$\\s*${NUMBER}(?:\\s*/\\s*([A-Za-z]+))?$`);
const PERCENT_RE = new RegExp(`^${NUMBER}\\s*%$`);
const TEMP_RE = new RegExp(`^${NUMBER}\\s*°?\\s*C$`);
const CARBON_RE = new RegExp(`^${NUMBER}\\s*(g|kg)\\s*(?:CO2e?)?\\s*/\\s*(kWh|MWh)$`);
const BANDWIDTH_RE = new RegExp(`^${NUMBER}\\s*([A-Za-z]+)\\s*/\\s*s$`);
const FLOPS_RE = new RegExp(`^${NUMBER}\\s*([GTP]?FLOPS|[GTP]?FLOP/s)$`);
const COUNT_RE = new RegExp(`^${NUMBER}\\s*([KMBT]?)$`);

const EXAMPLES: Record<QuantityKind, string> = {
  duration: 'a duration such as 250ms, 30s, 5m, 2h',
  power: 'a power such as 700W, 2.4MW',
  energy: 'an energy such as 3.6MJ, 12kWh',
  bytes: 'a size such as 80GiB, 512MB',
  rate: 'a rate such as 12/s, 600/min',
  moneyRate: 'a price per time such as $2.10/h',
  money: 'an amount such as $0.42',
  moneyPerByte: 'a price per size such as $0.09/GB',
  moneyPerEnergy: 'a price per energy such as $0.12/kWh',
  fraction: 'a percentage such as 85% (or a number between 0 and 1)',
  temperature: 'a temperature such as 25C',
  carbonIntensity: 'a carbon intensity such as 380g/kWh',
  bandwidth: 'a bandwidth such as 2GB/s',
  flops: 'a compute rate such as 989TFLOPS',
  count: 'a count such as 70B, 350M or 8030000000',
};

export function describeKind(kind: QuantityKind): string {
  return EXAMPLES[kind];
}

function fail(kind: QuantityKind, found: string, why?: string): never {
  throw new UnitError(`expected ${EXAMPLES[kind]}, found ${JSON.stringify(found)}${why ? ` (${why})` : ''}`);
}

function finite(kind: QuantityKind, found: string, v: number): number {
  if (!Number.isFinite(v)) fail(kind, found, 'not a finite number');
  return v;
}

function lookup(kind: QuantityKind, found: string, table: Record<string, number>, unit: string): number {
  const f = Object.hasOwn(table, unit) ? table[unit] : undefined;
  if (f === undefined) fail(kind, found, `unknown unit "${unit}"; known: ${Object.keys(table).join(', ')}`);
  return f;
}

/** Parses a quantity written as a string (or, for `fraction`, a plain number in [0, 1]). */
export function parseQuantity(kind: QuantityKind, input: string | number): number {
  if (typeof input === 'number') {
    if ((kind === 'fraction' || kind === 'count') && Number.isFinite(input)) return input;
    if (input === 0 && kind !== 'temperature') return 0; // zero needs no unit
    fail(kind, String(input), 'a unit is required');
  }
  const s = input.trim();
  let m: RegExpMatchArray | null;
  switch (kind) {
    case 'duration':
    case 'power':
    case 'energy':
    case 'bytes': {
      m = UNIT_RE.exec(s);
      if (!m) fail(kind, s, /^[+-]?[\d.]+$/.test(s) ? 'a unit is required' : undefined);
      const table = kind === 'duration' ? DURATION : kind === 'power' ? POWER : kind === 'energy' ? ENERGY : BYTES;
      return finite(kind, s, Number(m[1]) * lookup(kind, s, table, m[2]));
    }
    case 'rate': {
      m = RATE_RE.exec(s);
      if (!m) fail(kind, s, /^[+-]?[\d.]+$/.test(s) ? 'a unit is required' : undefined);
      return finite(kind, s, Number(m[1]) / lookup(kind, s, PER_TIME, m[2]));
    }
    case 'money':
    case 'moneyRate':
    case 'moneyPerByte':
    case 'moneyPerEnergy': {
      m = MONEY_RE.exec(s);
      if (!m) fail(kind, s);
      const amount = finite(kind, s, Number(m[1]));
      const per = m[2];
      if (kind === 'money') {
        if (per !== undefined) fail(kind, s, 'an amount has no "/unit"');
        return amount;
      }
      if (per === undefined) fail(kind, s, 'the "/unit" is required');
      if (kind === 'moneyRate') return amount / lookup(kind, s, PER_TIME, per);
      if (kind === 'moneyPerByte') return amount / lookup(kind, s, BYTES, per);
      return amount / lookup(kind, s, ENERGY, per);
    }
    case 'fraction': {
      m = PERCENT_RE.exec(s);
      if (m) return finite(kind, s, Number(m[1]) / 100);
      const v = Number(s);
      if (s !== '' && Number.isFinite(v)) return v;
      fail(kind, s);
    }
    // eslint-disable-next-line no-fallthrough
    case 'temperature': {
      m = TEMP_RE.exec(s);
      if (!m) fail(kind, s);
      return finite(kind, s, Number(m[1]));
    }
    case 'carbonIntensity': {
      m = CARBON_RE.exec(s);
      if (!m) fail(kind, s);
      const grams = Number(m[1]) * (m[2] === 'kg' ? 1000 : 1);
      const per = m[3] === 'kWh' ? 3.6e6 : 3.6e9;
      return finite(kind, s, grams / 1000 / per); // kg CO2e per joule
    }
    case 'bandwidth': {
      m = BANDWIDTH_RE.exec(s);
      if (!m) fail(kind, s);
      return finite(kind, s, Number(m[1]) * lookup(kind, s, BYTES, m[2]));
    }
    case 'flops': {
      m = FLOPS_RE.exec(s);
      if (!m) fail(kind, s);
      return finite(kind, s, Number(m[1]) * lookup(kind, s, FLOPS, m[2].replace('FLOP/s', 'FLOPS')));
    }
    case 'count': {
      m = COUNT_RE.exec(s);
      if (!m) fail(kind, s);
      return finite(kind, s, Number(m[1]) * (m[2] === '' ? 1 : COUNT[m[2]]));
    }
  }
}

/** Formats seconds for people: 850ms, 12.3s, 4.5m, 2.0h. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const a = Math.abs(seconds);
  if (a === 0) return '0s';
  if (a < 1e-3) return `${(seconds * 1e6).toPrecision(3)}µs`;
  if (a < 1) return `${(seconds * 1e3).toPrecision(3)}ms`;
  if (a < 120) return `${seconds.toPrecision(3)}s`;
  if (a < 7200) return `${(seconds / 60).toPrecision(3)}m`;
  return `${(seconds / 3600).toPrecision(3)}h`;
}
