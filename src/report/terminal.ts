import { table } from './format.js';

/** How the terminal output may look: its width (undefined: not a terminal, no limit) and colors. */
export interface TermStyle {
  columns?: number;
  color: boolean;
}

/** Colors only on a terminal and when NO_COLOR is unset or empty (https://no-color.org). */
export function termStyle(io: { env: Readonly<Record<string, string | undefined>>; columns: number | undefined; isTTY: boolean }): TermStyle {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return { columns: io.columns, color: io.isTTY && !noColor };
}

const CODES = { green: 32, yellow: 33, red: 31, dim: 2, bold: 1 } as const;

export function paint(text: string, c: keyof typeof CODES, style: TermStyle): string {
  return style.color ? `\x1b[${CODES[c]}m${text}\x1b[0m` : text;
}

/** Visible width of a string (ANSI escapes excluded). */
export function visibleWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/**
 * Lays out a table within the terminal width: when too wide, drops columns in `dropOrder` (indices,
 * first dropped first) until it fits, and says how many were hidden. The first column always stays.
 */
export function fitTable(rows: string[][], style: TermStyle, dropOrder: number[] = []): string {
  let keep = rows[0].map((_, i) => i);
  const render = () => table(rows.map((r) => keep.map((i) => r[i])));
  let out = render();
  const width = style.columns;
  if (width === undefined) return out;
  const tooWide = () => out.split('\n').some((l) => visibleWidth(l) > width);
  const order = [...dropOrder, ...rows[0].map((_, i) => i).reverse()].filter((i) => i > 0);
  let hidden = 0;
  for (const i of order) {
    if (!tooWide()) break;
    if (!keep.includes(i)) continue;
    keep = keep.filter((k) => k !== i);
    hidden++;
    out = render();
  }
  return hidden > 0 ? `${out}\n  (${hidden} column${hidden > 1 ? 's' : ''} hidden to fit ${width} columns; widen the terminal or use --format markdown)` : out;
}
