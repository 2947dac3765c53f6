import { UserError } from '../../src/errors.js';

/**
 * Fuzzing settings shared by the hardening suite: a fixed seed and a bounded number of runs in the
 * unit suite; `npm run fuzz` sets FLEETSIM_FUZZ_RUNS (a multiplier) and may set FLEETSIM_FUZZ_SEED.
 */
export const FUZZ_SEED = Number(process.env.FLEETSIM_FUZZ_SEED ?? 20261204);
const FACTOR = Number(process.env.FLEETSIM_FUZZ_RUNS ?? 1);

/** fast-check parameters for a property that runs `base` times in the unit suite. */
export function fuzzParams(base: number): { seed: number; numRuns: number; endOnFailure: true } {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(base * FACTOR)), endOnFailure: true };
}

/**
 * The contract of every input boundary: `fn` either returns or throws a UserError (exit 2 through the
 * CLI). Anything else is rethrown with the input, so fast-check reports it as a counterexample.
 */
export function okOrUserError<T>(fn: () => T, input: unknown): 'ok' | 'rejected' {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof UserError) return 'rejected';
    const err = e as Error;
    throw new Error(`not a UserError: ${err?.name}: ${err?.message}\ninput: ${JSON.stringify(input)?.slice(0, 2000)}\n${err?.stack ?? ''}`);
  }
}
