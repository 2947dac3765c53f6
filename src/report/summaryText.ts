import type { RunResult, FigureEnvelope } from '../simulate/simulate.js';
import { formatFigure } from './format.js';
import { formatDuration } from '../scenario/units.js';
import { scorecard } from './scorecard.js';
import { fitTable, paint, type TermStyle } from './terminal.js';

/**
 * The readable summary printed by `fleetsim run`. With a style: tables fit its width (least
 * important columns dropped first) and the scorecard is colored when colors are on.
 */
export function summaryText(r: RunResult, style: TermStyle = { color: false }): string {
  const s = r.summary;
  const reps = r.scenario.replications;
  const v = (k: string) => {
    const e: FigureEnvelope | undefined = s[k];
    if (!e || e.mean === null) return '—';
    const main = formatFigure(k, e.mean);
    if (reps > 1 && e.p5 !== null && e.p95 !== null && e.p5 !== e.p95) return `${main} [${formatFigure(k, e.p5)}–${formatFigure(k, e.p95)}]`;
    return main;
  };
  const out: string[] = [];
  const horizon = r.scenario.horizonS === null ? 'until every class is exhausted' : formatDuration(r.scenario.horizonS);
  out.push(`fleetsim — ${r.scenario.name}`);
  out.push(`  seed ${r.scenario.seed}, horizon ${horizon}, warm-up ${formatDuration(r.scenario.warmupS)}, ${reps} replication${reps > 1 ? 's' : ''}, ${r.scenario.fidelity} mode`);
  if (reps > 1) out.push('  figures are means across replications, [p5–p95] across seeds');
  out.push('');
  out.push('Requests by class');
  const rows: string[][] = [['class', 'completed', 'throughput', 'TTFT p50', 'TTFT p95', 'TTFT p99', 'TPOT p50', 'TPOT p95', 'E2E p50', 'E2E p95', 'E2E p99', 'SLO met']];
  for (const c of r.classes) {
    const k = `class.${c.name}`;
    rows.push([
      c.name, formatFigure('n', s[`${k}.completed`]?.mean), v(`${k}.throughput`),
      v(`${k}.ttft.p50`), v(`${k}.ttft.p95`), v(`${k}.ttft.p99`),
      v(`${k}.tpot.p50`), v(`${k}.tpot.p95`),
      v(`${k}.e2e.p50`), v(`${k}.e2e.p95`), v(`${k}.e2e.p99`), v(`${k}.sloAttainment`),
    ]);
  }
  // Dropped first when narrow: p99s, then TPOT p50, E2E p50, TTFT p50.
  out.push(fitTable(rows, style, [10, 5, 3, 6, 8, 7]));
  const dropped = s['requests.dropped']?.mean ?? 0;
  if (dropped && dropped > 0) out.push(`  dropped: ${formatFigure('n', dropped)} (see result.json classes[].dropped for reasons)`);
  // Latencies describe completed requests only: say when a class left a share of its arrivals unserved.
  for (const c of r.classes) {
    const k = `class.${c.name}`;
    const arrived = s[`${k}.arrived`]?.mean ?? 0;
    const waiting = arrived - (s[`${k}.completed`]?.mean ?? 0) - (s[`${k}.dropped`]?.mean ?? 0);
    if (arrived > 0 && waiting > 0.01 * arrived) {
      out.push(`  ${c.name}: ${formatFigure('n', waiting)} of ${formatFigure('n', arrived)} arrived requests (${(100 * waiting / arrived).toFixed(1)} %) still queued or running at the end — a backlog, or latencies long against the horizon; the latencies above leave them out`);
    }
  }
  out.push('');
  out.push('Fleet');
  const fleetRows: string[][] = [
    ['GPU utilization', v('fleet.utilization')],
    ['GPU-hours', v('fleet.gpuHours')],
    ['cost', v('cost.total')],
    ['cost per 1,000 requests', v('cost.per1kRequests')],
    ['cost per successful outcome', v('cost.perSuccessfulOutcome')],
    ['energy (facility)', v('energy.facilityJ')],
    ['energy per 1,000 requests', v('energy.per1kRequestsJ')],
    ['mean power (IT)', v('power.meanW')],
    ['peak 5-min power (IT)', v('power.peakW')],
    ['carbon', v('carbon.kg')],
  ];
  out.push(fitTable(fleetRows, style));
  out.push('');
  out.push('Scorecard');
  out.push(fitTable(scorecard(r).map((l) => [l.label, l.value, l.status === 'pass' ? paint('pass', 'green', style) : paint('warn', 'yellow', style), l.reason]), style, [3], [0, 2, 3]));
  out.push('');
  out.push('Pools');
  const poolRows: string[][] = [['pool', 'hardware', 'replicas', 'utilization', 'mean batch', 'mean queue', 'peak temp', 'throttled', 'preemptions']];
  for (const p of r.pools) {
    const k = `pool.${p.name}`;
    const hw = p.kind === 'llm' ? `${p.model} on ${p.tp}×${p.gpu} (${p.region})` : `service (${p.region})`;
    poolRows.push([p.name, hw, String(p.replicas), v(`${k}.utilization`), v(`${k}.meanBatch`), v(`${k}.meanQueue`), v(`${k}.peakTemperatureC`), v(`${k}.throttledFraction`), v(`${k}.preemptions`)]);
  }
  out.push(fitTable(poolRows, style, [8, 7, 6, 5, 1]));
  if (r.warnings.length > 0) {
    out.push('');
    for (const w of r.warnings) out.push(`warning: ${w}`);
  }
  return `${out.join('\n')}\n`;
}
