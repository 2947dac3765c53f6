import { parseObjectives, paretoFront } from './pareto.js';
import { SWEEP_SCHEMA, type RunRecord, type SweepHeader } from './records.js';
import type { Axis } from './grid.js';
import type { AxisValue } from './values.js';

/** The combined result of a sweep (results.json). Independent of workers, shards and resumes. */
export interface SweepResult {
  schema: typeof SWEEP_SCHEMA;
  sweep: string;
  scenario: string;
  baseSeed: number;
  axes: Axis[];
  zip: boolean;
  commonSeed: boolean;
  objectives: string[];
  /** Ids of the runs on the Pareto front, in run order. */
  pareto: string[];
  /** Whether infeasible runs (an SLO, constraint or `fail` gate missed, or drops) competed for the front (`--pareto-all`). */
  paretoIncludesInfeasible: boolean;
  table: { columns: string[]; rows: (AxisValue | null)[][] };
  runs: Omit<RunRecord, 'type' | 'sweep'>[];
}

/** Figures every table shows (means), besides the axes and the objectives. */
function tableFigures(runs: readonly RunRecord[], objectives: readonly string[]): string[] {
  const first = runs.find((r) => r.ok && r.summary);
  const classes = first ? Object.keys(first.summary!).map((k) => /^class\.([^.]+)\.ttft\.p95$/.exec(k)?.[1]).filter((x): x is string => !!x) : [];
  const figs = [
    ...objectives.map((o) => o.replace(/^-/, '')),
    'cost.per1kRequests', 'cost.total',
    ...classes.flatMap((c) => [`class.${c}.ttft.p95`, `class.${c}.e2e.p95`, `class.${c}.sloAttainment`]),
    'energy.per1kRequestsJ', 'carbon.kg', 'power.peakW', 'fleet.utilization', 'requests.dropped',
  ];
  return [...new Set(figs)];
}

const round = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(6)));

/** Options of the combined result that do not change the runs (so not part of the sweep fingerprint). */
export interface ResultOptions {
  /** Let infeasible runs onto the Pareto front (default: only feasible runs compete). */
  paretoAll?: boolean;
}

export function buildSweepResult(header: SweepHeader, records: readonly RunRecord[], opts: ResultOptions = {}): SweepResult {
  const runs = [...records].sort((a, b) => a.index - b.index);
  const objectives = parseObjectives(header.objectives);
  const competes = (r: RunRecord) => r.ok && (opts.paretoAll === true || r.feasible === true);
  const points = runs.map((r) => objectives.map((o) => (competes(r) ? (r.summary?.[o.figure]?.mean ?? null) : null)));
  const front = new Set(paretoFront(points, objectives));
  const figs = tableFigures(runs, header.objectives);
  const columns = ['id', ...header.axes.map((a) => a.path), 'feasible', 'pareto', ...figs];
  const rows = runs.map((r, i) => [
    r.id, ...header.axes.map((a) => r.set[a.path] ?? null),
    r.ok ? (r.feasible ? 'yes' : 'no') : 'error', front.has(i) ? 'yes' : '',
    ...figs.map((f) => round(r.summary?.[f]?.mean)),
  ]);
  return {
    schema: SWEEP_SCHEMA,
    sweep: header.sweep,
    scenario: header.scenario,
    baseSeed: header.baseSeed,
    axes: header.axes,
    zip: header.zip,
    commonSeed: header.commonSeed,
    objectives: header.objectives,
    pareto: runs.filter((_, i) => front.has(i)).map((r) => r.id),
    paretoIncludesInfeasible: opts.paretoAll === true,
    table: { columns, rows },
    runs: runs.map(({ type: _t, sweep: _s, ...rest }) => rest),
  };
}

const csvCell = (v: AxisValue | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function tableCsv(r: SweepResult): string {
  return [r.table.columns, ...r.table.rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

export function tableMarkdown(r: SweepResult): string {
  const esc = (v: AxisValue | null) => (v === null ? '—' : String(v).replace(/\|/g, '\\|'));
  const lines = [
    `Sweep ${r.sweep} of ${r.scenario}: ${r.runs.length} runs (${r.runs.filter((x) => x.ok && x.feasible).length} feasible); Pareto front of ${r.paretoIncludesInfeasible ? 'all' : 'feasible'} runs over ${r.objectives.join(', ')} (minimized${r.objectives.some((o) => o.startsWith('-')) ? '; - maximized' : ''}): ${r.pareto.join(', ') || 'empty'}`,
    '',
    `| ${r.table.columns.join(' | ')} |`,
    `|${r.table.columns.map(() => '---').join('|')}|`,
    ...r.table.rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
  ];
  const missed = r.runs.filter((x) => x.ok && !x.feasible);
  if (missed.length > 0) {
    lines.push('', `Infeasible (${r.paretoIncludesInfeasible ? 'on the front only with --pareto-all, as here' : 'kept out of the Pareto front; --pareto-all lets them in'}):`);
    for (const x of missed) {
      const what = [...(x.checks ?? []).filter((c) => !c.ok).map((c) => c.name), ...(x.gates ?? []).filter((g) => !g.ok && g.severity === 'fail').map((g) => `gate ${g.name}`)];
      lines.push(`- ${x.id}: misses ${what.join('; ') || 'a condition'}`);
    }
  }
  const errors = r.runs.filter((x) => !x.ok);
  if (errors.length > 0) lines.push('', ...errors.map((x) => `- ${x.id}: ${x.error?.split('\n').join(' ')}`));
  return lines.join('\n') + '\n';
}
