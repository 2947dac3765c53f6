import { replicationSeed } from '../engine/random.js';
import { envelope, type Envelope } from '../metrics/envelope.js';
import { LogHistogram } from '../metrics/histogram.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import { runReplication, type RunLimits } from './runReplication.js';
import type { ReplicationOutput, WindowRow, PoolDetail } from './output.js';
import { ledgerResult, type LedgerResult } from '../economics/ledgerResult.js';

export const RESULT_SCHEMA = 'fleetsim.result/1';

/** A figure across replications: the envelope, with nulls where a figure is undefined (NaN). */
export type FigureEnvelope = { [K in keyof Envelope]: number | null };

export interface ClassResult {
  name: string;
  arrived: number;
  completed: number;
  dropped: Record<string, number>;
  all: { arrived: number; completed: number; dropped: number; inFlight: number };
  /** The class's SLO (seconds; percentile in %), null when it has none: reports judge p95s against it. */
  slo: { ttft?: number; tpot?: number; e2e?: number; percentile: number } | null;
  /** Latency CDFs merged over replications: [seconds, cumulative probability] points. */
  cdf: Record<'ttft' | 'tpot' | 'e2e', { x: number[]; p: number[] }>;
}

export type Band = { mean: number | null; p5: number | null; p95: number | null };

export interface SeriesPoint {
  start: number;
  end: number;
  values: Record<string, Band>;
}

export interface RunResult {
  schema: typeof RESULT_SCHEMA;
  scenario: { name: string; seed: number; horizonS: number | null; warmupS: number; fidelity: string; replications: number };
  currency: 'USD';
  /** Every summary figure as an envelope across replications (SI units; money in USD). */
  summary: Record<string, FigureEnvelope>;
  /** Money figures as decimal strings, so that no consumer has to trust a float. */
  money: Record<string, { amount: string; currency: 'USD' }>;
  classes: ClassResult[];
  pools: PoolDetail[];
  /** The cost ledger of the measurement window: rows by layer, item and slice, means across replications (docs/economics.md). */
  ledger: LedgerResult;
  timeseries: { windowS: number; fields: string[]; points: SeriesPoint[] };
  replications: { seed: number; stop: string; endS: number; events: number; figures: Record<string, number | null> }[];
  warnings: string[];
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Runs every replication of a scenario in this thread and builds the result. */
export function simulate(s: ResolvedScenario, limits: RunLimits = {}): RunResult {
  const outs: ReplicationOutput[] = [];
  for (let i = 0; i < s.replications; i++) outs.push(runReplication(s, replicationSeed(s.seed, i), limits));
  return buildResult(s, outs);
}

/** Seeds of the replications, in order: the same for any number of workers. */
export function replicationSeeds(s: ResolvedScenario): number[] {
  return Array.from({ length: s.replications }, (_, i) => replicationSeed(s.seed, i));
}

type NumericWindowField = { [K in keyof WindowRow]: WindowRow[K] extends number ? K : never }[keyof WindowRow];

const WINDOW_FIELDS: NumericWindowField[] = [
  'arrivals', 'completions', 'utilization', 'busyFraction', 'queueMean', 'replicasServing', 'replicasProvisioned', 'powerW', 'facilityPowerW', 'temperatureMaxC', 'costUsd', 'carbonKg',
  'e2eP50', 'e2eP95', 'ttftP50', 'ttftP95',
];

/** Combines replication outputs (in seed order) into a result. Deterministic. */
export function buildResult(s: ResolvedScenario, outs: readonly ReplicationOutput[]): RunResult {
  const names = Object.keys(outs[0].figures);
  const summary: Record<string, FigureEnvelope> = {};
  for (const k of names) {
    const values = outs.map((o) => o.figures[k]).filter((v) => Number.isFinite(v));
    if (values.length === 0) {
      summary[k] = { n: 0, mean: null, sd: null, p5: null, p95: null, ci95Low: null, ci95High: null };
      continue;
    }
    const e = envelope(values);
    summary[k] = { n: e.n, mean: num(e.mean), sd: num(e.sd), p5: num(e.p5), p95: num(e.p95), ci95Low: num(e.ci95Low), ci95High: num(e.ci95High) };
  }
  const money: RunResult['money'] = {};
  for (const k of names) {
    if (k.startsWith('cost.') || /^(pool|class|cohort)\.[^]+\.cost$/.test(k)) {
      const m = summary[k].mean;
      money[k] = { amount: m === null ? 'NaN' : m.toFixed(6), currency: 'USD' };
    }
  }
  const classes: ClassResult[] = outs[0].classes.map((c, ci) => {
    const merged = { ttft: new LogHistogram(), tpot: new LogHistogram(), e2e: new LogHistogram() };
    let arrived = 0;
    let completed = 0;
    const dropped: Record<string, number> = {};
    const all = { arrived: 0, completed: 0, dropped: 0, inFlight: 0 };
    for (const o of outs) {
      const oc = o.classes[ci];
      arrived += oc.arrived;
      completed += oc.completed;
      for (const [r, n] of Object.entries(oc.dropped)) dropped[r] = (dropped[r] ?? 0) + n;
      all.arrived += oc.all.arrived;
      all.completed += oc.all.completed;
      all.dropped += oc.all.dropped;
      merged.ttft.merge(LogHistogram.fromJSON(oc.histograms.ttft));
      merged.tpot.merge(LogHistogram.fromJSON(oc.histograms.tpot));
      merged.e2e.merge(LogHistogram.fromJSON(oc.histograms.e2e));
    }
    all.inFlight = all.arrived - all.completed - all.dropped;
    // x: the latency at each percentile of CDF_POINTS (s); p: that percentile as a fraction.
    const cdf = (h: LogHistogram) => (h.count > 0 ? { x: CDF_POINTS.map((q) => h.percentile(q)), p: CDF_POINTS.map((q) => q / 100) } : { x: [], p: [] });
    return { name: c.name, slo: s.classes[ci]?.slo ?? null, arrived, completed, dropped, all, cdf: { ttft: cdf(merged.ttft), tpot: cdf(merged.tpot), e2e: cdf(merged.e2e) } };
  });
  // Time series: window i across replications (replications may end at different windows when draining).
  const nWin = Math.max(...outs.map((o) => o.windows.length));
  const points: SeriesPoint[] = [];
  for (let i = 0; i < nWin; i++) {
    const rows = outs.map((o) => o.windows[i]).filter((r): r is WindowRow => r !== undefined);
    const pt: SeriesPoint = { start: rows[0].start, end: rows[0].end, values: {} };
    for (const fld of WINDOW_FIELDS) {
      const vals = rows.map((r) => r[fld]).filter((v) => Number.isFinite(v));
      if (vals.length === 0) pt.values[fld] = { mean: null, p5: null, p95: null };
      else {
        const e = envelope(vals);
        pt.values[fld] = { mean: num(e.mean), p5: num(e.p5), p95: num(e.p95) };
      }
    }
    for (const name of Object.keys(rows[0].poolReplicas ?? {})) {
      const vals = rows.map((r) => r.poolReplicas?.[name]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (vals.length === 0) continue;
      const e = envelope(vals);
      pt.values[`pool.${name}.replicas`] = { mean: num(e.mean), p5: num(e.p5), p95: num(e.p95) };
    }
    points.push(pt);
  }
  return {
    schema: RESULT_SCHEMA,
    scenario: { name: s.name, seed: s.seed, horizonS: num(s.horizon), warmupS: s.warmup, fidelity: s.fidelity, replications: s.replications },
    currency: 'USD',
    summary,
    money,
    classes,
    pools: outs[0].pools,
    ledger: ledgerResult(outs.map((o) => o.ledger)),
    timeseries: { windowS: s.window, fields: WINDOW_FIELDS, points },
    replications: outs.map((o) => ({
      seed: o.seed, stop: o.stop, endS: o.end, events: o.events,
      figures: Object.fromEntries(Object.entries(o.figures).map(([k, v]) => [k, num(v)])),
    })),
    warnings: [...s.warnings, ...stopWarnings(outs)],
  };
}

const CDF_POINTS = [0, 1, 2.5, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 92.5, 95, 97.5, 99, 99.5, 99.9, 100];

function stopWarnings(outs: readonly ReplicationOutput[]): string[] {
  const w: string[] = [];
  for (const o of outs) {
    if (o.stop === 'event-budget') w.push(`replication seed ${o.seed}: stopped at the event budget at t=${o.end.toFixed(1)} s; figures cover the time simulated`);
    if (o.stop === 'wall-budget') w.push(`replication seed ${o.seed}: stopped at the wall-clock budget at t=${o.end.toFixed(1)} s; figures cover the time simulated`);
  }
  return w;
}
