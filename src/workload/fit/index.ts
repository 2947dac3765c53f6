export { fitWorkload } from './fitWorkload.js';
export type { EmpiricalFit, FitOptions, FitResult, FittedWorkload, LognormalFit, RateProfile } from './fitWorkload.js';
export { traceStats } from './traceStats.js';
export type { LengthStats, TraceStats, TraceStatsOptions } from './traceStats.js';
export { empiricalQuantile, empiricalTable, sampleEmpirical } from '../empirical.js';
export type { EmpiricalTable, PercentilePoints } from '../empirical.js';
export { classBlock } from './classBlock.js';
export type { ClassBlock } from './classBlock.js';
