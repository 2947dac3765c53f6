import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
it('probe', () => {
  const keys = (f: Record<string, number>, ks: string[]) => ks.map((k) => `${k}=${typeof f[k] === 'number' ? +f[k].toPrecision(4) : f[k]}`).join(' ');
  const rp = readFileSync('scenarios/region-placement.yaml', 'utf8');
  for (const [a, b] of [[4, 0], [0, 4], [2, 2]]) {
    const t = rp.replace('region: us-east-1, replicas: 2', `region: us-east-1, replicas: ${a}`).replace('region: eu-north-1, replicas: 2', `region: eu-north-1, replicas: ${b}`);
    const s = loadScenarioText(t).resolved;
    const t0 = Date.now();
    const f = runReplication(s, s.seed).figures;
    console.log(a, b, Date.now() - t0, 'ms', keys(f, ['cost.total', 'class.chat.ttft.p95', 'class.chat.e2e.p95', 'carbon.kg', 'class.chat.routing.crossRegionShare', 'class.chat.completed', 'pool.use1.routed', 'pool.eun1.routed', 'cost.item.cross-region', 'class.chat.sloAttainment', 'fleet.utilization']));
  }
  const cs = loadScenarioText(readFileSync('scenarios/cascade-8b-70b.yaml', 'utf8')).resolved;
  const t0 = Date.now();
  const f = runReplication(cs, cs.seed).figures;
  console.log(Date.now() - t0, 'ms');
  for (const c of ['direct', 'cascade']) console.log(c, keys(f, [`class.${c}.cost`, `class.${c}.completed`, `class.${c}.escalatedShare`, `class.${c}.qualitySuccess`, `class.${c}.sloAttainment`, `class.${c}.successfulOutcomes`, `class.${c}.e2e.p95`, `class.${c}.ttft.p95`, `class.${c}.dropped`]));
  console.log(keys(f, ['pool.l70.busyFraction', 'pool.l8.busyFraction', 'pool.l70-fp8.busyFraction', 'pool.l70.utilization', 'pool.l70-fp8.utilization', 'cost.total', 'cost.perSuccessfulOutcome']));
});
