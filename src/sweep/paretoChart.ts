import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { SweepResult } from './results.js';

/**
 * The Pareto chart of a sweep as a vega-lite spec: every run on the first two objectives, infeasible
 * runs (an SLO, constraint or `fail` gate missed, or drops) greyed, the front drawn as a step line
 * (feasible runs only unless the sweep was built with `--pareto-all`). Undefined with fewer than two objectives.
 */
export function paretoSpec(r: SweepResult): Record<string, unknown> | undefined {
  if (r.objectives.length < 2) return undefined;
  const [xo, yo] = r.objectives.map((o) => o.replace(/^-/, ''));
  const front = new Set(r.pareto);
  const values = r.runs
    .filter((x) => x.ok && x.summary?.[xo]?.mean != null && x.summary?.[yo]?.mean != null)
    .map((x) => ({
      id: x.id,
      x: x.summary![xo].mean,
      y: x.summary![yo].mean,
      run: Object.entries(x.set).map(([k, v]) => `${k}=${v}`).join(' '),
      status: x.feasible ? (front.has(x.id) ? 'Pareto front' : 'feasible') : front.has(x.id) ? 'infeasible, on the front' : 'infeasible',
    }));
  const used = new Set(values.map((v) => v.status));
  const legend = ([['Pareto front', '#d62728'], ['feasible', '#1f77b4'], ['infeasible', '#cccccc'], ['infeasible, on the front', '#888888']] as const).filter(([d]) => used.has(d));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${r.scenario}: ${xo} vs ${yo}`, subtitle: `${r.runs.length} runs, ${r.runs.filter((x) => x.ok && x.feasible).length} feasible; front of ${r.pareto.length}${r.paretoIncludesInfeasible ? ' (all runs)' : ' feasible'} (minimizing ${r.objectives.join(', ')})` },
    width: 560,
    height: 360,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.status === 'Pareto front' || datum.status === 'infeasible, on the front'" }],
        mark: { type: 'line', interpolate: 'step-after', color: '#888', strokeDash: [4, 3] },
        encoding: { x: { field: 'x', type: 'quantitative', sort: 'ascending' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xo, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: yo, scale: { zero: false } },
          color: { field: 'status', type: 'nominal', scale: { domain: legend.map(([d]) => d), range: legend.map(([, c]) => c) } },
          opacity: { condition: { test: "datum.status === 'infeasible' || datum.status === 'infeasible, on the front'", value: 0.55 }, value: 1 },
          tooltip: [{ field: 'id' }, { field: 'run' }, { field: 'x', title: xo }, { field: 'y', title: yo }],
        },
      },
    ],
  };
}

/** Renders the Pareto chart to SVG (offline, no fonts loaded), or undefined without two objectives. */
export async function paretoSvg(r: SweepResult): Promise<string | undefined> {
  const spec = paretoSpec(r);
  if (!spec) return undefined;
  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}
