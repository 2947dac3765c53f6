import type { ValueKind } from './values.js';

/** Outcome of one gate: `pass`, `fail` (a fail-severity gate broke), `warn` (a warn-severity one did). */
export type GateStatus = 'pass' | 'fail' | 'warn';

/** One evaluated gate, the row of every output (table, JUnit, summary, annotations). */
export interface GateResult {
  /** Scenario name (the baseline file name without `.json`). */
  scenario: string;
  /** File that defines the gate (the scenario, or a policy file) and its 1-based line. */
  file: string;
  line?: number;
  /** `expect` (threshold), `baseline` (regression) or `observed` (assumption drift). */
  source: 'expect' | 'baseline' | 'observed';
  /** Short name: the expression, `baseline: <figure>`, `observed: prompt.p90`. */
  name: string;
  severity: 'fail' | 'warn';
  status: GateStatus;
  figure?: string;
  kind?: ValueKind;
  value?: number | null;
  /** The threshold or reference, readable: `< 800ms`, `baseline 812ms ± 3ms, tolerance 5%`. */
  threshold: string;
  /** One sentence: what was found. */
  message: string;
}

/** Everything `fleetsim check` learned about one scenario. */
export interface ScenarioCheck {
  scenario: string;
  file: string;
  /** Simulation wall time in seconds (0 when not simulated). */
  timeS: number;
  results: GateResult[];
  /** Notes printed under the table (baseline written, replications overridden …). */
  notes: string[];
}
