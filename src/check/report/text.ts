import type { ScenarioCheck, GateResult } from '../types.js';

const STATUS = { pass: 'pass', fail: 'FAIL', warn: 'warn' } as const;

function pad(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n') + '\n';
}

/** Rows shown in the table: every expectation, and baseline/observed gates that did not simply pass. */
export function shownRows(c: ScenarioCheck, all = false): GateResult[] {
  return c.results.filter((r) => all || r.source === 'expect' || r.status !== 'pass' || /improved/.test(r.message));
}

/** Totals over every result. */
export function totals(checks: readonly ScenarioCheck[]): { pass: number; fail: number; warn: number; total: number } {
  const t = { pass: 0, fail: 0, warn: 0, total: 0 };
  for (const c of checks) for (const r of c.results) { t[r.status]++; t.total++; }
  return t;
}

/**
 * One table for all scenarios: scenario, gate, status, what was found; then, for every failure
 * and warning, `file:line: FAIL gate — message` so the figure, the threshold and the line are on
 * one line a terminal (and an editor) can jump to.
 */
export function checkTable(checks: readonly ScenarioCheck[], opts: { all?: boolean } = {}): string {
  const rows: string[][] = [['scenario', 'gate', 'status', 'result']];
  for (const c of checks) {
    for (const r of shownRows(c, opts.all)) rows.push([c.scenario, r.name, STATUS[r.status], r.message]);
    const hidden = c.results.length - shownRows(c, opts.all).length;
    if (hidden > 0) rows.push([c.scenario, `(${hidden} more gates)`, 'pass', 'baseline figures unchanged or within tolerance/noise']);
    if (c.results.length === 0) rows.push([c.scenario, '(no gates)', '-', 'add an expect: block, --policy or --baseline']);
  }
  let s = pad(rows);
  const problems = checks.flatMap((c) => c.results.filter((r) => r.status !== 'pass'));
  if (problems.length) s += '\n' + problems.map((r) => `${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ${STATUS[r.status]} ${r.name} — ${r.message}`).join('\n') + '\n';
  const notes = checks.flatMap((c) => c.notes.map((n) => `${c.scenario}: ${n}`));
  if (notes.length) s += '\n' + notes.join('\n') + '\n';
  const t = totals(checks);
  s += `\n${checks.length} scenario${checks.length === 1 ? '' : 's'}, ${t.total} gates: ${t.pass} passed, ${t.fail} failed, ${t.warn} warnings\n`;
  return s;
}
