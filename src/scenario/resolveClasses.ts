import { dirname, resolve as resolvePath } from 'node:path';
import { mmppStationaryRate } from '../workload/mmpp.js';
import { resolveHoldCondition } from '../workload/holdCondition.js';
import { ratePresets } from '../workload/presets/index.js';
import { makeProfile, type RateProfile } from '../workload/profile.js';
import { detectFormat } from '../workload/traces/detectFormat.js';
import { openTrace } from '../workload/traces/openTrace.js';
import type { TraceOptions } from '../workload/traces/types.js';
import type { ResolvedArrival, ResolvedAgent, ResolvedSession, PromptComposition } from '../workload/types.js';
import type { RoutingInput } from '../simulate/routing/registry.js';
import type { Fail } from './fail.js';
import { confinePath, getFileRoot } from './include.js';
import type { ResolvedPool } from './resolvePools.js';
import { resolveClassRouting, type ResolvedPopulation } from './resolveRouting.js';
import type { ClassInput, LengthDistInput, Scenario } from './schema.js';

/** Resolved, validated model inputs: plain typed objects in SI units. */
export interface ResolvedClass {
  readonly name: string;
  readonly index: number;
  readonly kind: 'interactive' | 'batch' | 'agent';
  readonly rate: number; // requests (or sessions) per second; 0 for trace/closed/schedule
  readonly arrival: ResolvedArrival;
  readonly profile: RateProfile | undefined;
  readonly count: number; // Infinity when unbounded
  readonly composition: PromptComposition;
  readonly output: LengthDistInput;
  readonly session: ResolvedSession | undefined;
  readonly agent: ResolvedAgent | undefined;
  readonly prefixCache: boolean;
  readonly exactHitRate: number;
  readonly cohort: string | undefined;
  readonly priority: number;
  readonly slo: { ttft?: number; tpot?: number; e2e?: number; percentile: number } | undefined;
  /** Indices of the pools that may serve this class. */
  readonly pools: readonly number[];
  /** Indices into `ResolvedScenario.populations` this class draws from (default: all). */
  readonly populations?: readonly number[];
  /** The validated `routing:` block (default: least-loaded). */
  readonly routing?: RoutingInput;
  /** Pool indices per cascade stage (a request starts at stage 0); undefined: one stage of `pools`. */
  readonly stages?: readonly (readonly number[])[];
  /** Share of a stage's completions sent on to the next stage. */
  readonly escalate?: number;
  /** Success probability of an answer by pool index; pools absent: 1. */
  readonly quality?: Readonly<Record<number, number>>;
}

/**
 * The `workload:` classes, in order (a class's index is its position), checked against the pools
 * and populations already resolved. Pushes a warning for each `when:` condition that resolves with a caveat.
 */
export function resolveClasses(
  s: Scenario, pools: readonly ResolvedPool[], populations: readonly ResolvedPopulation[] | undefined, file: string | undefined, fail: Fail, warnings: string[],
): ResolvedClass[] {
  return Object.entries(s.workload).map(([name, c], index) => {
    const poolIdx = c.pool === undefined ? pools.map((p) => p.index) : pools.filter((p) => p.name === c.pool).map((p) => p.index);
    if (poolIdx.length === 0) {
      fail(['workload', name, 'pool'], `no pool named "${c.pool}"; pools: ${pools.map((p) => p.name).join(', ')}`);
    }
    if (typeof c.prompt !== 'number' && c.prompt.dist === 'uniform' && c.prompt.min > c.prompt.max) fail(['workload', name, 'prompt'], 'min is greater than max');
    if (typeof c.output !== 'number' && c.output.dist === 'uniform' && c.output.min > c.output.max) fail(['workload', name, 'output'], 'min is greater than max');
    let arrival = resolveArrival(c.arrival, file, (msg) => fail(['workload', name, 'arrival'], msg));
    if (arrival.process === 'schedule' && c.arrival !== 'poisson' && c.arrival.process === 'schedule' && c.arrival.when) {
      const regions = [...new Set(poolIdx.map((i) => pools[i].region.name))];
      if (regions.length !== 1) fail(['workload', name, 'arrival', 'when'], `the class's pools are in several regions (${regions.join(', ')}); name one pool with pool:`);
      const held = resolveHoldCondition(c.arrival.when, pools[poolIdx[0]].region);
      if (held.warning) warnings.push(`class "${name}": ${held.warning}`);
      arrival = { ...arrival, when: held.condition };
    }
    let profile: RateProfile | undefined;
    if (c.profile !== undefined) {
      if ('preset' in c.profile) {
        const preset = ratePresets[c.profile.preset];
        if (!preset) fail(['workload', name, 'profile', 'preset'], `unknown rate profile "${c.profile.preset}"; known: ${Object.keys(ratePresets).join(', ')}`);
        profile = makeProfile(preset.multipliers, preset.windowSeconds, c.profile.timezone);
      } else {
        if (c.profile.multipliers.every((m) => m === 0)) fail(['workload', name, 'profile', 'multipliers'], 'at least one multiplier must be above 0');
        profile = makeProfile(c.profile.multipliers, c.profile.window, c.profile.timezone);
      }
    }
    const session: ResolvedSession | undefined = c.session && {
      turns: c.session.turns, think: c.session.think, keepTurns: c.session.keepTurns ?? Infinity, maxContext: c.session.maxContext ?? Infinity,
    };
    const agent: ResolvedAgent | undefined = c.agent && {
      steps: c.agent.steps, fanout: c.agent.fanout, tool: c.agent.tool, toolOutput: c.agent.toolOutput, bound: c.agent.bound ?? Infinity,
    };
    const routed = resolveClassRouting(name, c, pools, populations, fail);
    return {
      ...routed,
      name, index, kind: c.kind, rate: (c.rate ?? (arrival.process === 'mmpp' ? mmppStationaryRate(arrival.states) : 0)) * s.trafficMultiplier, arrival, profile, count: c.count ?? Infinity,
      composition: { system: c.system, retrieval: c.retrieval, user: c.prompt }, output: c.output, session, agent,
      prefixCache: c.cache.prefix, exactHitRate: c.cache.exactHitRate, cohort: c.cohort,
      priority: c.priority ?? (c.kind === 'batch' ? 5 : 0), slo: c.slo, pools: routed.pools ?? poolIdx,
    };
  });
}

/** Turns the arrival block into its resolved form; trace paths are relative to the scenario file. */
function resolveArrival(a: ClassInput['arrival'], file: string | undefined, fail: (msg: string) => never): ResolvedArrival {
  if (a === 'poisson') return { process: 'poisson' };
  if (a.process === 'schedule') {
    const { when: _when, ...rest } = a; // resolved against the class's region by the caller
    return rest;
  }
  if (a.process !== 'trace') return a;
  const path = resolvePath(file ? dirname(file) : process.cwd(), a.path);
  if (getFileRoot() !== undefined) {
    try {
      confinePath(path, 'trace');
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const format = a.format ?? detectFormat(path) ?? (a.columns ? 'generic' : undefined);
  if (format === undefined) fail(`cannot tell the format of trace ${a.path} from its first line (or the file is missing); give arrival.format`);
  const options: TraceOptions = { format: format!, onError: a.onError };
  if (a.columns) options.columns = a.columns;
  if (a.timeUnit) options.timeUnit = a.timeUnit;
  if (a.window) options.window = a.window;
  if (a.timeScale !== undefined) options.timeScale = a.timeScale;
  if (a.rateScale !== undefined) options.rateScale = a.rateScale;
  if (a.offset !== undefined) options.offset = a.offset;
  if (a.model !== undefined) options.model = a.model;
  return { process: 'trace', path, open: (seed: number) => openTrace(path, { ...options, seed }) };
}
