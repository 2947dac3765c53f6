import type { StopReason } from '../engine/simulation.js';
import { LogHistogram as LogHistogramCtor, type LogHistogram, type LogHistogramJSON } from '../metrics/histogram.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Replica } from '../serving/replica.js';
import type { ClassStats } from './classStats.js';
import type { LlmPoolState } from './runReplication.js';
import type { ServicePoolState } from './servicePool.js';
import type { FleetTotals } from './fleetAccounting.js';
import { ReplicaTotals } from './replicaTotals.js';
import type { Ledger } from '../economics/ledger.js';
import { ledgerFigures } from '../economics/ledgerFigures.js';
import { replicationLedger, type WarmSnapshot } from '../economics/replicationLedger.js';
import type { PowerBudgetState } from './powerController.js';

/** One time-series window of one replication. Times in seconds, power in W, money in USD. */
export interface WindowRow {
  start: number;
  end: number;
  arrivals: number;
  completions: number;
  utilization: number;
  busyFraction: number;
  queueMean: number;
  /** Mean replicas serving (incl. draining) and provisioned (incl. cold starts) over the window. */
  replicasServing: number;
  replicasProvisioned: number;
  /** Mean replicas provisioned per LLM pool (by pool name). */
  poolReplicas: Record<string, number>;
  powerW: number;
  facilityPowerW: number;
  temperatureMaxC: number;
  costUsd: number;
  carbonKg: number;
  e2eP50: number;
  e2eP95: number;
  ttftP50: number;
  ttftP95: number;
}

export interface ClassDetail {
  name: string;
  arrived: number;
  completed: number;
  dropped: Record<string, number>;
  /** Conservation over the whole run (warm-up included). */
  all: { arrived: number; completed: number; dropped: number };
  histograms: { ttft: LogHistogramJSON; tpot: LogHistogramJSON; e2e: LogHistogramJSON; queueWait: LogHistogramJSON };
}

export interface PoolDetail {
  name: string;
  kind: 'llm' | 'service';
  region: string;
  gpu?: string;
  model?: string;
  tp?: number;
  replicas: number;
  kvCapacityTokens?: number;
}

/** What one replication produces: flat figures (the contract for reports, gates and sweeps) and detail. */
export interface ReplicationOutput {
  seed: number;
  stop: StopReason;
  /** Simulated time at the end of the run (s). */
  end: number;
  events: number;
  figures: Record<string, number>;
  classes: ClassDetail[];
  pools: PoolDetail[];
  windows: WindowRow[];
  inFlightAll: number;
  /** The cost ledger of the measurement window (docs/economics.md). */
  ledger: Ledger;
}

const PCTS = [50, 90, 95, 99] as const;

function putHist(f: Record<string, number>, prefix: string, h: LogHistogram): void {
  f[`${prefix}.mean`] = h.count > 0 ? h.mean : NaN;
  for (const p of PCTS) f[`${prefix}.p${p}`] = h.count > 0 ? h.percentile(p) : NaN;
  f[`${prefix}.max`] = h.count > 0 ? h.max : NaN;
}

export function collectOutput(a: {
  scenario: ResolvedScenario;
  seed: number;
  stop: StopReason;
  end: number;
  events: number;
  classes: ClassStats[];
  llmPools: LlmPoolState[];
  servicePools: (ServicePoolState | undefined)[];
  replicas: Replica[];
  warm: FleetTotals;
  final: FleetTotals;
  peakPowerW: number;
  peakFacilityW: number;
  windowRows: WindowRow[];
  inFlightAll: number;
  /** LLM pools' ledger counters at the warm-up (undefined without one). */
  warmLedger?: WarmSnapshot;
  powerBudgets: readonly PowerBudgetState[];
  /** Placements per pool index after the warm-up (the fleet router's count). */
  routedPerPool?: Float64Array;
}): ReplicationOutput {
  const s = a.scenario;
  const f: Record<string, number> = {};
  const measured = a.end - s.warmup;
  const d = (k: keyof FleetTotals) => a.final[k] - a.warm[k];
  let arrived = 0;
  let completed = 0;
  let dropped = 0;
  let withinSlo = 0;
  let successful = 0; // within SLO and judged successful by the answering model's quality
  let tokensIn = 0;
  let tokensOut = 0;
  let preemptions = 0;
  const classes: ClassDetail[] = [];
  for (const st of a.classes) {
    const n = st.cls.name;
    const k = `class.${n}`;
    f[`${k}.arrived`] = st.arrived;
    f[`${k}.completed`] = st.completed;
    f[`${k}.dropped`] = st.droppedCount;
    f[`${k}.throughput`] = measured > 0 ? st.completed / measured : NaN;
    f[`${k}.sloAttainment`] = st.completed > 0 ? st.withinSlo / st.completed : NaN;
    f[`${k}.tokensIn`] = st.tokensIn;
    f[`${k}.tokensOut`] = st.tokensOut;
    f[`${k}.preemptions`] = st.preemptions;
    if (s.populations !== undefined || st.cls.routing !== undefined) {
      f[`${k}.routing.placements`] = st.routed;
      f[`${k}.routing.crossRegionShare`] = st.routed > 0 ? st.routedCrossRegion / st.routed : NaN;
    }
    if (st.cls.stages !== undefined || st.cls.quality !== undefined) {
      f[`${k}.qualitySuccess`] = st.completed > 0 ? st.qualitySuccess / st.completed : NaN;
      f[`${k}.successfulOutcomes`] = st.successful;
      f[`${k}.escalated`] = st.escalated;
      f[`${k}.escalatedShare`] = st.completed > 0 ? st.escalated / st.completed : NaN;
    }
    putHist(f, `${k}.ttft`, st.ttft);
    putHist(f, `${k}.tpot`, st.tpot);
    putHist(f, `${k}.e2e`, st.e2e);
    putHist(f, `${k}.queueWait`, st.queueWait);
    f[`${k}.pWait`] = st.queueWait.count > 0 ? 1 - st.queueWait.zeroCount / st.queueWait.count : NaN;
    f[`${k}.exactCacheHits`] = st.exactHits;
    putHist(f, `${k}.promptTokens`, st.promptTokens);
    putHist(f, `${k}.outputTokens`, st.outputTokens);
    f[`${k}.arrivalRate`] = measured > 0 ? st.arrived / measured : NaN;
    f[`${k}.prefixHitRate`] = st.promptTokensRouted > 0 ? st.prefixCachedTokens / st.promptTokensRouted : 0;
    f[`${k}.prefixCachedTokens`] = st.prefixCachedTokens;
    if (st.cls.session || st.cls.agent || st.cls.arrival.process === 'closed') {
      f[`${k}.sessions.started`] = st.sessionsStarted;
      f[`${k}.sessions.completed`] = st.sessionsCompleted;
      f[`${k}.prunedTokens`] = st.prunedTokens;
      putHist(f, `${k}.session.duration`, st.sessionDuration);
      f[`${k}.session.turnsMean`] = st.turnsPerSession.count > 0 ? st.turnsPerSession.mean : NaN;
      if (st.cls.agent) f[`${k}.sessions.withinBound`] = st.sessionsCompleted > 0 ? st.sessionsWithinBound / st.sessionsCompleted : NaN;
    }
    if (st.cls.arrival.process === 'schedule') {
      f[`${k}.jobs.submitted`] = st.jobsSubmitted;
      f[`${k}.jobs.completed`] = st.jobsCompleted;
      f[`${k}.jobs.deadlineAttainment`] = st.jobsSubmitted > 0 ? st.jobsWithinDeadline / st.jobsSubmitted : NaN;
      putHist(f, `${k}.job.duration`, st.jobDuration);
      putHist(f, `${k}.job.holdTime`, st.jobHoldTime);
      f[`${k}.jobs.heldNeverMet`] = st.jobsHeldNeverMet;
    }
    arrived += st.arrived;
    completed += st.completed;
    dropped += st.droppedCount;
    withinSlo += st.withinSlo;
    successful += st.successful;
    tokensIn += st.tokensIn;
    tokensOut += st.tokensOut;
    preemptions += st.preemptions;
    classes.push({
      name: n, arrived: st.arrived, completed: st.completed, dropped: { ...st.dropped },
      all: { arrived: st.arrivedAll, completed: st.completedAll, dropped: st.droppedAll },
      histograms: { ttft: st.ttft.toJSON(), tpot: st.tpot.toJSON(), e2e: st.e2e.toJSON(), queueWait: st.queueWait.toJSON() },
    });
  }
  // Cohorts: every class figure that adds up, and merged latency distributions.
  const cohorts = new Map<string, ClassStats[]>();
  for (const st of a.classes) if (st.cls.cohort !== undefined) cohorts.set(st.cls.cohort, [...(cohorts.get(st.cls.cohort) ?? []), st]);
  for (const [name, list] of cohorts) {
    const k = `cohort.${name}`;
    const sum = (g: (x: ClassStats) => number) => list.reduce((acc, x) => acc + g(x), 0);
    const done = sum((x) => x.completed);
    f[`${k}.arrived`] = sum((x) => x.arrived);
    f[`${k}.completed`] = done;
    f[`${k}.dropped`] = sum((x) => x.droppedCount);
    f[`${k}.sloAttainment`] = done > 0 ? sum((x) => x.withinSlo) / done : NaN;
    f[`${k}.tokensIn`] = sum((x) => x.tokensIn);
    f[`${k}.tokensOut`] = sum((x) => x.tokensOut);
    for (const m of ['ttft', 'tpot', 'e2e'] as const) {
      const h = new LogHistogramCtor();
      for (const x of list) h.merge(x[m]);
      putHist(f, `${k}.${m}`, h);
    }
  }
  f['requests.arrived'] = arrived;
  f['requests.completed'] = completed;
  f['requests.dropped'] = dropped;
  f['requests.throughput'] = measured > 0 ? completed / measured : NaN;
  f['requests.sloAttainment'] = completed > 0 ? withinSlo / completed : NaN;
  f['requests.preemptions'] = preemptions;
  f['tokens.in'] = tokensIn;
  f['tokens.out'] = tokensOut;

  // Every money figure comes from the ledger; its replica rows equal d('costUsd') (test/economics).
  const ledger = replicationLedger({ scenario: s, measuredS: measured, completed: a.classes.map((x) => x.completed), llmPools: a.llmPools, warm: a.warmLedger });
  const cost = ledger.totalUsd;
  Object.assign(f, ledgerFigures(ledger, a.classes.map((x) => x.cls.name), [...cohorts.keys()]));
  const gpuEnergy = d('energyGpuJ');
  const itEnergy = gpuEnergy + d('hostJ');
  const facility = d('facilityJ');
  f['fleet.gpuHours'] = d('provisionedGpuS') / 3600;
  f['fleet.utilization'] = d('provisionedGpuS') > 0 ? d('loadGpuS') / d('provisionedGpuS') : NaN;
  f['fleet.busyFraction'] = d('provisionedGpuS') > 0 ? d('busyGpuS') / d('provisionedGpuS') : NaN;
  f['fleet.queueMean'] = measured > 0 ? d('queueS') / measured : NaN;
  f['cost.total'] = cost;
  f['cost.per1kRequests'] = completed > 0 ? (cost / completed) * 1000 : NaN;
  f['cost.perSuccessfulOutcome'] = successful > 0 ? cost / successful : NaN;
  f['cost.per1MTokens'] = tokensIn + tokensOut > 0 ? (cost / (tokensIn + tokensOut)) * 1e6 : NaN;
  f['energy.gpuJ'] = gpuEnergy;
  f['energy.itJ'] = itEnergy;
  f['energy.facilityJ'] = facility;
  f['energy.per1kRequestsJ'] = completed > 0 ? (facility / completed) * 1000 : NaN;
  f['energy.perOutputTokenJ'] = tokensOut > 0 ? facility / tokensOut : NaN;
  f['power.meanW'] = measured > 0 ? itEnergy / measured : NaN;
  f['power.facilityMeanW'] = measured > 0 ? facility / measured : NaN;
  f['power.peakW'] = a.peakPowerW;
  f['power.facilityPeakW'] = a.peakFacilityW;
  f['carbon.kg'] = d('carbonKg');
  f['carbon.per1kRequestsKg'] = completed > 0 ? (d('carbonKg') / completed) * 1000 : NaN;
  f['carbon.perOutputTokenKg'] = tokensOut > 0 ? d('carbonKg') / tokensOut : NaN;
  f['energy.perSuccessfulOutcomeJ'] = successful > 0 ? facility / successful : NaN;
  f['carbon.perSuccessfulOutcomeKg'] = successful > 0 ? d('carbonKg') / successful : NaN;
  f['tokens.perSuccessfulOutcome'] = successful > 0 ? (tokensIn + tokensOut) / successful : NaN;

  // Replicas were integrated to the end by the final flush: adding them does not move them.
  const totals = new ReplicaTotals();
  for (const b of a.powerBudgets) {
    const k = `power.budget.${b.region.name}`;
    const pb = b.region.powerBudget!;
    f[`${k}.limitW`] = pb.limitW;
    f[`${k}.peakW`] = b.peakW;
    f[`${k}.headroomW`] = pb.limitW - b.peakW;
    f[`${k}.cappedFraction`] = a.end > 0 ? b.cappedSeconds / a.end : 0;
    f[`${k}.refusedScaleUps`] = b.pools.reduce((x, p) => x + p.refusedScaleUps, 0);
    // Share of the region's busy GPU time lost to lower clocks: the throughput the budget cost.
    totals.clear();
    for (const p of b.pools) totals.add(p.replicas, a.end);
    f[`${k}.throughputLost`] = totals.busyTime > 0 ? totals.capSlowIntegral / totals.busyTime : 0;
  }
  const pools: PoolDetail[] = [];
  for (const p of s.pools) {
    const k = `pool.${p.name}`;
    if (p.kind === 'llm') {
      const st = a.llmPools[p.index];
      const t = totals.clear().add(st.replicas, a.end);
      const busy = t.busyTime;
      st.advance(a.end);
      const ss = st.stateSeconds;
      const provisioned = ss[1] + ss[2] + ss[3] + ss[4];
      const n = a.end > 0 ? provisioned / a.end : 0; // mean replicas provisioned
      // Pool gauges are averaged over the whole run (warm-up included) — they describe the run's state.
      f[`${k}.replicas`] = n;
      if (a.routedPerPool) f[`${k}.routed`] = a.routedPerPool[p.index];
      if (st.crossRegionBytes > 0) f[`${k}.crossRegionBytes`] = st.crossRegionBytes; // whole run, warm-up included
      f[`${k}.replicasPeak`] = st.peakProvisioned;
      f[`${k}.gpus`] = n * p.gpusPerReplica;
      f[`${k}.utilization`] = provisioned > 0 ? t.kvIntegral / (provisioned * p.perf.kvCapacityTokens) : NaN;
      f[`${k}.busyFraction`] = provisioned > 0 ? busy / provisioned : NaN;
      f[`${k}.kvUtilization`] = f[`${k}.utilization`];
      f[`${k}.meanBatch`] = busy > 0 ? t.batchIntegral / busy : 0;
      f[`${k}.meanQueue`] = a.end > 0 ? (t.queueIntegral + st.coldIntegral) / a.end : 0;
      f[`${k}.throttledFraction`] = provisioned > 0 ? t.throttledTime / provisioned : 0;
      f[`${k}.peakTemperatureC`] = t.peakTemperature === -Infinity ? NaN : t.peakTemperature;
      f[`${k}.preemptions`] = t.preemptions;
      f[`${k}.energyGpuJ`] = t.energyJ;
      f[`${k}.cost`] = st.costUsd - st.warmCostUsd;
      f[`${k}.replicaSeconds.provisioning`] = ss[1];
      f[`${k}.replicaSeconds.loading`] = ss[2];
      f[`${k}.replicaSeconds.serving`] = ss[3];
      f[`${k}.replicaSeconds.draining`] = ss[4];
      f[`${k}.replicaSeconds.idle`] = Math.max(0, ss[3] + ss[4] - busy);
      if (p.autoscale) {
        f[`${k}.scaleUps`] = st.scaleUps;
        f[`${k}.scaleDowns`] = st.scaleDowns;
        f[`${k}.refusedScaleUps`] = st.refusedScaleUps;
      }
      if (p.spot) {
        const g = p.gpusPerReplica;
        f[`${k}.spot.reclaims`] = st.spotReclaims;
        f[`${k}.spot.retries`] = st.retries;
        f[`${k}.spot.lostTokens`] = st.lostTokens;
        f[`${k}.spot.replicaSeconds`] = st.spotProvisionedSeconds;
        f[`${k}.spot.savings`] = st.spotProvisionedSeconds * g * (p.usdPerGpuSecond - p.spot.usdPerGpuSecond);
        // Work redone after reclaims, priced at the pool's average cost per token processed.
        const tokens = st.tokensProcessed;
        f[`${k}.spot.retryCost`] = tokens > 0 ? (st.lostTokens / tokens) * st.costUsd : 0;
      }
      pools.push({
        name: p.name, kind: 'llm', region: p.region.name, gpu: p.perf.gpu.id, model: p.perf.model.id, tp: p.gpusPerReplica,
        replicas: p.replicas, kvCapacityTokens: p.perf.kvCapacityTokens,
      });
    } else {
      const st = a.servicePools[p.index]!;
      f[`${k}.replicas`] = p.replicas;
      f[`${k}.utilization`] = p.replicas > 0 && a.end > 0 ? st.busyIntegral / (p.replicas * a.end) : NaN;
      f[`${k}.busyFraction`] = f[`${k}.utilization`];
      f[`${k}.meanQueue`] = a.end > 0 ? st.queueIntegral / a.end : 0;
      f[`${k}.cost`] = p.replicas * measured * p.usdPerReplicaSecond;
      pools.push({ name: p.name, kind: 'service', region: p.region.name, replicas: p.replicas });
    }
  }
  return {
    seed: a.seed, stop: a.stop, end: a.end, events: a.events, figures: f, classes, pools, windows: a.windowRows, inFlightAll: a.inFlightAll, ledger,
  };
}
