import { formatDuration } from '../scenario/units.js';

/** Human formatting of figures by their unit, inferred from the figure name. */
export function formatFigure(name: string, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (/(ttft|tpot|e2e|queueWait)\.(p\d+|mean|max)$/.test(name)) return formatDuration(v);
  if (/sloAttainment|utilization|Fraction|pWait/.test(name)) return `${(v * 100).toFixed(1)}%`;
  if (name.startsWith('cost.') || name.endsWith('.cost')) return formatUsd(v);
  if (/energy\..*J$|energyGpuJ/.test(name)) return formatEnergy(v);
  if (/power\..*W$/.test(name)) return formatPower(v);
  if (name.endsWith('TemperatureC')) return `${v.toFixed(1)} °C`;
  if (name.endsWith('throughput')) return `${v.toPrecision(4)}/s`;
  if (name.endsWith('Kg')) return `${v.toPrecision(3)} kg`;
  if (name === 'carbon.kg') return `${v.toPrecision(3)} kg CO2e`;
  if (Number.isInteger(v) || Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(4);
}

export function formatUsd(v: number): string {
  const a = Math.abs(v);
  if (a > 0 && a < 0.01) return `${v < 0 ? '-' : ''}$${a.toPrecision(3)}`;
  const digits = a >= 100 ? 2 : a >= 1 ? 3 : 4;
  return `$${v.toFixed(digits)}`;
}

export function formatPower(w: number): string {
  const a = Math.abs(w);
  if (a >= 1e6) return `${(w / 1e6).toPrecision(3)} MW`;
  if (a >= 1e3) return `${(w / 1e3).toPrecision(3)} kW`;
  return `${w.toPrecision(3)} W`;
}

export function formatEnergy(j: number): string {
  const kwh = j / 3.6e6;
  if (Math.abs(kwh) >= 1000) return `${(kwh / 1000).toPrecision(4)} MWh`;
  if (Math.abs(kwh) >= 0.01) return `${kwh.toPrecision(4)} kWh`;
  return `${j.toPrecision(3)} J`;
}

/** Pads cells into aligned columns; the columns in `left` (default: the first) left-aligned, the rest right-aligned. */
export function table(rows: string[][], indent = '  ', left: readonly number[] = [0]): string {
  const widths: number[] = [];
  // Widths ignore ANSI color escapes, so colored cells align.
  const w = (c: string) => [...c.replace(/\x1b\[[0-9;]*m/g, '')].length;
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, w(c))));
  const pad = (c: string, n: number, left: boolean) => (left ? c + ' '.repeat(Math.max(0, n - w(c))) : ' '.repeat(Math.max(0, n - w(c))) + c);
  return rows
    .map((r) => indent + r.map((c, i) => pad(c, widths[i], left.includes(i))).join('  ').trimEnd())
    .join('\n');
}
