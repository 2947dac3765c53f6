import type { RunResult } from '../simulate/simulate.js';
import type { Comparison } from './compare.js';
import { formatDiff, signedPct } from './compare.js';
import { formatFigure } from './format.js';
import { headlineFigures, withBand } from './markdown.js';
import { scorecard, type ScoreLine } from './scorecard.js';
import { escapeXml as esc } from './svg.js';
import { formatDuration } from '../scenario/units.js';

/** A rendered chart for the page: its name, title and inline SVG. */
export interface RenderedChart {
  name: string;
  title: string;
  svg: string;
}

const CSS = `
body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fafafa}
main{max-width:1440px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;margin:0 0 12px}.note{color:#555;font-size:13px}
table{border-collapse:collapse;background:#fff;font-variant-numeric:tabular-nums}
th,td{padding:3px 9px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#f0f0f0;font-weight:600}
.pass{color:#1a7f37;font-weight:600}.warn{color:#b35900;font-weight:600}.sig{color:#c0392b;font-weight:600}.noise{color:#777}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #e4e4e4;border-radius:6px;padding:8px;overflow:hidden}
figure svg{max-width:100%;height:auto;display:block}
.profile{background:#fff8e6;border-left:4px solid #f0ad4e;padding:8px 12px;margin:8px 0}
.score td:last-child,.score th:last-child{text-align:left}
.cols{display:flex;gap:32px;flex-wrap:wrap;align-items:flex-start}
`;

const page = (title: string, body: string) =>
  `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
  `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;

function table(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function scoreHtml(lines: readonly ScoreLine[]): string {
  return table(['check', 'value', 'status', 'why'], lines.map((l) => [esc(l.label), esc(l.value), `<span class="${l.status}">${l.status}</span>`, esc(l.reason)]), 'score');
}

function chartsHtml(charts: readonly RenderedChart[]): string {
  return `<div class="grid">${charts.map((c) => `<figure id="chart-${esc(c.name)}" data-chart="${esc(c.name)}">${c.svg}</figure>`).join('\n')}</div>`;
}

/**
 * A self-contained HTML report of one run: no scripts, no external resources (a CSP forbids them),
 * charts as inline SVG. Opens offline in any browser.
 */
export function runHtml(r: RunResult, charts: readonly RenderedChart[]): string {
  const s = r.scenario;
  const body: string[] = [];
  body.push(`<h1>fleetsim — ${esc(s.name)}</h1>`);
  body.push(`<p class="meta">seed ${s.seed} · horizon ${s.horizonS === null ? 'until exhausted' : esc(formatDuration(s.horizonS))} · warm-up ${esc(formatDuration(s.warmupS))} · ${s.replications} replication${s.replications === 1 ? '' : 's'} · ${esc(s.fidelity)} mode · schema ${esc(r.schema)}</p>`);
  body.push(`<p class="note">Every figure is an envelope: the mean across replications (seeds), the p5–p95 band across seeds, and the 95 % confidence interval of the mean.</p>`);
  body.push('<div class="cols"><div><h2>Key figures</h2>');
  body.push(table(['figure', 'mean [p5–p95]', '95 % CI of the mean'], headlineFigures(r).filter(([k]) => r.summary[k]).map(([k, label]) => {
    const e = r.summary[k];
    return [esc(label), esc(withBand(k, e)), e.ci95Low === null || e.ci95High === null ? '—' : esc(`${formatFigure(k, e.ci95Low)}–${formatFigure(k, e.ci95High)}`)];
  })));
  body.push('</div><div><h2>Scorecard</h2>', scoreHtml(scorecard(r)));
  body.push('<h2>Pools</h2>', table(['pool', 'hardware', 'region', 'replicas', 'utilization', 'cost'], r.pools.map((p) => {
    const k = `pool.${p.name}`;
    return [esc(p.name), esc(p.kind === 'llm' ? `${p.model} on ${p.tp}× ${p.gpu}` : 'service'), esc(p.region), String(p.replicas), esc(withBand(`${k}.utilization`, r.summary[`${k}.utilization`])), esc(withBand(`${k}.cost`, r.summary[`${k}.cost`]))];
  })), '</div></div>');
  body.push('<h2>Charts</h2>', chartsHtml(charts));
  if (r.warnings.length > 0) body.push('<h2>Warnings</h2>', `<ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`);
  return page(`fleetsim — ${s.name}`, body.join('\n'));
}

/** A self-contained HTML report of a comparison. */
export function compareHtml(c: Comparison, charts: readonly RenderedChart[]): string {
  const body: string[] = ['<h1>fleetsim compare</h1>', `<p class="meta">${c.labels.map(esc).join(' · ')} (baseline: ${esc(c.labels[0])})</p>`];
  for (const p of c.profiles) body.push(`<p class="profile"><b>Release profile</b> — ${esc(p)}</p>`);
  const head = ['figure', c.labels[0]];
  for (const l of c.labels.slice(1)) head.push(l, 'Δ', 'Δ %', 'verdict');
  body.push(table(head, c.figures.map((f) => {
    const row = [esc(f.label), esc(formatFigure(f.key, f.means[0]))];
    f.diffs.forEach((d, j) => row.push(esc(formatFigure(f.key, f.means[j + 1])), esc(formatDiff(f.key, d.abs)), esc(signedPct(d.rel)),
      d.verdict === 'significant' ? '<span class="sig">significant</span>' : `<span class="noise">${d.verdict === 'noise' ? 'within noise' : 'n/a'}</span>`));
    return row;
  })));
  body.push(`<p class="note">Significance: ${esc(c.rule)}</p>`);
  body.push('<h2>Scorecards</h2><div class="cols">', ...c.labels.map((l, i) => `<div><h3>${esc(l)}</h3>${scoreHtml(c.scorecards[i])}</div>`), '</div>');
  body.push('<h2>Charts</h2>', chartsHtml(charts));
  return page('fleetsim compare', body.join('\n'));
}
