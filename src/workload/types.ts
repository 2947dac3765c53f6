import type { LengthDistInput } from '../scenario/schema.js';
import type { TraceCursor } from './traces/types.js';
import type { RateProfile } from './profile.js';
import type { MmppState } from './mmpp.js';
import type { HourlyProfile } from '../economics/profiles.js';

/**
 * A batch job's release condition on a regional hourly figure: carbon intensity (kg CO2e/J) or
 * electricity price (USD/J) strictly below `below`, evaluated as `base × profile multiplier`.
 */
export interface ResolvedHoldCondition {
  readonly metric: 'carbon' | 'price';
  readonly below: number;
  readonly region: string;
  /** The region's average figure and hourly shape (undefined: constant). */
  readonly base: number;
  readonly profile: HourlyProfile | undefined;
}

/** How requests of a class arrive. All times in seconds. */
export type ResolvedArrival =
  | { readonly process: 'poisson' }
  | { readonly process: 'gamma'; readonly cv: number }
  | { readonly process: 'constant' }
  | { readonly process: 'mmpp'; readonly states: readonly MmppState[] }
  | { readonly process: 'trace'; readonly path: string; readonly open: (seed: number) => TraceCursor }
  | { readonly process: 'closed'; readonly users: number; readonly think: number }
  | {
      readonly process: 'schedule';
      readonly every: number;
      readonly at: number;
      readonly size: number;
      readonly deadline: number;
      /** Daily window [start, end) in seconds of local time of day; may wrap midnight. */
      readonly window?: { readonly start: number; readonly end: number; readonly timezone: number };
      /** Release condition on the region of the class's pool (held up to 7 days). */
      readonly when?: ResolvedHoldCondition;
    };

export interface ResolvedSession {
  readonly turns: LengthDistInput;
  readonly think: number;
  readonly keepTurns: number; // Infinity when unpruned
  readonly maxContext: number; // Infinity when uncapped
}

export interface ResolvedAgent {
  readonly steps: LengthDistInput;
  readonly fanout: LengthDistInput;
  readonly tool: number;
  readonly toolOutput: LengthDistInput;
  readonly bound: number; // Infinity when none
}

/** Prompt = system + retrieved chunks + history + user message. */
export interface PromptComposition {
  readonly system: number;
  readonly retrieval: { readonly chunks: LengthDistInput; readonly chunkTokens: number } | undefined;
  readonly user: LengthDistInput;
}
