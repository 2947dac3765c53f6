import { Simulation, type StopReason } from '../engine/simulation.js';
import { streamFor } from '../engine/random.js';
import { RequestTable } from '../serving/requestTable.js';
import { Replica, type ReplicaSink, type SpanSink } from '../serving/replica.js';
import { IntQueue } from '../serving/internal/intQueue.js';
import { serviceSampler } from '../workload/service.js';
import { PrefixCache } from '../serving/prefixCache.js';
import { WorkloadDriver, type PrefixBlocks } from './workloadDriver.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { ClassStats } from './classStats.js';
import { EV_ARRIVAL, EV_BOUNDARY, EV_LIFECYCLE, EV_POWER, EV_SCALE, EV_SERVICE_DONE, EV_SESSION, EV_TICK, PRIORITIES } from './events.js';
import { LlmPoolRuntime } from './llmPoolRuntime.js';
import { FleetRouter, type RouteChoice } from './router.js';
import { Cascade } from './cascade.js';
import { PowerController } from './powerController.js';
import { collectOutput, type ReplicationOutput } from './output.js';
import { FleetAccounting } from './fleetAccounting.js';
import { accumulateService, type ServicePoolState } from './servicePool.js';

export interface RunLimits {
  /** Stop after this many events (a clean stop, reported). */
  readonly maxEvents?: number;
  /** Wall-clock budget in milliseconds (checked every 65,536 events). */
  readonly wallMs?: number;
  /** Called every ~65,536 events with (simulated time, events, requests arrived). */
  readonly progress?: (simTime: number, events: number, arrived: number) => void;
  readonly now?: () => number;
  /** Debug trace of replica iterations and lifecycle states (Chrome trace export); costs nothing when absent. */
  readonly spans?: SpanSink;
  /** Test hook: called at every completion (warm-up included) with (class index, arrival, completion time). */
  readonly onComplete?: (classIndex: number, arrival: number, completion: number) => void;
  /** Test hook: called at every arrival (warm-up included) with (class index, session serial or −1, time, prompt tokens). */
  readonly onArrival?: (classIndex: number, sessionId: number, time: number, prompt: number) => void;
}

/** Bytes per token of request and response payloads (text, UTF-8). */
const BYTES_PER_TOKEN = 4;

/** Per-pool live state of an LLM pool. */
export type LlmPoolState = LlmPoolRuntime;

/**
 * Runs one replication of a resolved scenario with the given seed. Pure: no I/O, no clock (unless
 * limits pass one), same inputs ⇒ same output.
 */
export function runReplication(s: ResolvedScenario, seed: number, limits: RunLimits = {}): ReplicationOutput {
  const sim = new Simulation(PRIORITIES);
  const req = new RequestTable(1024);
  const classes = s.classes.map((c) => new ClassStats(c));
  const horizon = s.horizon;
  const warmup = s.warmup;
  const iterationMode = s.fidelity === 'iteration';
  const onComplete = limits.onComplete;

  const priority = Int32Array.from(s.classes.map((c) => c.priority));

  // ---- fleet ---------------------------------------------------------------------------------
  const replicas: Replica[] = [];
  const replicaPool: number[] = [];
  const replicaSlot: number[] = [];
  const caches: PrefixCache[] = [];
  const llmPools: LlmPoolState[] = [];
  const servicePools: (ServicePoolState | undefined)[] = [];
  const sink: ReplicaSink = {
    completed: (id, now) => {
      const ri = req.replica[id];
      complete(id, now);
      llmPools[replicaPool[ri]].afterCompletion(replicaSlot[ri], now);
    },
    preempted: (id) => {
      classes[req.cls[id]].preemptions++;
    },
  };
  const priorityOf = (id: number) => priority[req.cls[id]];
  /**
   * Periodic control (autoscaler, power controller, spot reclaims) runs to the horizon; without one it
   * runs while traffic is still to come or in flight. While draining past the horizon the fleet stays
   * as it is.
   */
  function keepGoing(next: number): boolean {
    if (horizon !== Infinity) return next <= horizon;
    return req.inUse > 0 || driver.hasMore;
  }
  const poolPort = {
    // Retried (spot reclaim) and held (cold pool) requests keep their prefix: the new replica's cache may hold it.
    reroute: (ids: number[], now: number) => {
      for (const id of ids) routeLlm(id, now, driver.prefixBlocksOf(id));
    },
    headroomReplicas: (p: LlmPoolRuntime) => power.headroomReplicas(p, llmPools),
    keepGoing,
  };
  for (const p of s.pools) {
    if (p.kind === 'llm') {
      const slots: Replica[] = [];
      for (let i = 0; i < p.maxReplicas; i++) {
        const r = new Replica(
          p.perf,
          {
            index: replicas.length, boundaryKind: EV_BOUNDARY, maxBatch: p.maxBatch, maxBatchTokens: p.maxBatchTokens,
            iterationMode, powerCapW: p.powerCapW, inletC: p.region.inletC, thermal: p.perf.gpu.thermal,
          },
          req, sim, sink,
        );
        r.priorityOf = priorityOf;
        r.spans = limits.spans;
        caches.push(new PrefixCache(Math.floor((p.prefixCacheShare * p.perf.kvCapacityTokens) / 256)));
        replicas.push(r);
        replicaPool.push(p.index);
        replicaSlot.push(i);
        slots.push(r);
      }
      llmPools[p.index] = new LlmPoolRuntime(p, slots, sim, poolPort, seed, s.classes.length);
    } else {
      servicePools[p.index] = {
        pool: p, queue: new IntQueue(), busy: 0, busyIntegral: 0, queueIntegral: 0, accT: 0,
        sample: serviceSampler(p.service, streamFor(seed, `service/${p.name}`)),
      };
    }
  }
  const power = new PowerController(llmPools, sim, keepGoing);
  // Candidate LLM pools per class, and the service pool per class, if any.
  const router = new FleetRouter(s, llmPools, classes, seed);
  const cascade = new Cascade(s, seed);
  const serviceOf: number[] = s.classes.map((c) => c.pools.find((pi) => servicePools[pi] !== undefined) ?? -1);
  const choice: RouteChoice = { pool: 0, slot: 0, crossRegion: false };

  // ---- handlers ------------------------------------------------------------------------------
  function complete(id: number, now: number): void {
    // The next stage sees the same prompt, so its prefix cache can hold the same system prompt and history.
    if (cascade.escalates(id, req, classes)) return routeLlm(id, now, driver.prefixBlocksOf(id));
    const c = req.cls[id];
    const st = classes[c];
    st.completedAll++;
    if (onComplete !== undefined) onComplete(c, req.arrival[id], now);
    if (req.counted[id] === 1) {
      const arrival = req.arrival[id];
      const rtt = req.rtt[id]; // the population's round trip to the serving region
      const e2e = now - arrival + rtt;
      const first = req.firstToken[id];
      const ttft = first - arrival + rtt;
      const out = req.output[id];
      st.completed++;
      st.tokensOut += out;
      st.e2e.record(e2e);
      st.ttft.record(ttft);
      st.queueWait.record(req.admitted[id] - arrival);
      let tpot = 0;
      if (out > 1) {
        tpot = (now - first) / (out - 1);
        st.tpot.record(tpot);
      }
      const judged = cascade.judge(id, req);
      if (judged) st.qualitySuccess++;
      if (ttft <= st.sloTtft && tpot <= st.sloTpot && e2e <= st.sloE2e) {
        st.withinSlo++;
        if (judged) st.successful++;
      }
      acct.latency(e2e, ttft);
    }
    acct.completions++;
    driver.requestDone(id, now, req.output[id]);
    req.release(id);
  }

  function drop(id: number, reason: 'no-replicas' | 'exceeds-kv-capacity', now: number): void {
    const st = classes[req.cls[id]];
    st.droppedAll++;
    if (req.counted[id] === 1) st.dropped[reason]++;
    driver.requestDone(id, now, 0);
    req.release(id);
  }

  /** Routes a new request: a service pool's shared queue, or the LLM replica with the least outstanding work. */
  function route(id: number, now: number, blocks: PrefixBlocks): void {
    const c = req.cls[id];
    const sp = serviceOf[c];
    if (sp >= 0) {
      serviceArrive(servicePools[sp]!, sp, id, now);
      return;
    }
    routeLlm(id, now, blocks);
  }

  /** Sends a request to the pool its class's routing policy picks (its least-loaded serving replica), or holds it on a warming pool. */
  function routeLlm(id: number, now: number, blocks: PrefixBlocks): void {
    const c = req.cls[id];
    if (!router.route(id, req, now, choice)) return drop(id, 'no-replicas', now);
    const pool = llmPools[choice.pool];
    pool.touched(now);
    pool.tokensProcessed += req.prompt[id] + req.output[id];
    pool.classTokens[c] += req.prompt[id] + req.output[id];
    // Payloads: text at about 4 bytes per token each way (UTF-8 English averages ~4 characters per token).
    pool.ingressBytes += req.prompt[id] * BYTES_PER_TOKEN;
    pool.egressBytes += req.output[id] * BYTES_PER_TOKEN;
    if (choice.crossRegion) pool.crossRegionBytes += (req.prompt[id] + req.output[id]) * BYTES_PER_TOKEN;
    if (choice.slot < 0) {
      if (!pool.replicas[0].fits(req.prompt[id], req.output[id])) return drop(id, 'exceeds-kv-capacity', now);
      pool.holdCold(id, now);
      return;
    }
    const best = pool.replicas[choice.slot].index;
    const r = replicas[best];
    const prompt = req.prompt[id];
    if (!r.fits(prompt, req.output[id])) return drop(id, 'exceeds-kv-capacity', now);
    const st = classes[c];
    if (blocks.count > 0) {
      const cache = caches[best];
      const hit = cache.match(blocks.hashes, blocks.count) * blocks.blockTokens;
      const cached = hit < prompt ? hit : prompt > 0 ? prompt - 1 : 0;
      req.cached[id] = cached;
      cache.insert(blocks.hashes, blocks.count);
      if (req.counted[id] === 1) st.prefixCachedTokens += cached;
    } else req.cached[id] = 0; // a retried trace request: its old replica's hit does not carry over
    if (req.counted[id] === 1) st.promptTokensRouted += prompt;
    r.enqueue(id, priority[c], now);
  }

  const driver = new WorkloadDriver(s, seed, sim, req, classes, {
    route,
    completeNow: (id, now) => {
      req.admitted[id] = now;
      req.firstToken[id] = now;
      complete(id, now);
    },
  });

  driver.arrivalHook = limits.onArrival;
  sim.on(EV_ARRIVAL, (c, aux) => driver.onArrival(c, sim.now, aux));
  sim.on(EV_SESSION, (sid) => driver.onSession(sid, sim.now));

  sim.on(EV_BOUNDARY, (target, gen) => {
    replicas[target].onBoundary(gen, sim.now);
  });
  sim.on(EV_LIFECYCLE, (target, aux) => {
    llmPools[replicaPool[target]].onLifecycle(replicaSlot[target], aux, sim.now);
  });
  sim.on(EV_SCALE, (pi) => llmPools[pi].evaluate(sim.now));
  sim.on(EV_POWER, (bi) => power.onTick(bi, sim.now));

  function serviceArrive(p: ServicePoolState, pi: number, id: number, now: number): void {
    if (p.pool.replicas === 0) return drop(id, 'no-replicas', now);
    accumulateService(p, now);
    if (p.busy < p.pool.replicas) {
      p.busy++;
      startService(p, pi, id, now);
    } else p.queue.push(id);
  }

  function startService(p: ServicePoolState, pi: number, id: number, now: number): void {
    req.admitted[id] = now;
    sim.schedule(now + p.sample(), EV_SERVICE_DONE, pi, id);
  }

  sim.on(EV_SERVICE_DONE, (pi, idF) => {
    const now = sim.now;
    const p = servicePools[pi]!;
    const id = idF;
    accumulateService(p, now);
    req.firstToken[id] = now;
    complete(id, now);
    if (p.queue.length > 0) startService(p, pi, p.queue.shift(), now);
    else p.busy--;
  });

  // ---- ticks: time-series windows and the warm-up snapshot -------------------------------------
  const acct = new FleetAccounting(llmPools, servicePools, replicas, warmup, driver);
  const WARMUP_TICK = -1;
  sim.on(EV_TICK, (_target, aux) => {
    const now = sim.now;
    if (aux === WARMUP_TICK) {
      acct.markWarmup(now);
      return;
    }
    acct.closeWindow(now);
    // Keep ticking while anything else is pending or the horizon is not reached.
    const next = now + s.window;
    // Within a finite horizon always; beyond it (draining, or no horizon) only while work remains.
    if ((horizon !== Infinity && next <= horizon) || sim.pending > 0) {
      sim.schedule(next, EV_TICK, 0, 0);
    }
  });

  // ---- run -------------------------------------------------------------------------------------
  for (const p of llmPools) p?.start();
  power.start();
  driver.start();
  if (warmup > 0) sim.schedule(warmup, EV_TICK, 0, WARMUP_TICK);
  sim.schedule(Math.min(s.window, horizon), EV_TICK, 0, 0);

  const wallStart = limits.now?.() ?? 0;
  const deadline = limits.wallMs !== undefined ? wallStart + limits.wallMs : Infinity;
  const maxEvents = limits.maxEvents ?? Infinity;
  let stop: StopReason;
  if (limits.progress) {
    // Run in slices so progress can be reported without touching the hot loop.
    const slice = 1 << 18;
    let budget = maxEvents;
    for (;;) {
      const n = Math.min(slice, budget);
      stop = sim.run(s.drain ? Infinity : horizon, n, deadline, limits.now);
      budget -= n;
      limits.progress(sim.now, sim.eventsProcessed, driver.totalArrived);
      if (stop !== 'event-budget' || budget <= 0) break;
    }
  } else {
    stop = sim.run(s.drain ? Infinity : horizon, maxEvents, deadline, limits.now);
  }
  let end = sim.now;
  if (stop === 'horizon' || (stop === 'empty' && horizon !== Infinity && !s.drain)) end = horizon;
  if (end < warmup) end = warmup;
  if (end > acct.windowStart) acct.closeWindow(end);
  const finalCum = acct.flush(end);
  return collectOutput({
    scenario: s, seed, stop, end, events: sim.eventsProcessed, classes, llmPools, servicePools, replicas,
    warm: acct.warm ?? finalCum, final: finalCum, peakPowerW: acct.peakPowerW, peakFacilityW: acct.peakFacilityW, windowRows: acct.windowRows,
    inFlightAll: req.inUse, routedPerPool: router.routedPerPool, warmLedger: acct.warmLedger, powerBudgets: power.budgets,
  });
}
