import type { ResolvedScenario } from '../scenario/resolve.js';

/** Command-line overrides of a scenario's run settings. */
export interface ScenarioOverrides {
  seed?: number;
  replications?: number;
  fidelity?: 'analytic' | 'iteration';
}

/** Returns the scenario with the overrides applied (the same object when there are none). */
export function applyOverrides(s: ResolvedScenario, o: ScenarioOverrides): ResolvedScenario {
  if (o.seed === undefined && o.replications === undefined && o.fidelity === undefined) return s;
  return { ...s, seed: o.seed ?? s.seed, replications: o.replications ?? s.replications, fidelity: o.fidelity ?? s.fidelity };
}
