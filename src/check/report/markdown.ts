import type { ScenarioCheck, GateResult } from '../types.js';
import { shownRows, totals } from './text.js';

/** Hidden marker that starts the pull-request comment, so a workflow can find and update it. */
export const COMMENT_MARKER = '<!-- fleetsim-check -->';
/** GitHub's step-summary limit per step. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

const ICON = { pass: '✅', fail: '❌', warn: '⚠️' } as const;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function rowsOf(c: ScenarioCheck): string[] {
  return shownRows(c).map((r: GateResult) => `| ${ICON[r.status]} | ${cell(c.scenario)} | \`${cell(r.name)}\` | ${cell(r.message)} | ${r.file}${r.line !== undefined ? `:${r.line}` : ''} |`);
}

/**
 * The Markdown report: a headline, a table of gates (all expectations; baseline and observed
 * gates that failed, warned or improved), and notes. Kept under `limit` bytes (UTF-8): rows past
 * the limit are dropped with a note saying how many. `marker` prefixes the PR-comment variant.
 */
export function checkMarkdown(checks: readonly ScenarioCheck[], opts: { limit?: number; marker?: boolean; title?: string } = {}): string {
  const limit = opts.limit ?? STEP_SUMMARY_LIMIT;
  const t = totals(checks);
  const verdict = t.fail > 0 ? `❌ ${t.fail} gate${t.fail === 1 ? '' : 's'} failed` : t.warn > 0 ? `⚠️ all gates passed, ${t.warn} warning${t.warn === 1 ? '' : 's'}` : '✅ all gates passed';
  const head = `${opts.marker ? `${COMMENT_MARKER}\n` : ''}## ${opts.title ?? 'fleetsim check'}: ${verdict}\n\n${checks.length} scenario${checks.length === 1 ? '' : 's'}, ${t.total} gates: ${t.pass} passed, ${t.fail} failed, ${t.warn} warnings.\n\n| | scenario | gate | result | where |\n|---|---|---|---|---|\n`;
  const rows = checks.flatMap(rowsOf).sort((a, b) => rank(a) - rank(b));
  const notes = checks.flatMap((c) => c.notes.map((n) => `- ${c.scenario}: ${cell(n)}`));
  const tail = `${notes.length ? `\n<details><summary>notes</summary>\n\n${notes.join('\n')}\n\n</details>\n` : ''}\n<sub>Baseline rule: a figure regresses only when its change exceeds both its tolerance and the replications' noise band (docs/check.md).</sub>\n`;
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  let body = head;
  let used = bytes(head) + bytes(tail) + 200;
  let kept = 0;
  for (const r of rows) {
    const b = bytes(r) + 1;
    if (used + b > limit) break;
    body += `${r}\n`;
    used += b;
    kept++;
  }
  if (kept < rows.length) body += `\n> **Truncated:** ${rows.length - kept} more rows left out to stay under the ${Math.round(limit / 1024)} KiB limit; see the JUnit report or the job log.\n`;
  return body + tail;
}

/** Failures first, then warnings, then passes. */
function rank(row: string): number {
  return row.startsWith(`| ${ICON.fail}`) ? 0 : row.startsWith(`| ${ICON.warn}`) ? 1 : 2;
}
