/** The performance model: step time, power, thermal. */
export * from './types.js';
export type { PerfCalibration } from './calibration.js';
export { createReplicaPerf } from './createReplicaPerf.js';
export type { ReplicaPerfOptions, ReplicaPerfExt } from './createReplicaPerf.js';
export { bytesPerParam, kvBytesPerToken, linearPeakFlops, weightBytesOf, splitParams } from './precision.js';
export * from './thermal.js';
