import type { RunResult } from '../simulate/simulate.js';
import type { Comparison } from './compare.js';

/** A chart: a file-safe name, a title (also the alt text) and a vega-lite spec. */
export interface ChartSpec {
  name: string;
  title: string;
  spec: Record<string, unknown>;
}

const W = 520;
const H = 200;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 14, anchor: 'start', subtitleColor: '#555' },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', direction: 'horizontal', labelLimit: 320 },
  view: { stroke: null },
  range: { category: ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d'] },
};

const base = (title: string, subtitle?: string) => ({
  $schema: SCHEMA,
  title: subtitle ? { text: title, subtitle } : { text: title },
  width: W,
  height: H,
  config: CONFIG,
});

type Row = Record<string, string | number>;

/** A band chart: p5–p95 area plus a mean line per series, over simulated time in minutes. */
function bandChart(name: string, title: string, yTitle: string, rows: Row[], opts: { yFormat?: string; zero?: boolean; warmupMin?: number } = {}): ChartSpec {
  const color = { field: 'series', type: 'nominal', title: null };
  const x = { field: 't', type: 'quantitative', title: 'simulated time (min)' };
  const layers: Record<string, unknown>[] = [];
  if (opts.warmupMin && opts.warmupMin > 0) {
    layers.push({ data: { values: [{ a: 0, b: opts.warmupMin, label: 'warm-up' }] }, mark: { type: 'rect', color: '#f2f2f2' }, encoding: { x: { field: 'a', type: 'quantitative' }, x2: { field: 'b' } } });
  }
  layers.push(
    { mark: { type: 'area', opacity: 0.25, interpolate: 'step-after' }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: yTitle, scale: { zero: opts.zero ?? true }, axis: opts.yFormat ? { format: opts.yFormat } : {} }, y2: { field: 'p95' }, color } },
    { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, color } },
  );
  return { name, title, spec: { ...base(title, 'line: mean across replications · band: p5–p95 across seeds · grey: warm-up'), data: { values: rows }, layer: layers } };
}

/** Time-series rows of several fields, scaled (e.g. counts per window → per second). */
function seriesRows(r: RunResult, fields: [field: string, label: string, scale: (v: number, widthS: number) => number][]): Row[] {
  const rows: Row[] = [];
  for (const p of r.timeseries.points) {
    const w = p.end - p.start;
    for (const [f, label, sc] of fields) {
      const b = p.values[f];
      if (!b || b.mean === null) continue;
      const end = { t: p.end / 60, series: label, mean: sc(b.mean, w), p5: sc(b.p5 ?? b.mean, w), p95: sc(b.p95 ?? b.mean, w) };
      rows.push({ ...end, t: p.start / 60 }, end);
    }
  }
  return rows;
}

const id = (v: number) => v;
const perS = (v: number, w: number) => (w > 0 ? v / w : 0);
const perH = (v: number, w: number) => (w > 0 ? (v / w) * 3600 : 0);
const kw = (v: number) => v / 1000;

/** Latency CDF per class for one metric (x log-scaled seconds). */
function cdfChart(name: string, title: string, metric: 'ttft' | 'tpot' | 'e2e', series: { label: string; r: RunResult; cls: string }[]): ChartSpec {
  const rows: Row[] = [];
  for (const s of series) {
    const c = s.r.classes.find((x) => x.name === s.cls);
    if (!c) continue;
    c.cdf[metric].x.forEach((x, i) => {
      if (x > 0) rows.push({ x, p: c.cdf[metric].p[i], series: s.label });
    });
  }
  const slo = series[0]?.r.classes.find((x) => x.name === series[0].cls)?.slo?.[metric];
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'line', interpolate: 'monotone', strokeWidth: 2, point: { size: 12 } }, encoding: {
      x: { field: 'x', type: 'quantitative', title: `${metric === 'ttft' ? 'time to first token' : metric === 'tpot' ? 'time per output token' : 'end-to-end latency'} (s, log scale)`, scale: { type: 'log' } },
      y: { field: 'p', type: 'quantitative', title: 'cumulative probability', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
      color: { field: 'series', type: 'nominal', title: null },
    } },
  ];
  if (slo !== undefined) {
    layers.push({ data: { values: [{ x: slo, label: `SLO ${slo * 1000 >= 1000 ? `${slo} s` : `${Math.round(slo * 1000)} ms`}` }] }, layer: [
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#c00' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { mark: { type: 'text', align: 'left', dx: 4, dy: -90, color: '#c00', fontSize: 11 }, encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 'label' } } },
    ] });
  }
  return { name, title, spec: { ...base(title, 'merged over replications; dashed red: the SLO'), data: { values: rows }, layer: layers } };
}

/** The charts of one run, in report order. */
export function runCharts(r: RunResult): ChartSpec[] {
  const wm = r.scenario.warmupS / 60;
  const charts: ChartSpec[] = [];
  const classes = r.classes.map((c) => ({ label: c.name, r, cls: c.name }));
  charts.push(cdfChart('cdf-ttft', 'Time to first token — CDF by class', 'ttft', classes));
  charts.push(cdfChart('cdf-tpot', 'Time per output token — CDF by class', 'tpot', classes));
  charts.push(cdfChart('cdf-e2e', 'End-to-end latency — CDF by class', 'e2e', classes));
  charts.push(bandChart('ts-load', 'Load — arrivals and completions per second', 'requests per second', seriesRows(r, [['arrivals', 'arrivals/s', perS], ['completions', 'completions/s', perS]]), { warmupMin: wm, zero: false }));
  charts.push(bandChart('ts-utilization', 'GPU utilization — share of the KV cache in use', 'utilization (%)', seriesRows(r, [['utilization', 'KV cache in use / capacity', id], ['busyFraction', 'time running a batch', id]]), { yFormat: '.0%', warmupMin: wm }));
  charts.push(bandChart('ts-replicas', 'Replicas — provisioned and serving', 'replicas', seriesRows(r, [['replicasProvisioned', 'provisioned (incl. cold starts)', id], ['replicasServing', 'serving', id]]), { warmupMin: wm }));
  charts.push(bandChart('ts-queue', 'Queue depth — requests waiting', 'mean queue (requests)', seriesRows(r, [['queueMean', 'mean queue', id]]), { warmupMin: wm }));
  charts.push(bandChart('ts-latency', 'Latency per window — TTFT p50 and p95', 'TTFT (s)', seriesRows(r, [['ttftP50', 'TTFT p50', id], ['ttftP95', 'TTFT p95', id]]), { warmupMin: wm }));
  charts.push(bandChart('ts-e2e', 'Latency per window — end-to-end p50 and p95', 'end-to-end (s)', seriesRows(r, [['e2eP50', 'E2E p50', id], ['e2eP95', 'E2E p95', id]]), { warmupMin: wm }));
  charts.push(bandChart('ts-power', 'Power — IT and facility (IT × PUE)', 'power (kW)', seriesRows(r, [['powerW', 'IT power', kw], ['facilityPowerW', 'facility power', kw]]), { warmupMin: wm, zero: false }));
  charts.push(bandChart('ts-temperature', 'Temperature — hottest GPU', 'temperature (°C)', seriesRows(r, [['temperatureMaxC', 'max GPU temperature', id]]), { warmupMin: wm, zero: false }));
  charts.push(bandChart('ts-cost', 'Cost rate', 'cost (USD per hour)', seriesRows(r, [['costUsd', 'cost rate', perH]]), { warmupMin: wm }));
  charts.push(bandChart('ts-carbon', 'Carbon rate', 'carbon (kg CO2e per hour)', seriesRows(r, [['carbonKg', 'carbon rate', perH]]), { warmupMin: wm }));
  const poolRows = r.pools.map((p) => {
    const e = r.summary[`pool.${p.name}.cost`];
    return { pool: p.name, region: p.region, cost: e?.mean ?? 0, p5: e?.p5 ?? e?.mean ?? 0, p95: e?.p95 ?? e?.mean ?? 0 };
  });
  charts.push({
    name: 'cost-by-pool', title: 'Cost by pool and region (measured period)',
    spec: { ...base('Cost by pool and region (measured period)', 'bar: mean across replications · whisker: p5–p95'), height: Math.max(60, 28 * poolRows.length), data: { values: poolRows }, layer: [
      { mark: { type: 'bar' }, encoding: { y: { field: 'pool', type: 'nominal', title: 'pool' }, x: { field: 'cost', type: 'quantitative', title: 'cost (USD)' }, color: { field: 'region', type: 'nominal', title: 'region' } } },
      { mark: { type: 'rule' }, encoding: { y: { field: 'pool', type: 'nominal' }, x: { field: 'p5', type: 'quantitative' }, x2: { field: 'p95' } } },
    ] },
  });
  const layerRows = costByLayerRows(r);
  if (layerRows.length > 0) {
    const regions = new Set(layerRows.map((x) => x.region)).size;
    charts.push({
      name: 'cost-by-layer', title: 'Cost by layer and region (measured period)',
      spec: { ...base('Cost by layer and region (measured period)', 'the cost ledger, mean across replications · docs/economics.md'), height: Math.max(60, 32 * regions), data: { values: layerRows },
        mark: { type: 'bar' }, encoding: {
          y: { field: 'region', type: 'nominal', title: 'region' },
          x: { field: 'cost', type: 'quantitative', title: 'cost (USD)', stack: 'zero' },
          color: { field: 'layer', type: 'nominal', title: 'layer', scale: { domain: ['compute', 'memory', 'network', 'orchestration'] } },
          order: { field: 'order', type: 'quantitative' },
        } },
    });
  }
  return charts;
}

/** The ledger summed by (region, layer), in layer order; rows of no cost left out. */
function costByLayerRows(r: RunResult): Row[] {
  const layers = ['compute', 'memory', 'network', 'orchestration'];
  const acc = new Map<string, Row>();
  for (const x of r.ledger?.rows ?? []) {
    const key = `${x.region}\u0000${x.layer}`;
    const row = acc.get(key) ?? { region: x.region, layer: x.layer, order: layers.indexOf(x.layer), cost: 0 };
    row.cost = (row.cost as number) + Number(x.cost.amount);
    acc.set(key, row);
  }
  return [...acc.values()].filter((x) => (x.cost as number) > 0);
}

/** The charts of a comparison: Pareto (cost vs p95 TTFT), relative differences, TTFT CDFs overlaid. */
export function compareCharts(c: Comparison, results: readonly RunResult[]): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const cls = results[0].classes[0]?.name;
  if (cls !== undefined) {
    const lat = `class.${cls}.ttft.p95`;
    const pts = results.map((r, i) => {
      const cost = r.summary['cost.per1kRequests'];
      const l = r.summary[lat];
      return { label: c.labels[i], cost: cost?.mean ?? 0, c5: cost?.p5 ?? 0, c95: cost?.p95 ?? 0, lat: l?.mean ?? 0, l5: l?.p5 ?? 0, l95: l?.p95 ?? 0 };
    });
    const front = pts.filter((p) => !pts.some((q) => q !== p && q.cost <= p.cost && q.lat <= p.lat && (q.cost < p.cost || q.lat < p.lat))).sort((a, b) => a.cost - b.cost);
    charts.push({
      name: 'pareto', title: `Pareto — cost per 1,000 requests vs p95 TTFT (${cls})`,
      spec: { ...base(`Pareto — cost per 1,000 requests vs p95 TTFT (${cls})`, 'point: mean · whiskers: p5–p95 across seeds · line: Pareto front (lower-left is better)'), height: 260, layer: [
        { data: { values: front }, mark: { type: 'line', color: '#999', strokeDash: [5, 3] }, encoding: { x: { field: 'cost', type: 'quantitative' }, y: { field: 'lat', type: 'quantitative' } } },
        { data: { values: pts }, mark: { type: 'rule' }, encoding: { x: { field: 'c5', type: 'quantitative' }, x2: { field: 'c95' }, y: { field: 'lat', type: 'quantitative' }, color: { field: 'label', type: 'nominal', title: null } } },
        { data: { values: pts }, mark: { type: 'rule' }, encoding: { y: { field: 'l5', type: 'quantitative' }, y2: { field: 'l95' }, x: { field: 'cost', type: 'quantitative' }, color: { field: 'label', type: 'nominal', title: null } } },
        { data: { values: pts }, mark: { type: 'point', filled: true, size: 80 }, encoding: {
          x: { field: 'cost', type: 'quantitative', title: 'cost per 1,000 requests (USD)', scale: { zero: false } },
          y: { field: 'lat', type: 'quantitative', title: 'p95 time to first token (s)', scale: { zero: false } },
          color: { field: 'label', type: 'nominal', title: null },
        } },
      ] },
    });
    charts.push(cdfChart('cdf-ttft', `Time to first token — CDF (${cls})`, 'ttft', results.map((r, i) => ({ label: c.labels[i], r, cls }))));
    charts.push(cdfChart('cdf-e2e', `End-to-end latency — CDF (${cls})`, 'e2e', results.map((r, i) => ({ label: c.labels[i], r, cls }))));
  }
  const rows = c.figures.flatMap((f) => f.diffs.map((d, j) => ({ figure: f.label, scenario: c.labels[j + 1], rel: d.rel ?? 0, verdict: d.verdict === 'significant' ? 'significant' : 'within noise' }))).filter((x) => Number.isFinite(x.rel));
  charts.push({
    name: 'differences', title: `Differences vs ${c.labels[0]} (relative)`,
    spec: { ...base(`Differences vs ${c.labels[0]} (relative)`, 'Welch t-test, Holm-corrected, family-wise α = 0.05'), height: { step: 14 }, data: { values: rows },
      mark: { type: 'bar' }, encoding: {
        y: { field: 'figure', type: 'nominal', title: null, sort: null },
        yOffset: { field: 'scenario', type: 'nominal' },
        x: { field: 'rel', type: 'quantitative', title: 'difference to the baseline (%)', axis: { format: '+.0%' } },
        color: { field: 'verdict', type: 'nominal', title: null, scale: { domain: ['significant', 'within noise'], range: ['#e45756', '#bbbbbb'] } },
        tooltip: [{ field: 'scenario' }],
      } },
  });
  return charts;
}
