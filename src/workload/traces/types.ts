import type { UserError } from '../../errors.js';

/** Trace formats {@link openTrace} reads. */
export type TraceFormat = 'azure' | 'mooncake' | 'burstgpt' | 'generic';

/** How a timestamp column is read: seconds, milliseconds, microseconds, or an ISO-8601 datetime. */
export type TimeUnit = 's' | 'ms' | 'us' | 'iso';

/**
 * One request of a trace. The cursor fills a caller-owned record, so nothing is allocated per
 * record: `hashIds` is the same array every time (copy it if you keep it).
 */
export interface TraceRecord {
  /** Arrival time in seconds from the start of the replay (first record or window start = 0, plus offset). */
  time: number;
  /** Prompt (context) length in tokens, an integer ≥ 0. */
  promptTokens: number;
  /** Generated (output) length in tokens, an integer ≥ 0. */
  outputTokens: number;
  /** Prefix block hashes (Mooncake `hash_ids`), reused array; empty when the format has none. */
  hashIds: number[];
  /** Tokens per hash block (512 for Mooncake; 0 when the format has no hashes). */
  blockTokens: number;
}

/** A fresh record to pass to {@link TraceCursor.next}. */
export function newTraceRecord(): TraceRecord {
  return { time: 0, promptTokens: 0, outputTokens: 0, hashIds: [], blockTokens: 0 };
}

/**
 * Pull iterator over a trace's requests.
 *
 * Contract: `next(out)` fills `out` and returns true, or returns false once exhausted (permanently;
 * the file is closed then). Times never decrease: input whose timestamps go backwards is a UserError
 * naming the line (`onError: 'fail'`), or that line is skipped and counted (`onError: 'skip'`).
 * Nothing is silently dropped: every non-blank data line is returned, skipped (malformed, counted in
 * `skipped`) or filtered (by model, failed response, window or thinning; counted in `filtered`).
 */
export interface TraceCursor {
  next(out: TraceRecord): boolean;
  /** Malformed lines skipped so far (`onError: 'skip'` only). */
  readonly skipped: number;
  /** Well-formed records dropped by a filter (window, model, failed response, rate thinning). */
  readonly filtered: number;
  /** The first error that made a line be skipped, to show the user what was wrong. */
  readonly firstSkipError: UserError | undefined;
  /** 1-based line number of the last line read. */
  readonly lineNumber: number;
  /** Releases the file; idempotent. */
  close(): void;
}

/** Column names for the generic format (CSV header names or JSON keys). */
export interface TraceColumns {
  time: string;
  prompt: string;
  output: string;
  /** List of prefix block hashes: a JSON array, or in CSV a field like `1 2 3`, `1;2;3` or `[1,2,3]`. */
  hashIds?: string;
}

/** Options of {@link openTrace}. Times are seconds unless named otherwise. */
export interface TraceOptions {
  format: TraceFormat;
  /** Generic format: which columns hold what. */
  columns?: TraceColumns;
  /** Generic format: unit of the time column (default 's'). ISO datetimes without a zone are UTC. */
  timeUnit?: TimeUnit;
  /** Generic format: file type; default from the extension (`.csv` → csv; `.jsonl`, `.ndjson`, `.json` → jsonl). */
  fileType?: 'csv' | 'jsonl';
  /** Generic format: tokens per hash block (default 512). */
  blockTokens?: number;
  /** BurstGPT: keep only rows whose `Model` equals this. */
  model?: string;
  /** BurstGPT: keep failed requests (Response tokens 0); default false (they are filtered). */
  includeFailed?: boolean;
  /** Keep records with `start ≤ t < end`, t in seconds from the first record (before scaling). The window start becomes time 0. */
  window?: { start: number; end: number };
  /** Stretch factor on inter-arrival times: 2 replays twice as slowly. Default 1. */
  timeScale?: number;
  /** Rate multiplier keeping the time span; see docs/traces.md. Default 1. */
  rateScale?: number;
  /** Seed of the rate-scaling random stream (default 0). Ignored when `rng` is given. */
  seed?: number;
  /** Uniform [0, 1) source for rate scaling; default a stream seeded from `seed`. */
  rng?: () => number;
  /** Seconds added to every time after scaling. Default 0. */
  offset?: number;
  /** Malformed line: throw a UserError ('fail', default) or skip and count it ('skip'). */
  onError?: 'fail' | 'skip';
  /** Line reader chunk size in bytes (tests). */
  chunkSize?: number;
}
