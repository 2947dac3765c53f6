import { EventQueue } from './eventQueue.js';

/** The narrow port handlers use to schedule follow-ups; a test can fake it. */
export interface Scheduler {
  readonly now: number;
  schedule(time: number, kind: number, target: number, aux?: number): void;
}

/** A handler receives the event's target and auxiliary number; it may schedule follow-ups. */
export type Handler = (target: number, aux: number) => void;

export type StopReason = 'horizon' | 'empty' | 'event-budget' | 'wall-budget';

/**
 * The clock and the run loop. Knows time, the queue and handler ids — nothing about GPUs or requests.
 * Time is a float in seconds and never decreases.
 */
export class Simulation implements Scheduler {
  now = 0;
  eventsProcessed = 0;
  private readonly queue: EventQueue;
  private readonly handlers: Handler[] = [];

  /** `priorities[kind]`: same-instant order, lower first. */
  constructor(priorities: ArrayLike<number>) {
    this.queue = new EventQueue(priorities);
  }

  /** Registers the handler of `kind`. */
  on(kind: number, handler: Handler): void {
    this.handlers[kind] = handler;
  }

  schedule(time: number, kind: number, target: number, aux = 0): void {
    // Causality: nothing is scheduled in the past. A tiny negative gap from float rounding is clamped.
    this.queue.push(time < this.now ? this.now : time, kind, target, aux);
  }

  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs events with time ≤ `until` (events at later times stay queued), at most `maxEvents`
   * of them, checking the wall clock every 2^16 events against `deadlineMs` (a `performance.now()`
   * value; Infinity for none). Returns why it stopped.
   */
  run(until: number, maxEvents = Infinity, deadlineMs = Infinity, wallClock: () => number = () => 0): StopReason {
    const q = this.queue;
    const handlers = this.handlers;
    let budget = maxEvents;
    while (q.size > 0) {
      const t = q.topTime;
      if (t > until) {
        this.now = until;
        return 'horizon';
      }
      if (budget-- <= 0) return 'event-budget';
      this.now = t;
      const kind = q.topKind;
      const target = q.topTarget;
      const aux = q.topAux;
      q.consumeTop();
      handlers[kind](target, aux);
      q.settle();
      if ((++this.eventsProcessed & 0xffff) === 0 && deadlineMs !== Infinity && wallClock() > deadlineMs) {
        return 'wall-budget';
      }
    }
    if (until !== Infinity) this.now = until;
    return 'empty';
  }
}
