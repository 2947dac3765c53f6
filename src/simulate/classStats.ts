import { LogHistogram } from '../metrics/histogram.js';
import type { ResolvedClass } from '../scenario/resolve.js';

export type DropReason = 'no-replicas' | 'exceeds-kv-capacity';

/** Streaming statistics of one workload class over the measurement window. */
export class ClassStats {
  readonly ttft = new LogHistogram();
  readonly tpot = new LogHistogram();
  readonly e2e = new LogHistogram();
  readonly queueWait = new LogHistogram();
  /** All requests (warm-up included), for conservation. */
  arrivedAll = 0;
  completedAll = 0;
  droppedAll = 0;
  /** Requests that arrived after the warm-up. */
  arrived = 0;
  completed = 0;
  dropped: Record<DropReason, number> = { 'no-replicas': 0, 'exceeds-kv-capacity': 0 };
  /** Completed within every SLO of the class. */
  withinSlo = 0;
  tokensIn = 0;
  tokensOut = 0;
  preemptions = 0;
  readonly sloTtft: number;
  readonly sloTpot: number;
  readonly sloE2e: number;

  constructor(readonly cls: ResolvedClass) {
    this.sloTtft = cls.slo?.ttft ?? Infinity;
    this.sloTpot = cls.slo?.tpot ?? Infinity;
    this.sloE2e = cls.slo?.e2e ?? Infinity;
  }

  get droppedCount(): number {
    return this.dropped['no-replicas'] + this.dropped['exceeds-kv-capacity'];
  }
}
