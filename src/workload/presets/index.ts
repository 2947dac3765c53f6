export { ratePresets, ratePresetNames } from './ratePresets.js';
export type { RatePreset } from './types.js';
