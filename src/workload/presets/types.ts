/** A named rate profile: multipliers of the base rate over consecutive windows, repeating. */
export interface RatePreset {
  /** One line: what it is and where its figures come from. */
  summary: string;
  /** Seconds each multiplier lasts (3600: hourly). */
  windowSeconds: number;
  /** Multipliers with arithmetic mean 1; `multipliers.length × windowSeconds` is the cycle (a day or a week). */
  multipliers: readonly number[];
}
