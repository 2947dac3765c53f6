import { LogHistogram } from '../metrics/histogram.js';
import type { ResolvedClass } from '../scenario/resolve.js';

export type DropReason = 'no-replicas' | 'exceeds-kv-capacity';

/** Streaming statistics of one workload class over the measurement window. */
export class ClassStats {
  readonly ttft = new LogHistogram();
  readonly tpot = new LogHistogram();
  readonly e2e = new LogHistogram();
  readonly queueWait = new LogHistogram();
  /** Prompt and output lengths (tokens) of the requests that arrived after the warm-up. */
  readonly promptTokens = new LogHistogram({ gamma: 1.01, minValue: 0.5 });
  readonly outputTokens = new LogHistogram({ gamma: 1.01, minValue: 0.5 });
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
  /** Completions judged successful by the answering pool's quality, and those also within every SLO (successful outcomes). */
  qualitySuccess = 0;
  successful = 0;
  /** Cascade escalations (a completed stage re-sent to the next). */
  escalated = 0;
  /** Placements on a pool (first routings, retries and cascade stages), and those outside the population's home region. */
  routed = 0;
  routedCrossRegion = 0;
  tokensIn = 0;
  tokensOut = 0;
  preemptions = 0;
  /** Requests answered by the exact-response cache (no GPU work). */
  exactHits = 0;
  /** Prompt tokens served from the prefix cache (prefill skipped) and prompt tokens routed to GPUs. */
  prefixCachedTokens = 0;
  promptTokensRouted = 0;
  /** History tokens dropped by the pruning policy. */
  prunedTokens = 0;
  /** Sessions (interactive turns or agent chains). */
  sessionsStarted = 0;
  sessionsCompleted = 0;
  sessionsWithinBound = 0;
  readonly sessionDuration = new LogHistogram();
  readonly turnsPerSession = new LogHistogram();
  /** Batch jobs. */
  jobsSubmitted = 0;
  jobsCompleted = 0;
  jobsWithinDeadline = 0;
  readonly jobDuration = new LogHistogram();
  /** Time from a job's submission to its release (window closed or `when` condition false); 0 when not held. */
  readonly jobHoldTime = new LogHistogram();
  /** Jobs whose `when` condition did not hold within 7 days of submission (released without it). */
  jobsHeldNeverMet = 0;
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
