import type { Scheduler } from '../../src/engine/simulation.js';

/** One scheduled event as the fake records it. */
export interface FakeEvent {
  time: number;
  kind: number;
  target: number;
  aux: number;
  seq: number;
}

/**
 * A Scheduler for driving handlers without the engine's heap: a sorted list with (time, seq) order.
 * It checks two invariants on every call: nothing is scheduled before `now` (causality) and the clock
 * never goes backwards. Violations throw, so a property test that drives it fails at the first one.
 */
export class FakeScheduler implements Scheduler {
  now = 0;
  private seq = 0;
  readonly events: FakeEvent[] = [];
  /** Every event ever scheduled (for assertions). */
  scheduledCount = 0;

  schedule(time: number, kind: number, target: number, aux = 0): void {
    if (!(time >= this.now)) throw new Error(`causality: event scheduled at ${time} < now ${this.now}`);
    if (!Number.isFinite(time)) throw new Error(`event scheduled at non-finite time ${time}`);
    const e = { time, kind, target, aux, seq: this.seq++ };
    // Insert keeping (time, seq) order; lists in tests are short.
    let i = this.events.length;
    while (i > 0 && this.events[i - 1].time > time) i--;
    this.events.splice(i, 0, e);
    this.scheduledCount++;
  }

  get pending(): number {
    return this.events.length;
  }

  /** Time of the next event, or Infinity. */
  get nextTime(): number {
    return this.events.length > 0 ? this.events[0].time : Infinity;
  }

  /** Removes the next event and advances the clock to it. */
  pop(): FakeEvent | undefined {
    const e = this.events.shift();
    if (e === undefined) return undefined;
    if (e.time < this.now) throw new Error(`clock would go backwards: ${e.time} < ${this.now}`);
    this.now = e.time;
    return e;
  }

  /** Advances the clock to `t` (an external arrival) without an event. */
  advanceTo(t: number): void {
    if (t < this.now) throw new Error(`clock would go backwards: ${t} < ${this.now}`);
    this.now = t;
  }
}
