import type { IntQueue } from '../serving/internal/intQueue.js';
import type { ResolvedServicePool } from '../scenario/resolve.js';

/** Live state of a service pool: `replicas` identical servers sharing one FIFO queue. */
export interface ServicePoolState {
  readonly pool: ResolvedServicePool;
  readonly queue: IntQueue;
  busy: number;
  /** ∫ busy servers dt and ∫ queued requests dt (s), up to `accT`. */
  busyIntegral: number;
  queueIntegral: number;
  accT: number;
  readonly sample: () => number;
}

/** Integrates a service pool's busy servers and queue up to `now`; call before either changes. */
export function accumulateService(p: ServicePoolState, now: number): void {
  const dt = now - p.accT;
  if (dt > 0) {
    p.busyIntegral += p.busy * dt;
    p.queueIntegral += p.queue.length * dt;
    p.accT = now;
  }
}
