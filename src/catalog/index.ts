/**
 * The default catalog (built-in GPUs and models) and its look-ups. Use `createCatalog` to add or
 * override entries (scenario files).
 */
import { createCatalog } from './catalog.js';

export { createCatalog } from './catalog.js';
export type { Catalog, CatalogExtensions } from './catalog.js';
export { GPUS, defaultThermal } from './gpus.js';
export { MODELS } from './models.js';
export { defaultCalibration, CALIBRATIONS } from './calibration.js';
export { hostPowerW, SERVERS } from './servers.js';
export type { ServerSpec } from './servers.js';

const builtin = createCatalog();

export const findGpu = builtin.findGpu;
export const findModel = builtin.findModel;
export const getGpu = builtin.getGpu;
export const getModel = builtin.getModel;
export const listGpus = builtin.listGpus;
export const listModels = builtin.listModels;
export const unknownGpuMessage = builtin.unknownGpuMessage;
export const unknownModelMessage = builtin.unknownModelMessage;
