export { openTrace } from './openTrace.js';
export { detectFormat } from './detectFormat.js';
export { newTraceRecord } from './types.js';
export { resolveTraceInput } from './traceInput.js';
export type { TraceInputOptions } from './traceInput.js';
export type { TimeUnit, TraceColumns, TraceCursor, TraceFormat, TraceOptions, TraceRecord } from './types.js';
