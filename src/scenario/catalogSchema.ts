/**
 * `catalog:` in a scenario file: GPUs and models added to the built-in catalog or overriding it
 * (a private GPU, a power-limited variant, a fine-tuned model). An entry with `base:` starts from
 * that catalog entry and changes what it gives; one without `base:` gives every required figure.
 * Units as everywhere in scenario files; the resolved entry passes the same consistency rules as the
 * built-in catalog (src/catalog/validate.ts).
 */
import { z } from 'zod';
import { quantity } from './quantity.js';

const wholeNumber = z.number().int().min(1);

const thermalSchema = z.strictObject({
  slowdown: quantity('temperature').optional().meta({ description: 'clocks fall at or above this temperature, e.g. 89C' }),
  hysteresis: quantity('temperature', { min: 0 }).optional().meta({ description: 'clocks recover this far below slowdown, e.g. 3C' }),
  shutdown: quantity('temperature').optional(),
  throttleClock: quantity('fraction', { gt: 0, max: 1 }).optional().meta({ description: 'clock while throttled, e.g. 80%' }),
  resistance: z.number().positive().optional().meta({ description: 'junction-to-inlet thermal resistance, °C per W' }),
  capacitance: z.number().positive().optional().meta({ description: 'lumped heat capacity, J per °C' }),
});

const efficiency = () => quantity('fraction', { gt: 0, max: 1 }).optional();
const overhead = () => quantity('duration', { min: 0 }).optional();

/** Calibration factors measured on one's own stack: they replace the fitted (or derived) ones they name. */
const calibrationSchema = z.strictObject({
  compute: efficiency().meta({ description: 'achieved fraction of the dense tensor peak in the linear layers' }),
  attention: efficiency().meta({ description: 'achieved fraction of the bf16 peak in attention' }),
  memory: efficiency().meta({ description: 'achieved fraction of memory bandwidth streaming weights' }),
  kv: efficiency().meta({ description: 'achieved fraction of memory bandwidth reading the KV cache' }),
  interconnect: efficiency().meta({ description: 'achieved fraction of interconnect bandwidth in all-reduce' }),
  quantizedExperts: efficiency().meta({ description: 'achieved fraction of the roofline of MoE experts stored below bf16' }),
  stepOverhead: overhead().meta({ description: 'fixed cost per iteration' }),
  layerOverhead: overhead().meta({ description: 'cost per layer per iteration' }),
  sequenceOverhead: overhead().meta({ description: 'cost per decoding sequence per iteration' }),
  prefillSequenceOverhead: overhead().meta({ description: 'cost per prompt (chunk) per prefill iteration' }),
  allReduceOverhead: overhead().meta({ description: 'software cost per all-reduce' }),
});

export const gpuEntrySchema = z.strictObject({
  base: z.string().optional().meta({ description: 'a catalog GPU to start from (its figures and its calibration); without it every required figure must be given' }),
  name: z.string().optional(),
  memory: quantity('bytes', { gt: 0 }).optional().meta({ description: 'required without base, e.g. 96GB' }),
  memoryBandwidth: quantity('bandwidth', { gt: 0 }).optional().meta({ description: 'required without base, e.g. 4TB/s' }),
  bf16: quantity('flops', { gt: 0 }).optional().meta({ description: 'dense bf16 rate; required without base, e.g. 989TFLOPS' }),
  fp8: quantity('flops', { gt: 0 }).optional().meta({ description: "dense fp8 rate (default: with base, bf16 × the base's fp8/bf16 ratio; without, the bf16 rate: no fp8 tensor cores)" }),
  fp4: quantity('flops', { gt: 0 }).optional().meta({ description: "dense fp4 rate (default: with base, fp8 × the base's fp4/fp8 ratio; without, the fp8 rate: no fp4 tensor cores)" }),
  tdp: quantity('power', { gt: 0 }).optional().meta({ description: 'required without base, e.g. 700W' }),
  idle: quantity('power', { min: 0 }).optional().meta({ description: 'bare idle power; required without base' }),
  idleLoaded: quantity('power', { min: 0 }).optional().meta({ description: "idle with weights resident (default: the base's, else idle)" }),
  interconnect: quantity('bandwidth', { gt: 0 }).optional().meta({ description: 'per-GPU, per-direction bandwidth for tensor parallelism; required without base, e.g. 450GB/s (NVLink4), 32GB/s (PCIe Gen4)' }),
  interconnectLatency: quantity('duration', { min: 0 }).optional().meta({ description: 'per all-reduce hop (default 5us)' }),
  thermal: thermalSchema.optional().meta({ description: 'default: the catalog thermal model for the TDP (89/92 C, 3 C hysteresis, clock 80 %)' }),
  calibration: calibrationSchema.optional().meta({ description: "efficiencies and overheads measured on your own stack; the rest stay the base's fitted ones (or the H100 profile without base)" }),
  source: z.string().optional().meta({ description: 'where the figures come from (shown by fleetsim catalog)' }),
});

export const modelEntrySchema = z.strictObject({
  base: z.string().optional().meta({ description: 'a catalog model to start from (a fine-tuned model: same architecture, new name)' }),
  name: z.string().optional(),
  layers: wholeNumber.optional(),
  hidden: wholeNumber.optional(),
  heads: wholeNumber.optional(),
  kvHeads: wholeNumber.optional().meta({ description: 'key/value heads (GQA); default: heads' }),
  headDim: wholeNumber.optional().meta({ description: 'default: hidden / heads' }),
  vocab: wholeNumber.optional(),
  params: quantity('count', { gt: 0 }).optional().meta({ description: 'total parameters, e.g. 70B' }),
  activeParams: quantity('count', { gt: 0 }).optional().meta({ description: 'parameters used per token (MoE); default: params' }),
  moe: z.strictObject({ experts: wholeNumber, activeExperts: wholeNumber }).optional(),
  mla: z.strictObject({ kvLoraRank: wholeNumber, ropeHeadDim: wholeNumber }).optional(),
  slidingWindow: z.strictObject({
    tokens: wholeNumber.meta({ description: 'window length: a windowed layer attends to (and keeps KV for) the last `tokens` tokens' }),
    layers: z.number().int().min(0).meta({ description: 'how many of the layers use the window (Gemma 3: 5 of every 6; gpt-oss: every other); 0: none (full attention, e.g. to undo a base model\'s window)' }),
  }).optional().meta({ description: 'sliding-window attention; default: none (every layer attends to the whole context), or the base model\'s' }),
  precisions: z.array(z.enum(['bf16', 'fp8', 'int4', 'mxfp4'])).min(1).optional().meta({ description: 'weight precisions it is served in (default: bf16, fp8, int4)' }),
  source: z.string().optional(),
});

const entryName = z.string().regex(/^[A-Za-z0-9][\w.+-]*$/, 'ids start with a letter or digit: letters, digits, . _ + -');

export const catalogBlockSchema = z.strictObject({
  gpus: z.record(entryName, gpuEntrySchema).default({}),
  models: z.record(entryName, modelEntrySchema).default({}),
});

export type GpuEntry = z.output<typeof gpuEntrySchema>;
export type ModelEntry = z.output<typeof modelEntrySchema>;
export type CatalogBlock = z.output<typeof catalogBlockSchema>;
