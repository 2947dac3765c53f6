import { z } from 'zod';
import { sweepBlockSchema, planBlockSchema } from '../sweep/blockSchema.js';
import { quantity, nonNegative, positive, positiveInt } from './quantity.js';
import { catalogBlockSchema } from './catalogSchema.js';
import { expectListSchema } from '../check/expectSchema.js';
import { routingSchema } from '../simulate/routing/registry.js';

/**
 * The scenario file format. Plain data validated at the edge; defaults are filled here, in one
 * explicit step, and everything downstream works on the parsed output (SI numbers).
 */

// ---- Length distributions (token counts) ----------------------------------------------------

const bounds = { min: nonNegative.optional(), max: positive.optional() };

const percentileKey = z.string().regex(/^p(100|[1-9]?\d(\.\d+)?)$/, 'expected keys p0 … p100, e.g. p50, p99.9');

export const lengthDistSchema = z.union([
  z.number().int().min(0).meta({ description: 'a constant length in tokens' }),
  z.discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), value: z.number().int().min(0) }),
    z.strictObject({ dist: z.literal('lognormal'), median: positive, sigma: nonNegative, ...bounds }),
    z.strictObject({ dist: z.literal('normal'), mean: nonNegative, sd: nonNegative, ...bounds }),
    z.strictObject({ dist: z.literal('uniform'), min: z.number().int().min(0), max: z.number().int().min(0) }),
    z.strictObject({
      dist: z.literal('empirical'),
      percentiles: z.record(percentileKey, nonNegative)
        .refine((r) => 'p0' in r && 'p100' in r, 'must include p0 and p100')
        .superRefine((r, ctx) => {
          // Values must not decrease with the percentile (an inverse CDF); say which pair does.
          const rows = Object.entries(r).map(([k, v]) => [Number(k.slice(1)), v] as const).sort((a, b) => a[0] - b[0]);
          for (let i = 1; i < rows.length; i++) {
            if (rows[i][1] < rows[i - 1][1]) {
              ctx.addIssue({ code: 'custom', path: [`p${rows[i][0]}`], message: `percentile values must not decrease: p${rows[i][0]} = ${rows[i][1]} < p${rows[i - 1][0]} = ${rows[i - 1][1]}` });
              return;
            }
          }
        }),
    }),
  ]),
]);
export type LengthDistInput = z.infer<typeof lengthDistSchema>;

// ---- Service-time distributions (seconds), for plain queueing pools ---------------------------

const serviceObject = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('exponential'), mean: quantity('duration', { gt: 0 }) }),
  z.strictObject({ dist: z.literal('constant'), value: quantity('duration', { gt: 0 }) }),
  z.strictObject({ dist: z.literal('gamma'), mean: quantity('duration', { gt: 0 }), cv: positive }),
  z.strictObject({ dist: z.literal('lognormal'), median: quantity('duration', { gt: 0 }), sigma: nonNegative }),
  z.strictObject({ dist: z.literal('uniform'), min: quantity('duration', { min: 0 }), max: quantity('duration', { gt: 0 }) }),
]);

/** `exponential(1s)`, `constant(250ms)`, `gamma(1s, 0.5)` (mean, cv), `lognormal(800ms, 0.6)`, `uniform(0s, 2s)`. */
const SERVICE_RE = /^\s*(exponential|constant|gamma|lognormal|uniform)\s*\(\s*([^,()]+?)\s*(?:,\s*([^,()]+?)\s*)?\)\s*$/;
export const serviceDistSchema = z.union([
  z
    .string()
    .transform((s, ctx) => {
      const m = SERVICE_RE.exec(s);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `expected a service time such as exponential(1s), constant(250ms), gamma(1s, 0.5), found ${JSON.stringify(s)}` });
        return z.NEVER;
      }
      const [, dist, a, b] = m;
      const obj =
        dist === 'exponential' ? { dist, mean: a } : dist === 'constant' ? { dist, value: a }
        : dist === 'gamma' ? { dist, mean: a, cv: Number(b) } : dist === 'lognormal' ? { dist, median: a, sigma: Number(b) }
        : { dist, min: a, max: b };
      const r = serviceObject.safeParse(obj);
      if (!r.success) {
        for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: `${s}: ${issue.message}` });
        return z.NEVER;
      }
      return r.data;
    }),
  serviceObject,
]);
export type ServiceDist = z.output<typeof serviceObject>;

// ---- Workload ---------------------------------------------------------------------------------

const traceArrival = z.strictObject({
  process: z.literal('trace'),
  path: z.string().min(1).meta({ description: 'trace file, relative to the scenario file' }),
  format: z.enum(['azure', 'mooncake', 'burstgpt', 'generic']).optional().meta({ description: 'default: detected from the first line' }),
  columns: z.strictObject({ time: z.string(), prompt: z.string(), output: z.string(), hashIds: z.string().optional() }).optional(),
  timeUnit: z.enum(['s', 'ms', 'us', 'iso']).optional(),
  window: z.strictObject({ start: quantity('duration', { min: 0 }), end: quantity('duration', { gt: 0 }) }).optional()
    .meta({ description: 'replay only this slice of the trace (from its first record); the slice start becomes time 0' }),
  timeScale: positive.optional().meta({ description: 'stretch time: 2 replays twice as slowly' }),
  rateScale: positive.optional().meta({ description: 'scale the rate keeping the time span (thinning below 1, superposed copies above 1)' }),
  offset: quantity('duration', { min: 0 }).optional().meta({ description: 'shift the whole trace later' }),
  onError: z.enum(['fail', 'skip']).default('fail').meta({ description: 'malformed lines: stop with an error, or skip and count them' }),
  model: z.string().optional().meta({ description: 'BurstGPT: keep only this model' }),
});

export const arrivalSchema = z.union([
  z.literal('poisson'),
  z.discriminatedUnion('process', [
    z.strictObject({ process: z.literal('poisson') }),
    z.strictObject({
      process: z.literal('gamma'),
      cv: positive.meta({ description: 'coefficient of variation of inter-arrival times (1 = Poisson, > 1 bursty)' }),
    }),
    z.strictObject({
      process: z.literal('constant').meta({ description: 'evenly spaced arrivals (deterministic)' }),
    }),
    traceArrival,
    z.strictObject({
      process: z.literal('closed').meta({ description: 'closed loop: N users, each sends its next request a think time after its previous response' }),
      users: z.number().int().min(0),
      think: quantity('duration', { min: 0 }).meta({ description: 'mean think time (exponential)' }),
    }),
    z.strictObject({
      process: z.literal('schedule').meta({ description: 'batch jobs submitted on a schedule' }),
      every: quantity('duration', { gt: 0 }).meta({ description: 'period between submissions, e.g. 24h' }),
      at: quantity('duration', { min: 0 }).default(0).meta({ description: 'first submission (local time of day when every is 24h)' }),
      size: positiveInt.meta({ description: 'requests per job' }),
      deadline: quantity('duration', { gt: 0 }).meta({ description: 'a job should complete within this time of its submission' }),
      window: z.strictObject({
        start: quantity('duration', { min: 0, max: 86400 }).meta({ description: 'time of day the window opens, e.g. 22h' }),
        end: quantity('duration', { min: 0, max: 86400 }).meta({ description: 'time of day it closes, e.g. 6h (may wrap past midnight)' }),
        timezone: z.number().min(-12).max(14).default(0),
      }).optional().meta({ description: 'a job submitted outside this daily window is held until it opens (its deadline still counts from submission)' }),
      when: z.union([
        z.strictObject({ carbonBelow: quantity('carbonIntensity', { min: 0 }).meta({ description: 'release the job in the first hour the grid carbon intensity of the pool\'s region is below this, e.g. 250g/kWh' }) }),
        z.strictObject({ priceBelow: quantity('moneyPerEnergy', { min: 0 }).meta({ description: 'release the job in the first hour the electricity price of the pool\'s region is below this, e.g. $0.08/kWh' }) }),
      ]).optional().meta({ description: 'a job submitted while the condition is false is held until the first hour it holds (searched up to 7 days ahead; else released at once and counted in jobs.heldNeverMet)' }),
    }),
    z.strictObject({
      process: z.literal('mmpp').meta({ description: 'Markov-modulated Poisson: Poisson arrivals whose rate switches between states' }),
      states: z.array(z.strictObject({
        rate: quantity('rate', { min: 0 }).meta({ description: 'arrival rate while in this state, e.g. 20/s' }),
        meanDuration: quantity('duration', { gt: 0 }).meta({ description: 'mean (exponential) time spent in this state, e.g. 2m' }),
      })).min(2).meta({ description: 'two or more states; leaving a state, the next is one of the others with equal probability' }),
    }),
  ]),
]);

export const profileSchema = z.union([
  z.strictObject({
    preset: z.string().meta({ description: 'a named rate profile: flat, business-hours, servegen-language-large, … (fleetsim catalog --profiles)' }),
    timezone: z.number().min(-12).max(14).default(0).meta({ description: 'hours from UTC of the user population' }),
  }),
  z.strictObject({
    multipliers: z.array(nonNegative).min(1).meta({ description: 'rate multipliers per window, repeating; normalised to mean 1' }),
    window: quantity('duration', { gt: 0 }).prefault('1h'),
    timezone: z.number().min(-12).max(14).default(0),
  }),
]);

export const sloSchema = z.strictObject({
  ttft: quantity('duration', { gt: 0 }).optional(),
  tpot: quantity('duration', { gt: 0 }).optional(),
  e2e: quantity('duration', { gt: 0 }).optional(),
  percentile: z.number().gt(0).lt(100).default(95).meta({ description: 'the percentile each latency SLO applies to' }),
});

export const sessionSchema = z.strictObject({
  turns: lengthDistSchema.meta({ description: 'turns per session (≥ 1)' }),
  think: quantity('duration', { min: 0 }).meta({ description: 'mean think time between a response and the next turn (exponential)' }),
  keepTurns: positiveInt.max(64).optional().meta({ description: 'pruning: history keeps only the last N turns' }),
  maxContext: positiveInt.optional().meta({ description: 'pruning: the whole prompt is capped at K tokens (oldest history dropped first)' }),
});

export const agentSchema = z.strictObject({
  steps: lengthDistSchema.meta({ description: 'LLM steps per session (≥ 1)' }),
  fanout: lengthDistSchema.default(1).meta({ description: 'parallel calls per step (≥ 1); the next step waits for all of them' }),
  tool: quantity('duration', { min: 0 }).meta({ description: 'mean tool-call duration between steps (exponential)' }),
  toolOutput: lengthDistSchema.default(0).meta({ description: 'tokens a tool call adds to the context' }),
  bound: quantity('duration', { gt: 0 }).optional().meta({ description: 'a session should complete within this time' }),
});

export const cascadeSchema = z.strictObject({
  stages: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])).min(2)
    .meta({ description: 'pool names (or lists of pool names) in order: a request goes to stage 1 first' }),
  escalate: quantity('fraction', { min: 0, max: 1 }).meta({ description: 'share of a stage\'s completions re-sent to the next stage, e.g. 30%' }),
}).meta({ description: 'model cascade: a small model first, a share escalated to a larger one' });

/** A user population: where requests come from, with a round-trip time to each region it can reach. */
export const populationSchema = z.strictObject({
  share: quantity('fraction', { gt: 0, max: 1 }).meta({ description: 'share of every class\'s requests from this population; shares add up to 100%' }),
  timezone: z.number().min(-12).max(14).default(0).meta({ description: 'hours from UTC of the population (reported; rate profiles take their own timezone)' }),
  rtt: z.record(z.string(), quantity('duration', { min: 0 })).default({})
    .meta({ description: 'round-trip time to each region, e.g. { us-east-1: 15ms }; a region not listed cannot serve this population' }),
});

export const classSchema = z.strictObject({
  kind: z.enum(['interactive', 'batch', 'agent']).default('interactive'),
  rate: quantity('rate', { min: 0 }).optional().meta({ description: 'mean arrival rate of requests (or of sessions), e.g. 12/s' }),
  arrival: arrivalSchema.default('poisson'),
  profile: profileSchema.optional().meta({ description: 'time-of-day profile of the rate (non-homogeneous Poisson by thinning)' }),
  count: positiveInt.optional().meta({ description: 'stop arrivals of this class after this many requests (or sessions)' }),
  system: z.number().int().min(0).default(0).meta({ description: 'system prompt tokens, shared by every request of the class (prefix-cacheable)' }),
  retrieval: z.strictObject({ chunks: lengthDistSchema, chunkTokens: positiveInt }).optional()
    .meta({ description: 'retrieved chunks added to the prompt: count × size' }),
  prompt: lengthDistSchema.default(0).meta({ description: 'user message tokens (the whole prompt when nothing else is composed)' }),
  output: lengthDistSchema.default(1).meta({ description: 'output length in tokens' }),
  session: sessionSchema.optional(),
  agent: agentSchema.optional(),
  cache: z.strictObject({
    prefix: z.boolean().default(true).meta({ description: 'replicas keep recently used prefix blocks: shared system prompts and session history skip prefill' }),
    exactHitRate: quantity('fraction', { min: 0, max: 1 }).default(0).meta({ description: 'share of requests answered from an exact-response cache without the GPU' }),
  }).prefault({}),
  priority: z.number().int().min(0).max(9).optional().meta({ description: 'lower is served first when classes compete (default 0; batch 5)' }),
  slo: sloSchema.optional(),
  cohort: z.string().optional().meta({ description: 'tenant or tier; every figure is also sliced by cohort' }),
  pool: z.string().optional().meta({ description: 'name of the pool that serves this class (default: every pool)' }),
  populations: z.array(z.string().min(1)).min(1).optional().meta({ description: 'user populations this class\'s requests come from (default: all), drawn by their shares' }),
  routing: routingSchema.optional().meta({ description: 'how a request picks a pool (docs/routing.md); default least-loaded' }),
  cascade: cascadeSchema.optional(),
  quality: z.record(z.string(), quantity('fraction', { min: 0, max: 1 })).optional()
    .meta({ description: 'success probability of an answer by pool name, e.g. { llama-8b: 85% } (default 100%)' }),
}).superRefine((c, ctx) => {
  const a = c.arrival;
  const rateBased = a === 'poisson' || a.process === 'poisson' || a.process === 'gamma' || a.process === 'constant';
  if (rateBased && c.rate === undefined) ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a rate is required for this arrival process, e.g. rate: 12/s' });
  if (a !== 'poisson' && a.process === 'mmpp' && c.rate !== undefined && c.rate > 0 && a.states.every((st) => st.rate === 0)) {
    ctx.addIssue({ code: 'custom', path: ['rate'], message: 'cannot scale mmpp states that all have rate 0 to this rate' });
  }
  if (c.session && c.agent) ctx.addIssue({ code: 'custom', path: ['agent'], message: 'a class is either a session (interactive turns) or an agent, not both' });
});
export type ClassInput = z.output<typeof classSchema>;

// ---- Fleet ------------------------------------------------------------------------------------

const poolCommon = {
  name: z.string().min(1).optional(),
  region: z.string().default('us-east-1'),
  replicas: z.number().int().min(0).meta({ description: 'number of replicas (each uses tp GPUs)' }),
};

export const autoscaleSchema = z.strictObject({
  min: z.number().int().min(0).default(1).meta({ description: 'fewest replicas (0 allows scale-to-zero)' }),
  max: positiveInt.meta({ description: 'most replicas' }),
  metric: z.enum(['utilization', 'queue', 'concurrency']).default('utilization')
    .meta({ description: 'utilization: KV-cache share in use; queue: waiting requests per replica; concurrency: requests in flight per replica' }),
  target: quantity('fraction', { gt: 0 }).meta({ description: 'metric value to hold, e.g. 70% for utilization or 4 for queue/concurrency' }),
  tolerance: quantity('fraction', { min: 0, max: 1 }).default(0.1).meta({ description: 'no change while metric/target is within 1 ± tolerance (Kubernetes HPA default 10%)' }),
  interval: quantity('duration', { gt: 0 }).prefault('30s').meta({ description: 'how often the autoscaler evaluates' }),
  lag: quantity('duration', { min: 0 }).default(0).meta({ description: 'age of the metric the autoscaler sees (scrape and aggregation delay)' }),
  upCooldown: quantity('duration', { min: 0 }).prefault('60s').meta({ description: 'least time between scale-ups' }),
  downCooldown: quantity('duration', { min: 0 }).prefault('5m').meta({ description: 'least time after any change before a scale-down' }),
  idleTimeout: quantity('duration', { gt: 0 }).optional().meta({ description: 'with min 0: scale to zero after this long without a request' }),
  schedule: z.array(z.strictObject({
    at: quantity('duration', { min: 0, max: 86400 }).meta({ description: 'time of day the entry starts, e.g. 8h' }),
    min: z.number().int().min(0).optional(),
    max: positiveInt.optional(),
  })).optional().meta({ description: 'scheduled scaling: daily min/max overrides from their time of day on' }),
  timezone: z.number().min(-12).max(14).default(0).meta({ description: 'hours from UTC of the schedule' }),
}).refine((a) => a.min <= a.max, { message: 'min must not exceed max', path: ['min'] });

export const coldStartSchema = z.strictObject({
  provision: quantity('duration', { min: 0 }).prefault('2m').meta({ description: 'node provisioning (assumption: cloud GPU VMs take minutes)' }),
  imagePull: quantity('duration', { min: 0 }).prefault('45s').meta({ description: 'container image pull and engine start' }),
  loadBandwidth: quantity('bandwidth', { gt: 0 }).prefault('1GB/s')
    .meta({ description: 'weight load bandwidth of the storage tier (Run:ai streamer on GP3: ~1000 MiB/s)' }),
});

export const spotSchema = z.strictObject({
  share: quantity('fraction', { min: 0, max: 1 }).meta({ description: 'share of the pool on spot: the highest-numbered replicas, so the base stays on-demand' }),
  preemptionRate: quantity('rate', { min: 0 }).meta({ description: 'reclaims per spot replica, e.g. 0.05/h' }),
  notice: quantity('duration', { min: 0 }).prefault('2m').meta({ description: 'warning before a reclaim (AWS: 2 minutes); the replica drains meanwhile' }),
  discount: quantity('fraction', { min: 0, max: 1 }).optional().meta({ description: 'spot price as a discount off on-demand when the region has no spot price' }),
});

export const llmPoolSchema = z.strictObject({
  ...poolCommon,
  model: z.string().min(1),
  gpu: z.string().min(1),
  tp: z.number().int().min(1).max(64).default(1).meta({ description: 'tensor-parallel degree: GPUs per replica' }),
  precision: z.enum(['bf16', 'fp8', 'int4', 'mxfp4']).default('bf16'),
  kvPrecision: z.enum(['bf16', 'fp8']).default('bf16'),
  maxBatch: positiveInt.default(256).meta({ description: 'most sequences in one batch' }),
  maxBatchTokens: positiveInt.default(8192).meta({ description: 'token budget of one iteration (chunked prefill)' }),
  memoryReserve: quantity('fraction', { min: 0, max: 0.9 }).default(0.1).meta({ description: 'share of GPU memory kept for activations and the runtime' }),
  // Tagged, so "0.5W" stays half a watt instead of reading as half the TDP.
  powerCap: z.union([quantity('power', { gt: 0 }).transform((watts) => ({ watts })), quantity('fraction', { gt: 0, max: 1 }).transform((fraction) => ({ fraction }))]).optional()
    .meta({ description: 'per-GPU power cap: watts (700W) or a share of TDP (70%)' }),
  pricePerGpuHour: quantity('moneyRate', { min: 0 }).optional().meta({ description: 'overrides the region price' }),
  pricing: z.enum(['on-demand', 'reserved']).default('on-demand')
    .meta({ description: 'reserved: the on-demand price less the region reserved/committed-use discount (the base of a fleet bought ahead)' }),
  prefixCache: quantity('fraction', { min: 0, max: 1 }).default(0.3).meta({ description: 'share of the KV cache that keeps recently used prefix blocks for reuse' }),
  autoscale: autoscaleSchema.optional().meta({ description: 'scale the pool between min and max on a load metric; without it the pool keeps `replicas`' }),
  coldStart: coldStartSchema.prefault({}).meta({ description: 'how long a new replica takes: node provisioning + image pull + weight load' }),
  spot: spotSchema.optional().meta({ description: 'run part of the pool on spot capacity, which is cheaper and can be reclaimed' }),
  startCold: z.boolean().default(false).meta({ description: 'the initial replicas start provisioning at t = 0 instead of already serving' }),
});

export const servicePoolSchema = z.strictObject({
  ...poolCommon,
  service: serviceDistSchema.meta({ description: 'service time of one request; batch size 1, one shared FIFO queue' }),
  pricePerReplicaHour: quantity('moneyRate', { min: 0 }).default(0),
  powerPerReplica: quantity('power', { min: 0 }).default(0),
});

export const poolSchema = z.union([llmPoolSchema, servicePoolSchema]);

/**
 * An hour-of-day profile of a regional figure: 24 `multipliers` (normalised to mean 1) of the
 * region's average, or 24 absolute `hourly` values. Hour 0 is local midnight at `timezone` (hours
 * from UTC; default: the region catalog's offset, else 0).
 */
function hourlyProfileSchema(kind: 'carbonIntensity' | 'moneyPerEnergy') {
  const timezone = z.number().min(-12).max(14).optional().meta({ description: 'hours from UTC of hour 0 (default: the region catalog\'s, else 0)' });
  return z.union([
    z.strictObject({ multipliers: z.array(nonNegative).length(24).meta({ description: '24 multipliers, hour 0 = local midnight; normalised to mean 1' }), timezone }),
    z.strictObject({ hourly: z.array(quantity(kind, { min: 0 })).length(24).meta({ description: '24 absolute values, hour 0 = local midnight' }), timezone }),
  ]);
}

/**
 * Per-region figures. Every field is optional: each one given overrides the region catalog
 * (`fleetsim regions`), which overrides the built-in defaults (PUE 1.2, 400 g/kWh, $0.10/kWh, 25 °C).
 */
export const regionSchema = z.strictObject({
  gpuPrices: z.record(z.string(), quantity('moneyRate', { min: 0 })).default({}).meta({ description: 'on-demand price per GPU-hour by GPU, e.g. { H100: $3.93/h }; overrides the catalog per GPU' }),
  spotPrices: z.record(z.string(), quantity('moneyRate', { min: 0 })).optional().meta({ description: 'spot price per GPU-hour by GPU; overrides the catalog per GPU' }),
  reservedDiscount: quantity('fraction', { min: 0, max: 0.99 }).optional().meta({ description: 'committed-use / reserved discount off on-demand, e.g. 40%' }),
  capacityGpus: z.record(z.string(), z.number().int().min(0)).optional().meta({ description: 'GPUs available in the region by GPU, e.g. { H100: 512 }' }),
  egressPerGB: quantity('moneyPerByte', { min: 0 }).optional().meta({ description: 'internet egress price, e.g. $0.09/GB' }),
  crossRegionPerGB: quantity('moneyPerByte', { min: 0 }).optional().meta({ description: 'price of traffic to another region, e.g. $0.02/GB' }),
  billingGranularity: quantity('duration', { gt: 0 }).optional().meta({ description: 'billing increment, e.g. 1s or 1h' }),
  pue: z.number().finite().min(1).max(3).optional().meta({ description: 'power usage effectiveness (default: the catalog, else 1.2)' }),
  carbonIntensity: quantity('carbonIntensity', { min: 0 }).optional().meta({ description: 'grid carbon intensity (default: the catalog, else 400g/kWh)' }),
  electricityPrice: quantity('moneyPerEnergy', { min: 0 }).optional().meta({ description: 'default: the catalog, else $0.10/kWh' }),
  inletTemperature: quantity('temperature').optional().meta({ description: 'server inlet temperature (default: the catalog, else 25C)' }),
  carbonProfile: hourlyProfileSchema('carbonIntensity').optional()
    .meta({ description: 'hour-of-day grid carbon intensity: multipliers of carbonIntensity, or absolute hourly values (their mean replaces carbonIntensity)' }),
  priceProfile: hourlyProfileSchema('moneyPerEnergy').optional()
    .meta({ description: 'hour-of-day price: multipliers of electricityPrice and of the spot prices, or absolute hourly electricity prices (their mean replaces electricityPrice)' }),
  powerBudget: z.strictObject({
    limit: quantity('power', { gt: 0 }).meta({ description: 'site or region power budget, e.g. 40kW' }),
    scope: z.enum(['it', 'facility']).default('it').meta({ description: 'IT power (GPUs + hosts) or facility power (× PUE)' }),
    action: z.enum(['cap', 'refuse']).default('cap').meta({ description: 'cap: lower GPU power caps (clocks) while over budget; refuse: no scale-out past the budget' }),
    interval: quantity('duration', { gt: 0 }).prefault('1m').meta({ description: 'how often the power controller acts' }),
  }).optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  horizon: quantity('duration', { gt: 0 }).optional().meta({ description: 'simulated time; optional when every class has a count' }),
  warmup: quantity('duration', { min: 0 }).default(0).meta({ description: 'requests that arrive before this are excluded from statistics' }),
  replications: positiveInt.max(1000).default(1),
  fidelity: z.enum(['analytic', 'iteration']).default('analytic'),
  drain: z.boolean().default(false).meta({ description: 'after the horizon, stop arrivals and finish the requests in flight' }),
  trafficMultiplier: positive.default(1).meta({ description: 'growth scenarios: multiplies every class rate (1.4 = traffic +40 %)' }),
  window: quantity('duration', { gt: 0 }).prefault('5m').meta({ description: 'width of time-series windows' }),
  workload: z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'class names start with a letter'), classSchema)
    .refine((w) => Object.keys(w).length > 0, 'at least one workload class is required'),
  catalog: catalogBlockSchema.optional().meta({ description: 'GPUs and models added to or overriding the built-in catalog: a private GPU, a variant (base: H100, tdp: 500W), a fine-tuned model (docs/scenario-format.md)' }),
  fleet: z.strictObject({ pools: z.array(poolSchema).min(1) }),
  regions: z.record(z.string(), regionSchema).default({}),
  populations: z.record(z.string().regex(/^[A-Za-z][\w-]*$/, 'population names start with a letter'), populationSchema).optional()
    .meta({ description: 'user populations with shares and round-trip times to regions (docs/routing.md); default: one population 0 ms from every region' }),
  observability: z.strictObject({
    bytesPerRequest: quantity('bytes', { min: 0 }).prefault('2KB').meta({ description: 'telemetry (spans, logs, metrics) per completed request before sampling' }),
    sampling: quantity('fraction', { min: 0, max: 1 }).default(0.1).meta({ description: 'share of requests whose telemetry is kept' }),
    pricePerGB: quantity('moneyPerByte', { min: 0 }).prefault('$0.50/GB').meta({ description: 'ingestion price (CloudWatch Logs: $0.50/GB)' }),
    retention: quantity('duration', { min: 0 }).prefault('30d').meta({ description: 'how long telemetry is stored' }),
    storagePerGBMonth: quantity('moneyPerByte', { min: 0 }).prefault('$0.03/GB').meta({ description: 'storage price per GB-month (CloudWatch Logs: $0.03/GB)' }),
  }).optional().meta({ description: 'telemetry overhead, priced in the orchestration layer per completed request (docs/economics.md)' }),
  expect: expectListSchema.optional(),
  sweep: sweepBlockSchema.optional().meta({ description: 'a parameter grid for `fleetsim sweep` (docs/sweep.md)' }),
  plan: planBlockSchema.optional().meta({ description: 'candidates, bounds and forecast for `fleetsim plan` (docs/sweep.md)' }),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type LlmPoolInput = z.output<typeof llmPoolSchema>;
export type ServicePoolInput = z.output<typeof servicePoolSchema>;
export type RegionInput = z.output<typeof regionSchema>;
