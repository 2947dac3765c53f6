import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication, type RunLimits } from '../../src/simulate/runReplication.js';
import type { ReplicationOutput } from '../../src/simulate/output.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DATA = resolve(ROOT, '../shared/data/traces');
export const AZURE = `${DATA}/azure2023_conv.csv`;
export const MOONCAKE = `${DATA}/mooncake_synthetic.jsonl`;
export const haveData = existsSync(AZURE) && existsSync(MOONCAKE);

/** A cheap fleet: a service pool that serves each request in `service` (default 1 ms), `replicas` at once. */
export const cheapFleet = (service = 'constant(1ms)', replicas = 1000): string =>
  `fleet:\n  pools:\n    - { name: svc, service: ${service}, replicas: ${replicas} }\n`;

export interface Arrival { cls: number; session: number; time: number; prompt: number }
export interface Completion { cls: number; arrival: number; completion: number }

/** Loads scenario text and runs one replication, recording every arrival and completion. */
export function runText(text: string, seed?: number, limits: RunLimits = {}): { out: ReplicationOutput; arrivals: Arrival[]; completions: Completion[] } {
  const s = loadScenarioText(text, resolve(ROOT, 'scenarios/test.yaml')).resolved;
  const arrivals: Arrival[] = [];
  const completions: Completion[] = [];
  const out = runReplication(s, seed ?? s.seed, {
    maxEvents: 20_000_000,
    ...limits,
    onArrival: (cls, session, time, prompt) => arrivals.push({ cls, session, time, prompt }),
    onComplete: (cls, arrival, completion) => completions.push({ cls, arrival, completion }),
  });
  return { out, arrivals, completions };
}

/** Groups by a key, keeping order. */
export function groupBy<T>(xs: readonly T[], key: (x: T) => number): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const x of xs) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}
