import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { ChartSpec } from './charts.js';

/**
 * Renders a vega-lite spec to a standalone SVG string under Node (no DOM, no canvas: vega's SVG
 * string renderer, text widths estimated). Deterministic for a given spec.
 */
export async function renderSvg(chart: ChartSpec): Promise<string> {
  const compiled = compile(chart.spec as unknown as Parameters<typeof compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(chart.title)}" `);
  } finally {
    view.finalize();
  }
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
