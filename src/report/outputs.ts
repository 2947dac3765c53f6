import { join } from 'node:path';
import type { RunResult } from '../simulate/simulate.js';
import { toJson, writeFileAtomic } from './atomicWrite.js';
import { compareCharts, runCharts, type ChartSpec } from './charts.js';
import type { Comparison } from './compare.js';
import { compareMarkdown, runMarkdown } from './markdown.js';
import { compareHtml, runHtml, type RenderedChart } from './html.js';
import { csvLines, summaryCsv, timeseriesCsv } from './csv.js';
import { focusCsv } from './focus.js';
import { renderSvg } from './svg.js';
import { formatFigure } from './format.js';

export const FORMATS = ['table', 'json', 'markdown', 'csv', 'html', 'focus', 'svg'] as const;
export type Format = (typeof FORMATS)[number];

/** One output file: a path relative to the output directory and its content. */
export interface Artifact {
  file: string;
  content: string;
}

export interface ArtifactOptions {
  /** ISO start instant of the FOCUS charge periods. */
  focusStart?: string;
}

async function render(charts: readonly ChartSpec[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const c of charts) out.push({ name: c.name, title: c.title, svg: await renderSvg(c) });
  return out;
}

/**
 * The files of a run for the given formats (table excluded: it is terminal output).
 * json → result.json · markdown → report.md · csv → timeseries.csv + summary.csv · focus → focus.csv ·
 * html → report.html · svg → charts/<name>.svg (report.md links them when both are asked for).
 */
export async function runArtifacts(r: RunResult, formats: readonly Format[], o: ArtifactOptions = {}): Promise<Artifact[]> {
  const want = new Set(formats);
  const files: Artifact[] = [];
  const rendered = want.has('html') || want.has('svg') ? await render(runCharts(r)) : [];
  if (want.has('json')) files.push({ file: 'result.json', content: toJson(r) });
  if (want.has('markdown')) files.push({ file: 'report.md', content: runMarkdown(r, want.has('svg') ? rendered.map((c) => ({ file: `charts/${c.name}.svg`, title: c.title })) : []) });
  if (want.has('csv')) files.push({ file: 'timeseries.csv', content: timeseriesCsv(r) }, { file: 'summary.csv', content: summaryCsv(r) });
  if (want.has('focus')) files.push({ file: 'focus.csv', content: focusCsv(r, o.focusStart) });
  if (want.has('html')) files.push({ file: 'report.html', content: runHtml(r, rendered) });
  if (want.has('svg')) for (const c of rendered) files.push({ file: `charts/${c.name}.svg`, content: `${c.svg}\n` });
  return files;
}

/** The comparison as CSV: one row per figure, then per other input its mean, differences, p and verdict. */
export function compareCsv(c: Comparison): string {
  const head = ['figure', 'label', `${c.labels[0]}_mean`];
  c.labels.slice(1).forEach((l) => head.push(`${l}_mean`, `${l}_diff`, `${l}_rel`, `${l}_p`, `${l}_verdict`));
  return csvLines([head, ...c.figures.map((f) => [f.key, f.label, f.means[0], ...f.diffs.flatMap((d, j) => [f.means[j + 1], d.abs, d.rel, d.p, d.verdict])])]);
}

/**
 * The files of a comparison. json → compare.json (the comparison, with each input's result) ·
 * markdown → compare.md · csv → compare.csv · html → compare.html · svg → charts/<name>.svg ·
 * focus → focus-<label>.csv per input.
 */
export async function compareArtifacts(c: Comparison, results: readonly RunResult[], formats: readonly Format[], o: ArtifactOptions = {}): Promise<Artifact[]> {
  const want = new Set(formats);
  const files: Artifact[] = [];
  const rendered = want.has('html') || want.has('svg') ? await render(compareCharts(c, results)) : [];
  if (want.has('json')) files.push({ file: 'compare.json', content: toJson({ ...c, results: results.map((r, i) => ({ label: c.labels[i], result: r })) }) });
  if (want.has('markdown')) files.push({ file: 'compare.md', content: compareMarkdown(c) });
  if (want.has('csv')) files.push({ file: 'compare.csv', content: compareCsv(c) });
  if (want.has('html')) files.push({ file: 'compare.html', content: compareHtml(c, rendered) });
  if (want.has('svg')) for (const ch of rendered) files.push({ file: `charts/${ch.name}.svg`, content: `${ch.svg}\n` });
  if (want.has('focus')) results.forEach((r, i) => files.push({ file: `focus-${safeName(c.labels[i])}.csv`, content: focusCsv(r, o.focusStart) }));
  return files;
}

export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** Writes artifacts under `dir` atomically; returns the paths written. */
export function writeArtifacts(dir: string, files: readonly Artifact[]): string[] {
  return files.map((f) => {
    const p = join(dir, f.file);
    writeFileAtomic(p, f.content);
    return p;
  });
}

