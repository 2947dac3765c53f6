import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { planFleet, type PlanResult, type SizedFleet } from '../../sweep/plan/plan.js';
import { writeFileAtomic, toJson } from '../../report/atomicWrite.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim plan <scenario>`: the cheapest fleet that meets every SLO, constraint and `fail` gate of
 * the scenario's `expect:` block (docs/sweep.md). Prints the plan, its cost and power envelope, the
 * margin to each SLO and gate, next-best alternatives, the
 * fleet per forecast month, commitment levels, and the number of simulations used.
 */
export interface PlanCommandOptions {
  scenario: string;
  gpus?: string;
  tp?: string;
  regions?: string;
  pools?: string;
  maxReplicas?: number;
  constraints?: string[];
  forecast?: string;
  alternatives?: number;
  workers?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  /** Plan even when one simulation would take hours. */
  force?: boolean;
}

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));
function nums(s: string | undefined, flag: string, int: boolean): number[] | undefined {
  const l = list(s);
  return l?.map((x) => {
    const n = Number(x);
    if (!Number.isFinite(n) || n <= 0 || (int && !Number.isInteger(n))) throw new UserError(`${flag}: expected ${int ? 'whole ' : ''}numbers > 0, found ${JSON.stringify(x)}`);
    return n;
  });
}

export async function planCommand(o: PlanCommandOptions, io: CliIo): Promise<number> {
  const plan = await planFleet({
    file: o.scenario, gpus: list(o.gpus), tp: nums(o.tp, '--tp', true), regions: list(o.regions),
    pools: list(o.pools)?.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), maxReplicas: o.maxReplicas, constraints: o.constraints,
    forecast: nums(o.forecast, '--forecast', false), alternatives: o.alternatives, workers: o.workers, force: o.force,
    onProgress: o.quiet ? undefined : (m) => io.stderr(`plan: ${m}\n`),
  });
  const json = toJson(plan);
  if (o.out !== undefined) writeFileAtomic(join(o.out, 'plan.json'), json);
  io.stdout(o.json ? json : planText(plan));
  return plan.months.every((m) => m.best !== null) ? 0 : 1;
}

const usd = (x: number | null | undefined) => (x == null ? '—' : `$${x.toFixed(x < 10 ? 4 : 2)}`);
const pct = (m: number) => `${(m * 100).toFixed(1)} %`;
const fmt = (x: number | null | undefined, d = 3) => (x == null ? '—' : Number(x.toPrecision(d)).toString());

function fleetLine(f: SizedFleet): string {
  return f.pools.map((p) => `${p.replicas} × ${p.name} (${p.gpu}${p.gpu === 'service' ? '' : ` tp${p.tp}`}, ${p.region})`).join(' + ');
}

export function planText(p: PlanResult): string {
  const L: string[] = [`Plan for ${p.scenario} (seed ${p.seed}; ${p.candidates} candidate${p.candidates > 1 ? 's' : ''})`, ''];
  for (const m of p.months) {
    const head = p.months.length > 1 ? `Month ${m.month} (traffic ×${m.multiplier}): ` : '';
    if (!m.best) {
      L.push(`${head}no candidate meets every SLO and gate within the replica bounds`);
      for (const x of m.infeasible) L.push(`  ${x.candidate}: ${x.reason}`);
      continue;
    }
    const b = m.best;
    L.push(`${head}${fleetLine(b)} — ${usd(b.usdPerHour)}/h${b.candidate !== 'as in the scenario' ? `  [${b.candidate}]` : ''}`);
    if (m.month === 1 || p.months.length === 1) {
      const f = b.figures;
      L.push(`  cost per 1k requests ${usd(f['cost.per1kRequests']?.mean)} (p5–p95 ${usd(f['cost.per1kRequests']?.p5)}–${usd(f['cost.per1kRequests']?.p95)})`);
      L.push(`  power mean ${fmt(f['power.meanW']?.mean)} W, peak ${fmt(f['power.peakW']?.mean)} W (p5–p95 ${fmt(f['power.peakW']?.p5)}–${fmt(f['power.peakW']?.p95)} W), facility peak ${fmt(f['power.facilityPeakW']?.mean)} W; utilization ${fmt(f['fleet.utilization']?.mean, 2)}`);
      L.push(`  margins (headroom to each SLO and constraint${b.gates.length > 0 ? ', and to each expect: gate' : ''}):`);
      for (const c of b.checks) L.push(`    ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${fmt(c.value, 4)}${c.margin !== null && c.limit !== 0 ? ` (margin ${pct(c.margin)})` : ''}`);
      for (const g of b.gates) L.push(`    ${g.ok ? 'ok  ' : g.severity === 'fail' ? 'FAIL' : 'warn'} gate ${g.name}${g.severity === 'warn' ? ' [warn]' : ''}: ${g.message}${g.margin !== null ? ` (margin ${pct(g.margin)})` : ''}`);
      if (m.alternatives.length > 0) {
        L.push('  next best:');
        for (const a of m.alternatives) L.push(`    ${fleetLine(a)} — ${usd(a.usdPerHour)}/h (+${((a.usdPerHour / b.usdPerHour - 1) * 100).toFixed(1)} %)`);
      }
      if (m.infeasible.length > 0) L.push(`  not feasible: ${m.infeasible.map((x) => `${x.candidate} (${x.reason})`).join('; ')}`);
    }
  }
  if (p.commitment) {
    const c = p.commitment;
    L.push('', `Commitments over ${p.months.length} month${p.months.length > 1 ? 's' : ''} (${c.hoursPerMonth} h each; discounts ${Object.entries(c.terms).map(([t, d]) => `${t} ${(d * 100).toFixed(0)} %`).join(', ')} — assumptions, see docs/sweep.md):`);
    for (const k of c.byKey) {
      L.push(`  ${k.key}: peak ${k.peakGpus} GPUs, mean ${fmt(k.meanGpus)}; on-demand ${usd(k.onDemandUsd)}; ${k.options.map((x) => `${x.term}: commit ${x.level} → ${usd(x.totalUsd)} (saves ${(x.savingsFraction * 100).toFixed(1)} %)`).join('; ')}`);
    }
    L.push(`  total: on-demand ${usd(c.onDemandUsd)}, best mix ${usd(c.bestUsd)}, savings ${usd(c.savingsUsd)}`);
  }
  L.push('', `${p.simulations} simulations (an exhaustive search of the same bounds: ${p.bruteForceSimulations})`);
  return L.join('\n') + '\n';
}
