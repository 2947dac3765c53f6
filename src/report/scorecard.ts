import type { RunResult } from '../simulate/simulate.js';
import { formatFigure, formatUsd, formatEnergy } from './format.js';

/** One line of the seed scorecard. `status` is `pass` or `warn`; `reason` says why in words. */
export interface ScoreLine {
  key: string;
  label: string;
  value: string;
  status: 'pass' | 'warn';
  reason: string;
}

/** Target band for fleet GPU utilization under steady load (DESIGN §3, the seed scorecard). */
export const UTILIZATION_BAND = { low: 0.6, high: 0.85 } as const;

const LATENCIES = [['ttft', 'TTFT'], ['tpot', 'TPOT'], ['e2e', 'E2E']] as const;

/**
 * The seed scorecard of one result: GPU utilization in 60–85 %, each class's latency percentile
 * within its SLO, cost per 1,000 requests, tokens per successful outcome, energy (power × time) per
 * 1,000 requests. The last three have no absolute target: they pass when defined, and in a
 * comparison they warn when significantly worse than the baseline (see `compare`).
 */
export function scorecard(r: RunResult): ScoreLine[] {
  const s = r.summary;
  const m = (k: string) => s[k]?.mean ?? null;
  const lines: ScoreLine[] = [];
  const u = m('fleet.utilization');
  const waste = m('cost.warmPoolWaste');
  const total = m('cost.total');
  // Where the money went (the cost ledger, docs/economics.md): idle warm replicas and autoscaling lag.
  const costShares = (): string => {
    if (waste === null || total === null || !(total > 0)) return '';
    const pct = (v: number | null) => `${Math.round(((v ?? 0) / total) * 100)} %`;
    return `; warm-pool waste ${pct(waste)}, autoscaling lag ${pct(m('cost.autoscalingLag'))} of cost`;
  };
  lines.push({
    key: 'fleet.utilization', label: 'GPU utilization (target 60–85 %)', value: formatFigure('fleet.utilization', u),
    status: u !== null && u >= UTILIZATION_BAND.low && u <= UTILIZATION_BAND.high ? 'pass' : 'warn',
    reason: u === null ? 'undefined' : u < UTILIZATION_BAND.low ? `below 60 %: paying for idle capacity${waste === null || Math.abs(waste) < 0.005 ? '' : ` (warm-pool waste ${formatUsd(waste)})`}` : u > UTILIZATION_BAND.high ? 'above 85 %: no headroom for bursts' : 'in band',
  });
  for (const c of r.classes) {
    if (!c.slo) continue;
    const pct = c.slo.percentile;
    const q = [50, 90, 95, 99].includes(pct) ? `p${pct}` : 'p95';
    for (const [metric, name] of LATENCIES) {
      const target = c.slo[metric];
      if (target === undefined) continue;
      const k = `class.${c.name}.${metric}.${q}`;
      const v = m(k);
      const ok = v !== null && v <= target;
      lines.push({
        key: k, label: `${c.name} ${q} ${name} ≤ ${formatFigure(k, target)}`, value: formatFigure(k, v),
        status: ok ? 'pass' : 'warn', reason: v === null ? 'no completed requests' : ok ? 'within SLO' : 'over SLO',
      });
    }
  }
  const cost = m('cost.per1kRequests');
  lines.push({
    key: 'cost.per1kRequests', label: 'cost per 1,000 requests', value: cost === null ? '—' : formatUsd(cost),
    status: cost !== null && (cost > 0 || (m('cost.total') ?? 0) > 0) ? 'pass' : 'warn',
    reason: cost === null ? 'no completed requests' : cost === 0 ? 'zero: a pool has no price' : `defined${costShares()}`,
  });
  const tps = m('tokens.perSuccessfulOutcome');
  lines.push({
    key: 'tokens.perSuccessfulOutcome', label: 'tokens per successful outcome', value: tps === null ? '—' : Math.round(tps).toLocaleString('en-US'),
    status: tps !== null ? 'pass' : 'warn', reason: tps === null ? 'no request met its SLO' : 'defined',
  });
  const e = m('energy.per1kRequestsJ');
  lines.push({
    key: 'energy.per1kRequestsJ', label: 'power per 1,000 requests (facility energy)', value: e === null ? '—' : formatEnergy(e),
    status: e !== null ? 'pass' : 'warn', reason: e === null ? 'no completed requests' : 'defined',
  });
  return lines;
}
