import { UserError } from '../../errors.js';
import { parseDocument, readText, validateScenario } from '../../scenario/load.js';
import type { ResolvedScenario } from '../../scenario/resolve.js';
import type { FigureEnvelope, RunResult } from '../../simulate/simulate.js';
import { planBlockSchema } from '../blockSchema.js';
import { parseConstraint, type Check, type GateCheck } from '../checks.js';
import type { EvalOutput } from '../evaluate.js';
import { getPath, parsePath } from '../path.js';
import { createEvaluator, defaultWorkers } from '../pool.js';
import { materialize, type Override } from '../variant.js';
import { multiplyValue } from '../values.js';
import { planCommitment, type CommitmentPlan, type ProfileSegment } from './commitment.js';
import { minFeasibleVector } from './search.js';
import { checkPlanSize } from '../size.js';
import { DEFAULT_RUN_LIMITS } from '../../simulate/estimate.js';
import { resolveScenario } from '../../scenario/resolve.js';

export const PLAN_SCHEMA = 'fleetsim.plan/1';

export interface PlanOptions {
  file: string;
  gpus?: string[];
  tp?: number[];
  regions?: string[];
  pools?: (number | string)[];
  maxReplicas?: number;
  constraints?: string[];
  forecast?: number[];
  alternatives?: number;
  workers?: number;
  onProgress?: (message: string) => void;
  /** Run even when one simulation of the scenario would take hours (the search runs dozens). */
  force?: boolean;
}

/** A fleet the planner sized: one candidate's choices and its smallest feasible replica counts. */
export interface SizedFleet {
  candidate: string;
  choices: Override[];
  pools: {
    index: number; name: string; region: string; gpu: string; tp: number; replicas: number; usdPerReplicaHour: number;
    /** Replicas over the simulated time (share of the run, count); flat for a fixed fleet. */
    profile: { share: number; replicas: number }[];
  }[];
  /** What the fleet costs per hour provisioned (Σ replicas × price), USD. */
  usdPerHour: number;
  figures: Record<string, FigureEnvelope>;
  /** SLOs, drops and constraints, each with its margin. */
  checks: Check[];
  /** The scenario's `expect:` gates on this fleet, each with its margin (`fail` ones all pass). */
  gates: GateCheck[];
}

export interface MonthPlan {
  month: number;
  multiplier: number;
  best: SizedFleet | null;
  alternatives: SizedFleet[];
  infeasible: { candidate: string; reason: string }[];
}

export interface PlanResult {
  schema: typeof PLAN_SCHEMA;
  scenario: string;
  seed: number;
  candidates: number;
  months: MonthPlan[];
  commitment: { terms: Record<string, number>; hoursPerMonth: number; byKey: CommitmentPlan[]; onDemandUsd: number; bestUsd: number; savingsUsd: number } | null;
  /** Distinct simulations run (each with all the scenario's replications). */
  simulations: number;
  /** Simulations an exhaustive search of the same bounds would run. */
  bruteForceSimulations: number;
}

const FIGURES = ['cost.total', 'cost.per1kRequests', 'power.meanW', 'power.peakW', 'power.facilityPeakW', 'energy.per1kRequestsJ', 'carbon.kg', 'fleet.utilization'];

/**
 * Finds the cheapest fleet (lowest provisioned $/h) that meets every SLO, constraint and `fail` gate
 * of the scenario's `expect:` block (evaluated as `fleetsim check` does), for each
 * forecast month. Every simulation uses the scenario's seed (common random numbers), which is what
 * makes feasibility monotone in replicas and the comparison between candidates fair.
 */
export async function planFleet(o: PlanOptions): Promise<PlanResult> {
  const text = readText(o.file);
  const doc = parseDocument(text, o.file);
  const scenario = validateScenario(doc);
  const block = scenario.plan ?? planBlockSchema.parse({});
  const nPools = scenario.fleet.pools.length;
  const poolSel = o.pools ?? block.pools ?? scenario.fleet.pools.map((_, i) => i);
  const planned = poolSel.map((p) => {
    const i = typeof p === 'number' ? p : scenario.fleet.pools.findIndex((q, k) => (q.name ?? `pool${k}`) === p || ('model' in q && `${q.model}@${q.gpu}` === p));
    if (!(i >= 0 && i < nPools)) throw new UserError(`plan: no pool ${JSON.stringify(p)}; the scenario has ${nPools} pool(s)`, { path: 'plan.pools' });
    return i;
  });
  const gpus = o.gpus ?? block.gpu;
  const tps = o.tp ?? block.tp;
  const regions = o.regions ?? block.region;
  const constraints = [...(o.constraints ?? []), ...block.constraints].map(parseConstraint);
  const lo = block.minReplicas;
  const hi = o.maxReplicas ?? block.maxReplicas;
  if (hi < Math.max(1, lo)) throw new UserError(`plan: maxReplicas (${hi}) is below minReplicas (${lo})`);
  const months = o.forecast ?? block.forecast ?? [1];

  // Candidates: the product over planned pools of (gpu × tp × region) choices.
  let candidates: Override[][] = [[]];
  for (const i of planned) {
    const isLlm = 'model' in scenario.fleet.pools[i];
    const per: Override[][] = [[]];
    const axis = (key: string, vals: readonly (string | number)[] | undefined) => {
      if (!vals) return;
      const next = per.splice(0).flatMap((c) => vals.map((v) => [...c, [`fleet.pools[${i}].${key}`, v] as Override]));
      per.push(...next);
    };
    if (isLlm) axis('gpu', gpus);
    if (isLlm) axis('tp', tps);
    axis('region', regions);
    candidates = candidates.flatMap((c) => per.map((p) => [...c, ...p]));
  }
  if (candidates.length > 500) throw new UserError(`plan: ${candidates.length} candidates; at most 500 — narrow the GPU, TP or region lists`);
  const workers = o.workers ?? defaultWorkers();
  if (!o.force) {
    checkPlanSize(resolveScenario(scenario, doc), { candidates: candidates.length, months, replicaRange: (hi - Math.max(1, lo) + 1) * planned.length, workers }, DEFAULT_RUN_LIMITS, o.file);
  }

  const rateOverrides = (m: number): Override[] =>
    m === 1 ? [] : Object.keys(scenario.workload).map((c) => [`workload.${c}.rate`, multiplyValue(getPath(doc.data, parsePath(`workload.${c}.rate`)), m, `workload.${c}.rate`)] as Override);

  const evaluator = createEvaluator(workers);
  const memo = new Map<string, Promise<EvalOutput>>();
  const evaluate = (ov: Override[]): Promise<EvalOutput> => {
    const key = JSON.stringify(ov);
    let p = memo.get(key);
    if (!p) {
      p = evaluator.run({ text, file: o.file, overrides: ov, constraints });
      memo.set(key, p);
    }
    return p;
  };

  const label = (c: Override[]) => (c.length === 0 ? 'as in the scenario' : c.map(([p, v]) => `${p.replace(/^fleet\./, '')}=${v}`).join(' '));
  const start = planned.map((i) => scenario.fleet.pools[i].replicas);
  const hints = new Map<string, number[]>();
  const out: MonthPlan[] = [];
  try {
    for (let mi = 0; mi < months.length; mi++) {
      const m = months[mi];
      const rates = rateOverrides(m);
      const sized = await Promise.all(candidates.map(async (cand) => {
        const lab = label(cand);
        const withReplicas = (v: readonly number[]): Override[] => [...cand, ...rates, ...planned.map((pi, k) => [`fleet.pools[${pi}].replicas`, v[k]] as Override)];
        let resolved: ResolvedScenario;
        try {
          resolved = materialize(doc, withReplicas(start.map((s) => Math.max(1, s))));
        } catch (e) {
          if (e instanceof UserError) return { candidate: lab, reason: e.message.split('\n')[0] };
          throw e;
        }
        const unpriced = resolved.pools.filter((p) => p.kind === 'llm' && p.priceSource === 'none').map((p) => `${p.name} (${p.kind === 'llm' ? p.perf.gpu.id : ''} in ${p.region.name})`);
        if (unpriced.length > 0 && candidates.length > 1) return { candidate: lab, reason: `no price for ${unpriced.join(', ')}` };
        let firstError: string | undefined;
        const outcome = async (v: readonly number[]) => {
          const r = await evaluate(withReplicas(v));
          if (!r.ok) { firstError ??= r.error.split('\n')[0]; return undefined; }
          return r;
        };
        // Phase 1: SLOs, drops and constraints, monotone in replicas. Phase 2: the `fail` gates that
        // break at that fleet join the condition and the search continues upwards from it (a gate that
        // needs more replicas, e.g. a stricter latency, is met there; one that only gets worse with more
        // replicas, e.g. a cost ceiling, never is: the candidate is not feasible). Repeats until every
        // `fail` gate holds. Simulations are shared through the memo.
        const gated = new Set<number>();
        const meets = async (v: readonly number[]) => {
          const r = await outcome(v);
          return r !== undefined && r.checks.every((c) => c.ok) && r.gates.every((g, i) => g.ok || !gated.has(i));
        };
        let v = await minFeasibleVector(meets, planned.map(() => lo), planned.map(() => hi), hints.get(lab) ?? start);
        let gateReason: string | undefined;
        while (v) {
          const r = (await outcome(v))!;
          const broken = r.gates.flatMap((g, i) => (!g.ok && g.severity === 'fail' && !gated.has(i) ? [i] : []));
          if (broken.length === 0) break;
          for (const i of broken) gated.add(i);
          const from = v;
          v = await minFeasibleVector(meets, from, planned.map(() => hi), from);
          if (!v) {
            // Blame what fails at the top of the search too: a gate that more replicas would fix (an SLO
            // gate) is not the reason when another (a cost ceiling) fails there.
            const top = await outcome(planned.map(() => hi));
            const names = (ix: readonly number[], rr: typeof r) => ix.map((i) => `"${rr.gates[i].name}"`).join(', ');
            const msgs = (ix: readonly number[], rr: typeof r) => ix.map((i) => rr.gates[i].message).join('; ');
            const topBroken = top === undefined ? [] : [...gated].filter((i) => !top.gates[i].ok);
            gateReason = top === undefined || topBroken.length === 0
              ? `fails gate ${names(broken, r)} at ${from.join('+')} replicas (the smallest fleet meeting the SLOs${gated.size > broken.length ? ' and the other gates' : ''}: ${msgs(broken, r)}) and no fleet up to ${hi} replicas meets every fail gate`
              : topBroken.every((i) => broken.includes(i)) && topBroken.length === broken.length
                ? `fails gate ${names(broken, r)} at ${from.join('+')} replicas (the smallest fleet meeting the SLOs${gated.size > broken.length ? ' and the other gates' : ''}: ${msgs(broken, r)}) and with more, up to ${hi}`
                : `no fleet from ${from.join('+')} to ${hi} replicas meets every fail gate: at ${from.join('+')} ${names(broken, r)} ${broken.length === 1 ? 'fails' : 'fail'} (${msgs(broken, r)}); at ${hi} ${names(topBroken, top)} still ${topBroken.length === 1 ? 'fails' : 'fail'} (${msgs(topBroken, top)})`;
          }
        }
        o.onProgress?.(`month ${mi + 1}/${months.length} ×${m}: ${lab}: ${v ? v.join('+') + ' replicas' : 'infeasible'} (${memo.size} simulations so far)`);
        if (!v) return { candidate: lab, reason: gateReason ?? firstError ?? `misses an SLO even at ${hi} replicas per pool` };
        hints.set(lab, v);
        const final = (await evaluate(withReplicas(v))) as Extract<EvalOutput, { ok: true }>;
        return sizedFleet(lab, cand, materialize(doc, withReplicas(v)), final);
      }));
      const ok = sized.filter((x): x is SizedFleet => 'pools' in x).sort((a, b) => a.usdPerHour - b.usdPerHour || a.candidate.localeCompare(b.candidate));
      const bad = sized.filter((x): x is { candidate: string; reason: string } => !('pools' in x));
      out.push({ month: mi + 1, multiplier: m, best: ok[0] ?? null, alternatives: ok.slice(1, 1 + (o.alternatives ?? block.alternatives)), infeasible: bad });
    }
  } finally {
    await evaluator.close();
  }
  const terms = { '1-year': block.commitment.oneYear, '3-year': block.commitment.threeYear };
  const perCandidate = (hi - lo + 1) ** planned.length;
  return {
    schema: PLAN_SCHEMA,
    scenario: scenario.name ?? 'scenario',
    seed: scenario.seed,
    candidates: candidates.length,
    months: out,
    commitment: commitmentFor(out, block.commitment.hoursPerMonth, terms),
    simulations: memo.size,
    bruteForceSimulations: perCandidate * candidates.length * months.length,
  };
}

function sizedFleet(candidate: string, choices: Override[], s: ResolvedScenario, r: Extract<EvalOutput, { ok: true }>): SizedFleet {
  const pools = s.pools.map((p) => {
    const perReplicaH = p.kind === 'llm' ? p.usdPerGpuSecond * 3600 * p.gpusPerReplica : p.usdPerReplicaSecond * 3600;
    return {
      index: p.index, name: p.name, region: p.region.name, gpu: p.kind === 'llm' ? p.perf.gpu.id : 'service', tp: p.kind === 'llm' ? p.gpusPerReplica : 1,
      replicas: p.replicas, usdPerReplicaHour: Number(perReplicaH.toFixed(6)), profile: replicaProfile(r.result, p),
    };
  });
  const figures: Record<string, FigureEnvelope> = {};
  for (const f of FIGURES) if (r.result.summary[f]) figures[f] = r.result.summary[f];
  return {
    candidate, choices, pools, usdPerHour: Number(pools.reduce((a, p) => a + p.replicas * p.usdPerReplicaHour, 0).toFixed(6)), figures, checks: r.checks, gates: r.gates,
  };
}

/**
 * Replicas of a pool over time: from the time series when it carries a per-pool replica count
 * (`pool.<name>.replicas` or `replicas.<name>`, as an autoscaler writes it), else the fixed count.
 * Each entry is (share of the run, replicas).
 */
export function replicaProfile(r: Pick<RunResult, 'timeseries'> | undefined, pool: { name: string; replicas: number }): { share: number; replicas: number }[] {
  const pts = r?.timeseries.points ?? [];
  const field = [`pool.${pool.name}.replicas`, `replicas.${pool.name}`].find((f) => pts.some((p) => p.values[f]?.mean != null));
  if (!field || pts.length === 0) return [{ share: 1, replicas: pool.replicas }];
  const total = pts.reduce((a, p) => a + (p.end - p.start), 0);
  return pts.map((p) => ({ share: total > 0 ? (p.end - p.start) / total : 1 / pts.length, replicas: p.values[field]?.mean ?? pool.replicas }));
}

function commitmentFor(months: MonthPlan[], hoursPerMonth: number, terms: Record<string, number>): PlanResult['commitment'] {
  if (months.some((m) => m.best === null)) return null;
  const segs = new Map<string, { region: string; gpu: string; price: number; profile: ProfileSegment[] }>();
  for (const m of months) {
    for (const p of m.best!.pools) {
      const key = `${p.region}/${p.gpu}`;
      const e = segs.get(key) ?? { region: p.region, gpu: p.gpu, price: p.tp > 0 ? p.usdPerReplicaHour / p.tp : 0, profile: [] };
      for (const s of p.profile) e.profile.push({ hours: s.share * hoursPerMonth, gpus: s.replicas * p.tp });
      segs.set(key, e);
    }
  }
  // Months where a key is absent count as 0 GPUs of it.
  const byKey = [...segs.values()].sort((a, b) => (a.region + a.gpu).localeCompare(b.region + b.gpu)).map((e) => {
    const covered = e.profile.reduce((a, s) => a + s.hours, 0);
    const profile = covered < months.length * hoursPerMonth - 1e-9 ? [...e.profile, { hours: months.length * hoursPerMonth - covered, gpus: 0 }] : e.profile;
    return planCommitment({ region: e.region, gpu: e.gpu }, profile, e.price, terms);
  });
  const onDemandUsd = byKey.reduce((a, k) => a + k.onDemandUsd, 0);
  const bestUsd = byKey.reduce((a, k) => a + k.best.totalUsd, 0);
  return { terms, hoursPerMonth, byKey, onDemandUsd: Number(onDemandUsd.toFixed(2)), bestUsd: Number(bestUsd.toFixed(2)), savingsUsd: Number((onDemandUsd - bestUsd).toFixed(2)) };
}

