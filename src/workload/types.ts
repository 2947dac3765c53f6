import type { LengthDistInput } from '../scenario/schema.js';
import type { TraceCursor } from './traces/types.js';
import type { RateProfile } from './profile.js';

/** How requests of a class arrive. All times in seconds. */
export type ResolvedArrival =
  | { readonly process: 'poisson' }
  | { readonly process: 'gamma'; readonly cv: number }
  | { readonly process: 'constant' }
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
