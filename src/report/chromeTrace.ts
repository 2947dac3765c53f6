import type { SpanSink } from '../serving/replica.js';
import type { ResolvedScenario } from '../scenario/resolve.js';

const STATE_NAMES = ['off', 'provisioning', 'loading', 'serving', 'draining'];

interface TraceEvent {
  name: string;
  ph: 'X' | 'M' | 'i';
  ts: number; // µs
  dur?: number; // µs
  pid: number;
  tid: number;
  s?: 't';
  args?: Record<string, number | string>;
}

/**
 * Records replica iterations and lifecycle states of one replication as a Chrome trace (the JSON that
 * chrome://tracing and ui.perfetto.dev open): one process per pool, one thread per replica, an "X" span
 * per mixed iteration or decode run, and the lifecycle state as a span on a second track. Stops
 * recording after `maxEvents` and says so in the trace's metadata.
 */
export class ChromeTraceRecorder implements SpanSink {
  private readonly events: TraceEvent[] = [];
  private dropped = 0;
  private readonly stateSince: number[] = [];
  private readonly stateOf: number[] = [];
  /** Pool index and slot of each global replica index. */
  private readonly where: { pool: number; slot: number }[] = [];

  constructor(private readonly s: ResolvedScenario, private readonly maxEvents = 200_000) {
    let g = 0;
    for (const p of s.pools) {
      if (p.kind !== 'llm') continue;
      for (let i = 0; i < p.maxReplicas; i++) this.where[g++] = { pool: p.index, slot: i };
    }
  }

  private push(e: TraceEvent): void {
    if (this.events.length < this.maxEvents) this.events.push(e);
    else this.dropped++;
  }

  span(replica: number, start: number, end: number, prefill: boolean, running: number, prefillTokens: number, steps: number): void {
    const w = this.where[replica];
    this.push({
      name: prefill ? 'prefill+decode' : `decode ×${steps}`, ph: 'X', ts: start * 1e6, dur: (end - start) * 1e6, pid: w.pool, tid: 2 * w.slot,
      args: { running, prefillTokens, iterations: steps },
    });
  }

  state(replica: number, state: number, now: number): void {
    const prev = this.stateOf[replica];
    if (prev !== undefined && prev !== 0) this.closeState(replica, now);
    this.stateOf[replica] = state;
    this.stateSince[replica] = now;
  }

  private closeState(replica: number, now: number): void {
    const w = this.where[replica];
    const since = this.stateSince[replica];
    this.push({ name: STATE_NAMES[this.stateOf[replica]], ph: 'X', ts: since * 1e6, dur: (now - since) * 1e6, pid: w.pool, tid: 2 * w.slot + 1 });
  }

  /** The trace document; open states are closed at `end` (s). */
  toJSON(end: number): { traceEvents: TraceEvent[]; displayTimeUnit: 'ms'; otherData: Record<string, string | number> } {
    for (let r = 0; r < this.stateOf.length; r++) if (this.stateOf[r] !== undefined && this.stateOf[r] !== 0) this.closeState(r, end);
    const meta: TraceEvent[] = [];
    for (const p of this.s.pools) {
      if (p.kind !== 'llm') continue;
      meta.push({ name: 'process_name', ph: 'M', ts: 0, pid: p.index, tid: 0, args: { name: `${p.name} (${p.perf.model.id} on ${p.gpusPerReplica}×${p.perf.gpu.id})` } });
      for (let i = 0; i < p.maxReplicas; i++) {
        meta.push({ name: 'thread_name', ph: 'M', ts: 0, pid: p.index, tid: 2 * i, args: { name: `replica ${i}` } });
        meta.push({ name: 'thread_name', ph: 'M', ts: 0, pid: p.index, tid: 2 * i + 1, args: { name: `replica ${i} lifecycle` } });
      }
    }
    return {
      traceEvents: [...meta, ...this.events],
      displayTimeUnit: 'ms',
      otherData: { scenario: this.s.name, seed: this.s.seed, recordedEvents: this.events.length, droppedEvents: this.dropped },
    };
  }
}
