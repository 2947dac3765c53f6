import { createReplicaPerf } from '../../src/serving/perf/createReplicaPerf.js';
import { findGpu, findModel } from '../../src/catalog/index.js';
import type { ReplicaPerf } from '../../src/serving/perf/types.js';
import { Replica } from '../../src/serving/replica.js';
import { RequestTable } from '../../src/serving/requestTable.js';
import { FakeScheduler } from './fakeScheduler.js';

export interface Arrival {
  /** Arrival time, s. */
  t: number;
  prompt: number;
  output: number;
  priority: number;
}

export interface ReplicaRun {
  /** Completion time per arrival index (NaN if never completed). */
  done: number[];
  firstToken: number[];
  admitted: number[];
  preemptions: number;
  iterations: number;
  /** Largest KV in use seen after any step, in tokens of all layers. */
  kvPeak: number;
  kvCapacity: number;
  /** State of the replica at the end. */
  end: { kvUsed: number; decodeBatch: number; decodeContext: number; waiting: number; running: number; outstanding: number };
}

/** A real H100 perf model (Llama-3.1-8B unless `model` names another) whose KV cache is cut to `kvCapacityTokens`. */
export function tightPerf(kvCapacityTokens: number, model = 'llama-3.1-8b'): ReplicaPerf {
  const perf = createReplicaPerf({
    gpu: findGpu('H100')!, model: findModel(model)!, tp: 1, weightPrecision: 'bf16', kvPrecision: 'bf16',
  });
  return Object.create(perf, { kvCapacityTokens: { value: kvCapacityTokens } }) as ReplicaPerf;
}

/**
 * Drives one Replica with a FakeScheduler through a list of arrivals (sorted by time) until every
 * request has left. After every arrival and every boundary it checks the replica's invariants:
 * 0 ≤ kvUsed ≤ capacity, running ≤ maxBatch, counters non-negative. Throws at the first violation.
 */
export function driveReplica(
  arrivals: readonly Arrival[],
  o: { kvCapacityTokens: number; maxBatch: number; maxBatchTokens: number; iterationMode: boolean; maxSteps?: number; model?: string },
): ReplicaRun {
  const perf = tightPerf(o.kvCapacityTokens, o.model);
  const sched = new FakeScheduler();
  const req = new RequestTable(8);
  const idx = new Map<number, number>(); // request slot → arrival index
  const n = arrivals.length;
  const done = new Array<number>(n).fill(NaN);
  const firstToken = new Array<number>(n).fill(NaN);
  const admitted = new Array<number>(n).fill(NaN);
  let preemptions = 0;
  const prio = new Int32Array(n);
  const replica = new Replica(
    perf,
    {
      index: 0, boundaryKind: 3, maxBatch: o.maxBatch, maxBatchTokens: o.maxBatchTokens, iterationMode: o.iterationMode,
      powerCapW: Infinity, inletC: 25, thermal: perf.gpu.thermal,
    },
    req,
    sched,
    {
      completed(id, now) {
        const a = idx.get(id)!;
        if (!Number.isNaN(done[a])) throw new Error(`request ${a} completed twice`);
        done[a] = now;
        firstToken[a] = req.firstToken[id];
        admitted[a] = req.admitted[id];
        idx.delete(id);
        req.release(id);
      },
      preempted() {
        preemptions++;
      },
    },
  );
  replica.priorityOf = (id) => prio[idx.get(id)!];
  let kvPeak = 0;
  const check = (where: string) => {
    const r = replica;
    const bad = (what: string) => new Error(`${what} at t=${sched.now} (${where}): kvUsed=${r.kvUsed} capacity=${o.kvCapacityTokens}`);
    // kvUsed counts KV units (tokens, or token-layers for sliding-window models): compare like with like.
    if (r.kvUsed > r.kvCapacityUnits) throw bad('KV cache over capacity');
    if (r.kvUsed < 0) throw bad('negative KV usage');
    if (r.running > o.maxBatch) throw bad(`batch ${r.running} over maxBatch ${o.maxBatch}`);
    if (r.decodeBatch < 0 || r.waitingCount < 0 || r.decodeContext < 0) throw bad('negative counter');
    const tokens = r.kvUsed / (r.kvCapacityUnits / o.kvCapacityTokens); // units per token: 1, or the layer count
    if (tokens > kvPeak) kvPeak = tokens;
  };
  let i = 0;
  let steps = 0;
  const maxSteps = o.maxSteps ?? 2_000_000;
  while (i < n || sched.pending > 0) {
    if (++steps > maxSteps) throw new Error(`no progress after ${maxSteps} steps (livelock?) at t=${sched.now}`);
    const ta = i < n ? arrivals[i].t : Infinity;
    // Same instant: arrivals before boundaries, as the fleet's event priorities order them.
    if (ta <= sched.nextTime) {
      sched.advanceTo(ta);
      const a = arrivals[i];
      const id = req.alloc();
      idx.set(id, i);
      prio[i] = a.priority;
      req.arrival[id] = a.t;
      req.prompt[id] = a.prompt;
      req.output[id] = a.output;
      req.generated[id] = 0;
      req.firstToken[id] = NaN;
      req.admitted[id] = NaN;
      req.counted[id] = 1;
      if (!replica.fits(a.prompt, a.output)) throw new Error('test generated a request that cannot fit');
      replica.enqueue(id, a.priority, a.t);
      i++;
      check('after enqueue');
    } else {
      const e = sched.pop()!;
      replica.onBoundary(e.aux, e.time);
      check('after boundary');
    }
  }
  return {
    done, firstToken, admitted, preemptions, iterations: replica.iterations, kvPeak, kvCapacity: o.kvCapacityTokens,
    end: {
      kvUsed: replica.kvUsed, decodeBatch: replica.decodeBatch, decodeContext: replica.decodeContext,
      waiting: replica.waitingCount, running: replica.running, outstanding: replica.outstanding,
    },
  };
}
