/** Streaming accumulators and queueing formulas. Pure: no I/O, no clock. See docs/metrics.md. */
export { LogHistogram, type LogHistogramOptions, type LogHistogramJSON } from './histogram.js';
export { TimeWeightedGauge, type TimeWeightedGaugeOptions } from './timeWeighted.js';
export { WindowedSeries } from './windowed.js';
export { WindowedQuantiles, type WindowedQuantilesOptions } from './windowedQuantiles.js';
export { Welford } from './welford.js';
export { envelope, type Envelope } from './envelope.js';
export { nearestRank, interpolatedQuantile } from './internal/rank.js';
export { studentT975 } from './internal/studentT.js';
export {
  erlangB, erlangC, mmcMeanWait, mmcWaitExceeds, mmcWaitPercentile, minServersForMeanWait,
  minServersForWaitProbability, mg1MeanWait, littlesLaw,
} from './queueing.js';
