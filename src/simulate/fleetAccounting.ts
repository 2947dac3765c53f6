import { LogHistogram } from '../metrics/histogram.js';
import { CarbonIntegrator } from '../economics/profiles.js';
import { snapshotPools, type WarmSnapshot } from '../economics/replicationLedger.js';
import type { Replica } from '../serving/replica.js';
import type { LlmPoolRuntime } from './llmPoolRuntime.js';
import { accumulateService, type ServicePoolState } from './servicePool.js';
import { ReplicaTotals } from './replicaTotals.js';
import type { WindowRow } from './output.js';

/**
 * Fleet totals since time 0: energy in J, busy/load/provisioned/serving time in GPU- or
 * replica-seconds, queue in request-seconds, cost in USD, carbon in kg. Measured figures are the
 * difference of two of these (the end minus the warm-up).
 */
export interface FleetTotals {
  energyGpuJ: number;
  busyGpuS: number;
  loadGpuS: number;
  servingGpuS: number;
  servingReplicaS: number;
  provisionedReplicaS: number;
  hostJ: number;
  queueS: number;
  provisionedGpuS: number;
  costUsd: number;
  carbonKg: number;
  facilityJ: number;
}

function zeroTotals(): FleetTotals {
  return { energyGpuJ: 0, busyGpuS: 0, loadGpuS: 0, servingGpuS: 0, servingReplicaS: 0, provisionedReplicaS: 0, hostJ: 0, queueS: 0, provisionedGpuS: 0, costUsd: 0, carbonKg: 0, facilityJ: 0 };
}

/** Where a window's arrivals are counted (the workload driver); the window's close resets it. */
export interface ArrivalCounter {
  windowArrivals: number;
}

/**
 * The fleet's time integrals, the time-series windows and the warm-up snapshot. Integrals are brought
 * up to date only when read (a window's close, the warm-up, the end), never per event; what a
 * completion adds is a counter and, when measured, two histogram records.
 */
export class FleetAccounting {
  readonly windowRows: WindowRow[] = [];
  /** Completions (warm-up included) in the open window; the fleet counts them. */
  completions = 0;
  windowStart = 0;
  /** Highest window-average IT and facility power after the warm-up (W). */
  peakPowerW = 0;
  peakFacilityW = 0;
  /** Totals at the end of the warm-up: zero without one, undefined until it is reached. */
  warm: FleetTotals | undefined;
  /** The cost ledger's counters at the warm-up. */
  warmLedger: WarmSnapshot | undefined;
  private windowIndex = 0;
  private readonly lastCum = zeroTotals();
  private readonly lastPoolProv: number[] = [];
  private readonly windowE2e: LogHistogram[] = [];
  private readonly windowTtft: LogHistogram[] = [];
  /** Carbon per pool: facility energy × the region's hourly intensity, averaged piecewise by hour over each flush interval. */
  private readonly carbon = new CarbonIntegrator();
  private readonly totals = new ReplicaTotals();

  constructor(
    private readonly llmPools: readonly (LlmPoolRuntime | undefined)[],
    private readonly servicePools: readonly (ServicePoolState | undefined)[],
    private readonly replicas: readonly Replica[],
    private readonly warmup: number,
    private readonly arrivals: ArrivalCounter,
  ) {
    if (warmup === 0) this.warm = zeroTotals();
  }

  /** Records a measured completion's latencies (s) in the open window. */
  latency(e2e: number, ttft: number): void {
    let h = this.windowE2e[this.windowIndex];
    if (h === undefined) {
      h = this.windowE2e[this.windowIndex] = new LogHistogram({ gamma: 1.05, minValue: 1e-6, maxValue: 1e7 });
      this.windowTtft[this.windowIndex] = new LogHistogram({ gamma: 1.05, minValue: 1e-6, maxValue: 1e7 });
    }
    h.record(e2e);
    this.windowTtft[this.windowIndex].record(ttft);
  }

  /** Brings every accumulator to `now` and returns the fleet totals since time 0 (a new object). */
  flush(now: number): FleetTotals {
    const t = zeroTotals();
    for (const st of this.llmPools) {
      if (!st) continue;
      const p = st.pool;
      st.advance(now);
      const sum = this.totals.clear().add(st.replicas, now);
      const e = sum.energyJ;
      const busy = sum.busyTime;
      const ss = st.stateSeconds;
      const provisioned = ss[1] + ss[2] + ss[3] + ss[4];
      const host = st.hostIdleW * provisioned + (st.hostMaxW - st.hostIdleW) * busy;
      t.energyGpuJ += e;
      t.hostJ += host;
      t.busyGpuS += busy * p.gpusPerReplica;
      // Load: the share of KV-cache capacity in use (vLLM's gpu_cache_usage_perc), in GPU-seconds.
      t.loadGpuS += (sum.kvIntegral / p.perf.kvCapacityTokens) * p.gpusPerReplica;
      t.queueS += sum.queueIntegral + st.coldIntegral;
      t.provisionedGpuS += provisioned * p.gpusPerReplica;
      t.servingGpuS += (ss[3] + ss[4]) * p.gpusPerReplica;
      t.servingReplicaS += ss[3] + ss[4];
      t.provisionedReplicaS += provisioned;
      t.costUsd += st.costUsd;
      t.facilityJ += (e + host) * p.region.pue;
      t.carbonKg += this.carbon.at(p.index, (e + host) * p.region.pue, now, p.region);
    }
    for (const sp of this.servicePools) {
      if (!sp) continue;
      accumulateService(sp, now);
      const p = sp.pool;
      const e = sp.busyIntegral * p.powerPerReplicaW;
      t.energyGpuJ += e;
      t.busyGpuS += sp.busyIntegral;
      t.loadGpuS += sp.busyIntegral;
      t.queueS += sp.queueIntegral;
      t.provisionedGpuS += p.replicas * now;
      t.servingGpuS += p.replicas * now;
      t.servingReplicaS += p.replicas * now;
      t.provisionedReplicaS += p.replicas * now;
      t.costUsd += p.replicas * now * p.usdPerReplicaSecond;
      t.facilityJ += e * p.region.pue;
      t.carbonKg += this.carbon.at(p.index, e * p.region.pue, now, p.region);
    }
    return t;
  }

  /** The warm-up ends: the measurement window's baselines are taken here. */
  markWarmup(now: number): void {
    this.warm = this.flush(now);
    for (const p of this.llmPools) if (p) p.warmCostUsd = p.costUsd;
    this.warmLedger = snapshotPools(this.llmPools);
  }

  /** Closes the open window at `now`: appends its row (when it has length) and opens the next. */
  closeWindow(now: number): void {
    const t = this.flush(now);
    const lastCum = this.lastCum;
    const dt = now - this.windowStart;
    // Mean replicas provisioned per LLM pool over the window (the autoscaler's profile, for commitment planning).
    const poolReplicas: Record<string, number> = {};
    for (const st of this.llmPools) {
      if (!st) continue;
      const ss = st.stateSeconds;
      const prov = ss[1] + ss[2] + ss[3] + ss[4];
      if (dt > 0) poolReplicas[st.pool.name] = (prov - (this.lastPoolProv[st.pool.index] ?? 0)) / dt;
      this.lastPoolProv[st.pool.index] = prov;
    }
    if (dt > 0) {
      let peakT = -Infinity;
      for (const r of this.replicas) {
        if (r.windowPeakTemperature > peakT) peakT = r.windowPeakTemperature;
        r.windowPeakTemperature = r.temperature;
      }
      const itW = (t.energyGpuJ - lastCum.energyGpuJ + t.hostJ - lastCum.hostJ) / dt;
      const facW = (t.facilityJ - lastCum.facilityJ) / dt;
      if (now > this.warmup) {
        if (itW > this.peakPowerW) this.peakPowerW = itW;
        if (facW > this.peakFacilityW) this.peakFacilityW = facW;
      }
      const e2e = this.windowE2e[this.windowIndex];
      const ttft = this.windowTtft[this.windowIndex];
      this.windowRows.push({
        start: this.windowStart,
        end: now,
        arrivals: this.arrivals.windowArrivals,
        completions: this.completions,
        utilization: t.provisionedGpuS > lastCum.provisionedGpuS ? (t.loadGpuS - lastCum.loadGpuS) / (t.provisionedGpuS - lastCum.provisionedGpuS) : 0,
        busyFraction: t.provisionedGpuS > lastCum.provisionedGpuS ? (t.busyGpuS - lastCum.busyGpuS) / (t.provisionedGpuS - lastCum.provisionedGpuS) : 0,
        queueMean: (t.queueS - lastCum.queueS) / dt,
        replicasServing: (t.servingReplicaS - lastCum.servingReplicaS) / dt,
        replicasProvisioned: (t.provisionedReplicaS - lastCum.provisionedReplicaS) / dt,
        poolReplicas,
        powerW: itW,
        facilityPowerW: facW,
        temperatureMaxC: peakT === -Infinity ? NaN : peakT,
        costUsd: t.costUsd - lastCum.costUsd,
        carbonKg: t.carbonKg - lastCum.carbonKg,
        e2eP50: e2e ? e2e.percentile(50) : NaN,
        e2eP95: e2e ? e2e.percentile(95) : NaN,
        ttftP50: ttft ? ttft.percentile(50) : NaN,
        ttftP95: ttft ? ttft.percentile(95) : NaN,
      });
      this.windowE2e[this.windowIndex] = undefined as unknown as LogHistogram; // free the window's histograms
      this.windowTtft[this.windowIndex] = undefined as unknown as LogHistogram;
    }
    Object.assign(lastCum, t);
    this.arrivals.windowArrivals = 0;
    this.completions = 0;
    this.windowStart = now;
    this.windowIndex++;
  }
}
