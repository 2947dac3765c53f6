/**
 * fleetsim's library API. Everything here is pure (no process, argv or clock) except the loaders,
 * which read the scenario file they are given. The CLI (`src/cli/`) is a thin layer over these.
 *
 *   const { resolved } = loadScenario('scenarios/default.yaml');
 *   const result = simulate(resolved);          // the object written as result.json
 *
 * Errors a user can fix are thrown as `UserError` (file, path, line, exit code 2).
 */

// ---- scenarios ----------------------------------------------------------------------------------
export { loadScenario, loadScenarioText, type LoadedScenario } from './scenario/index.js';
export { resolveScenario } from './scenario/resolve.js';
export type {
  ResolvedScenario, ResolvedClass, ResolvedPool, ResolvedLlmPool, ResolvedServicePool, ResolvedRegion,
} from './scenario/resolve.js';
export { scenarioSchema } from './scenario/schema.js';
export type { Scenario, ScenarioInput, ServiceDist, LengthDistInput } from './scenario/schema.js';
export { parseQuantity, formatDuration, UnitError, type QuantityKind } from './scenario/units.js';

// ---- simulation ---------------------------------------------------------------------------------
export { simulate, buildResult, replicationSeeds, RESULT_SCHEMA } from './simulate/simulate.js';
export type { RunResult, ClassResult, FigureEnvelope, Band, SeriesPoint } from './simulate/simulate.js';
export { runReplication, type RunLimits } from './simulate/runReplication.js';
export { simulateParallel, defaultWorkers, type ParallelOptions, type RunProgress } from './simulate/parallel.js';
export { compare, SIGNIFICANCE_RULE, type Comparison, type CompareInput, type FigureDiff } from './report/compare.js';
export { scorecard, type ScoreLine } from './report/scorecard.js';
export { runArtifacts, compareArtifacts, writeArtifacts, FORMATS, type Format, type Artifact } from './report/outputs.js';
export { focusCsv, FOCUS_COLUMNS } from './report/focus.js';
export type { ReplicationOutput, WindowRow, PoolDetail, ClassDetail } from './simulate/output.js';

// ---- queueing theory (validation and first-cut sizing) ----------------------------------------
export {
  erlangB, erlangC, mmcMeanWait, mmcWaitExceeds, mmcWaitPercentile, mg1MeanWait, littlesLaw,
  minServersForMeanWait, minServersForWaitProbability,
} from './metrics/queueing.js';

// ---- sweeps and capacity planning ---------------------------------------------------------------
export { runSweep, planSweep, type SweepOptions, type SweepRun } from './sweep/sweep.js';
export { writeSweepOutputs } from './sweep/output.js';
export { buildSweepResult, type SweepResult } from './sweep/results.js';
export { mergeShards, readShardFile } from './sweep/jsonl.js';
export { paretoFront, parseObjectives, type Objective } from './sweep/pareto.js';
export { planFleet, PLAN_SCHEMA, type PlanOptions, type PlanResult } from './sweep/plan/plan.js';
export { planCommitment, type CommitmentPlan } from './sweep/plan/commitment.js';

// ---- errors -------------------------------------------------------------------------------------
export { UserError, GateFailure, formatUserError } from './errors.js';
