import type { ThermalSpec } from './perf/types.js';

/** What a replica reports to the fleet. */
export interface ReplicaSink {
  /** The request produced its last token at `now`; the replica has released it. */
  completed(id: number, now: number): void;
  /** The request lost its KV cache and will be recomputed. */
  preempted(id: number): void;
}

/** Receives the replica's iteration spans (a debugging trace); absent in normal runs, so it costs nothing. */
export interface SpanSink {
  /** A mixed (prefill + decode) iteration or a decode-only run of `steps` iterations on replica `replica`. */
  span(replica: number, start: number, end: number, prefill: boolean, running: number, prefillTokens: number, steps: number): void;
  /** Replica slot `replica` entered lifecycle state `state` (0 off … 4 draining). */
  state(replica: number, state: number, now: number): void;
}

export interface ReplicaConfig {
  readonly index: number; // global replica index, the event target
  readonly boundaryKind: number; // event kind of iteration/segment boundaries
  readonly maxBatch: number;
  readonly maxBatchTokens: number;
  /** true: one event per iteration (the oracle); false: fast-forward decode-only runs in closed form. */
  readonly iterationMode: boolean;
  /** Per-GPU power cap in watts (Infinity for none); a power-budget controller may change it (`setPowerCap`). */
  readonly powerCapW: number;
  readonly inletC: number;
  readonly thermal: ThermalSpec;
}
