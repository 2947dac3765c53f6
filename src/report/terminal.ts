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
 * Lays out a table within the terminal width: when too wide, hides the [p5–p95] bands, then drops
 * columns in `dropOrder` (indices,
 * first dropped first) until it fits, and says how many were hidden. The first column always stays.
 */
export function fitTable(rows: string[][], style: TermStyle, dropOrder: number[] = [], left: number[] = [0]): string {
  let keep = rows[0].map((_, i) => i);
  let bandsHidden = false;
  const render = () => table(rows.map((r) => keep.map((i) => r[i])), '  ', keep.map((k, j) => (left.includes(k) ? j : -1)).filter((j) => j >= 0));
  let out = render();
  const width = style.columns;
  if (width === undefined) return out;
  const tooWide = () => out.split('\n').some((l) => visibleWidth(l) > width);
  if (tooWide()) {
    // First the [p5–p95] bands go (the means stay), then whole columns.
    rows = rows.map((r) => r.map((c) => c.replace(/ \[[^\]]*\]$/, '')));
    bandsHidden = true;
    out = render();
  }
  const order = [...dropOrder, ...rows[0].map((_, i) => i).reverse()].filter((i) => i > 0);
  let hidden = 0;
  for (const i of order) {
    if (!tooWide() || keep.length <= 2) break;
    if (!keep.includes(i)) continue;
    keep = keep.filter((k) => k !== i);
    hidden++;
    out = render();
  }
  const what = [bandsHidden ? 'p5–p95 bands' : '', hidden > 0 ? `${hidden} column${hidden > 1 ? 's' : ''}` : ''].filter((x) => x).join(' and ');
  return what ? `${out}\n  (${what} hidden to fit ${width} columns; widen the terminal or use --format markdown)` : out;
}
