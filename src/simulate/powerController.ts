import type { Scheduler } from '../engine/simulation.js';
import type { ResolvedRegion } from '../scenario/resolve.js';
import type { LlmPoolRuntime } from './llmPoolRuntime.js';
import { EV_POWER } from './events.js';
import { ReplicaTotals } from './replicaTotals.js';

/** One region's budget and what the controller measured. */
export interface PowerBudgetState {
  readonly region: ResolvedRegion;
  readonly pools: LlmPoolRuntime[];
  /** Per-GPU cap now in force (W); Infinity = uncapped. */
  capW: number;
  lastEnergyJ: number;
  lastT: number;
  /** Seconds during which a cap below TDP was in force. */
  cappedSeconds: number;
  /** Peak interval-average power (W, in the budget's scope). */
  peakW: number;
  capChanges: number;
}

/**
 * Site/region power budgets. With `action: cap` a controller runs every `interval`: when the measured
 * power of the region's replicas (IT, or facility = IT × PUE) exceeded the limit over the last
 * interval it lowers every GPU's power cap in proportion (the performance model turns the cap into
 * lower clocks: prefill slows more than decode); when there is room again it raises the cap back
 * toward TDP. With `action: refuse` the autoscaler may not provision a replica whose worst-case power
 * (every GPU at TDP, host at its maximum) would push the region's worst case past the limit — the
 * budget then holds by construction. Region GPU capacity limits are enforced the same way.
 */
export class PowerController {
  readonly budgets: PowerBudgetState[] = [];
  private readonly totals = new ReplicaTotals();

  constructor(
    pools: readonly (LlmPoolRuntime | undefined)[],
    private readonly sim: Scheduler,
    private readonly keepGoing: (next: number) => boolean,
  ) {
    const byRegion = new Map<string, PowerBudgetState>();
    for (const p of pools) {
      if (!p) continue;
      const region = p.pool.region;
      let b = byRegion.get(region.name);
      if (!b) {
        b = { region, pools: [], capW: Infinity, lastEnergyJ: 0, lastT: 0, cappedSeconds: 0, peakW: 0, capChanges: 0 };
        byRegion.set(region.name, b);
      }
      b.pools.push(p);
    }
    for (const b of byRegion.values()) if (b.region.powerBudget) this.budgets.push(b);
  }

  start(): void {
    this.budgets.forEach((b, i) => {
      this.sim.schedule(b.region.powerBudget!.interval, EV_POWER, i);
    });
  }

  /** Energy (J) of a region's replicas so far, in the budget's scope. */
  private energy(b: PowerBudgetState, now: number): number {
    const t = this.totals.clear();
    for (const p of b.pools) {
      p.advance(now);
      // energyJ is the region's running sum, pool by pool (replicas, then that pool's host); only
      // busyTime restarts, since a pool's host power follows its own busy time.
      t.busyTime = 0;
      t.add(p.replicas, now);
      const provisioned = p.stateSeconds[1] + p.stateSeconds[2] + p.stateSeconds[3] + p.stateSeconds[4];
      t.energyJ += p.hostIdleW * provisioned + (p.hostMaxW - p.hostIdleW) * t.busyTime;
    }
    return b.region.powerBudget!.scope === 'facility' ? t.energyJ * b.region.pue : t.energyJ;
  }

  /** EV_POWER for budget i. */
  onTick(i: number, now: number): void {
    const b = this.budgets[i];
    const pb = b.region.powerBudget!;
    const e = this.energy(b, now);
    const dt = now - b.lastT;
    if (b.capW !== Infinity) b.cappedSeconds += dt;
    const w = dt > 0 ? (e - b.lastEnergyJ) / dt : 0;
    if (w > b.peakW) b.peakW = w;
    b.lastEnergyJ = e;
    b.lastT = now;
    if (pb.action !== 'cap') {
      if (this.keepGoing(now + pb.interval)) this.sim.schedule(now + pb.interval, EV_POWER, i);
      return;
    }
    const tdp = b.pools[0].pool.perf.gpu.tdpW;
    let cap = b.capW === Infinity ? tdp : b.capW;
    if (w > pb.limitW) cap *= pb.limitW / w;
    else if (b.capW !== Infinity && w < 0.95 * pb.limitW) cap = Math.min(tdp, cap * Math.min(1.1, (0.97 * pb.limitW) / Math.max(w, 1)));
    const next = cap >= tdp ? Infinity : Math.max(cap, 0.3 * tdp);
    if (next !== b.capW) {
      b.capW = next;
      b.capChanges++;
      for (const p of b.pools) for (const r of p.replicas) r.setPowerCap(Math.min(next, p.pool.powerCapW), now);
    }
    if (this.keepGoing(now + pb.interval)) this.sim.schedule(now + pb.interval, EV_POWER, i);
  }

  /** Replicas `pool` may still add under its region's GPU capacity and (refuse) power budget. */
  headroomReplicas(pool: LlmPoolRuntime, all: readonly (LlmPoolRuntime | undefined)[]): number {
    const region = pool.pool.region;
    const gpu = pool.pool.perf.gpu;
    let room = Infinity;
    const cap = region.capacityGpus?.[gpu.id];
    if (cap !== undefined) {
      let used = 0;
      for (const p of all) if (p && p.pool.region.name === region.name && p.pool.perf.gpu.id === gpu.id) used += p.provisioned * p.pool.gpusPerReplica;
      room = Math.min(room, Math.floor((cap - used) / pool.pool.gpusPerReplica));
    }
    const pb = region.powerBudget;
    if (pb && pb.action === 'refuse') {
      const scope = pb.scope === 'facility' ? region.pue : 1;
      let worst = 0;
      for (const p of all) if (p && p.pool.region.name === region.name) worst += p.provisioned * worstCaseW(p) * scope;
      const per = worstCaseW(pool) * scope;
      const r = Math.floor((pb.limitW - worst) / per);
      if (r < room) room = r;
    }
    return Math.max(0, room);
  }
}

/** A replica's worst-case power: every GPU at TDP and the host at its maximum. */
export function worstCaseW(p: LlmPoolRuntime): number {
  return p.pool.gpusPerReplica * p.pool.perf.gpu.tdpW + p.hostMaxW;
}
