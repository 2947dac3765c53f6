import type { TraceCursor } from '../traces/types.js';
import { rateWindows } from './rateWindows.js';
import { TraceSummary } from './traceSummary.js';

/** Length statistics in tokens. */
export interface LengthStats {
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** What `traceStats` reports. Rates in requests per second, times in seconds. */
export interface TraceStats {
  count: number;
  /** First to last arrival. */
  durationSeconds: number;
  /** count / durationSeconds (0 when the duration is 0). */
  meanRate: number;
  windowSeconds: number;
  /** Rate per window from the first arrival; a final window under half full is left out. */
  ratePerWindow: number[];
  /** Mean and coefficient of variation (sd / mean) of inter-arrival times; CV is 1 for Poisson. */
  interArrival: { mean: number; cv: number };
  prompt: LengthStats;
  output: LengthStats;
  /** Quantiles are exact (≤ 2e6 records) or from a reservoir sample. */
  exactQuantiles: boolean;
  /**
   * Prefix-block reuse, when the trace has block hashes: the fraction of hash blocks seen earlier in
   * the trace, i.e. the hit rate of an infinite prefix cache (Mooncake hashes are chained over the
   * prefix, so a block seen before means its whole prefix was seen), and the share of prompt tokens
   * in those blocks. `exact` is false once more than 8e6 distinct hashes were met (then a lower bound).
   */
  prefixReuse: { blocks: number; reusedBlocks: number; blockFraction: number; tokenFraction: number; exact: boolean } | null;
  /** Malformed lines skipped and records filtered by the cursor. */
  skipped: number;
  filtered: number;
}

/** Options of {@link traceStats}. */
export interface TraceStatsOptions {
  /** Width of the rate windows, seconds (default 600, as ServeGen's rate files). */
  windowSeconds?: number;
}

/** Streams a cursor to exhaustion (closing it) and summarises the trace. */
export function traceStats(cursor: TraceCursor, opts: TraceStatsOptions = {}): TraceStats {
  const ws = opts.windowSeconds ?? 600;
  return statsOf(TraceSummary.of(cursor, ws), ws);
}

/** The statistics of an already gathered summary, with windows of `windowSeconds`. */
export function statsOf(s: TraceSummary, windowSeconds: number): TraceStats {
  const T = s.duration;
  const gapMean = s.gapCount ? s.gapSum / s.gapCount : NaN;
  const gapVar = s.gapCount > 1 ? Math.max(0, (s.gapSq - s.gapCount * gapMean * gapMean) / (s.gapCount - 1)) : NaN;
  return {
    count: s.count,
    durationSeconds: T,
    meanRate: T > 0 ? s.count / T : 0,
    windowSeconds,
    ratePerWindow: s.count ? rateWindows(s, windowSeconds).rates : [],
    interArrival: { mean: gapMean, cv: gapMean > 0 ? Math.sqrt(gapVar) / gapMean : NaN },
    prompt: lengthStats(s.prompt),
    output: lengthStats(s.output),
    exactQuantiles: s.prompt.exact,
    prefixReuse:
      s.hashBlocks > 0
        ? {
            blocks: s.hashBlocks,
            reusedBlocks: s.reusedBlocks,
            blockFraction: s.reusedBlocks / s.hashBlocks,
            tokenFraction: s.promptTokenSum > 0 ? s.reusedTokens / s.promptTokenSum : 0,
            exact: s.hashesExact,
          }
        : null,
    skipped: s.skipped,
    filtered: s.filtered,
  };
}

function lengthStats(q: TraceSummary['prompt']): LengthStats {
  return { mean: q.mean, min: q.count ? q.min : NaN, p50: q.quantile(0.5), p90: q.quantile(0.9), p99: q.quantile(0.99), max: q.count ? q.max : NaN };
}
