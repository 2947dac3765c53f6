/** The library API (src/index.ts): what a program embedding fleetsim imports. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as fleetsim from '../../src/index.js';
import { ROOT } from '../support/cli.js';

const TEXT = `
seed: 9
horizon: 60s
workload:
  jobs: { rate: 3/s }
fleet:
  pools:
    - { name: workers, service: exponential(500ms), replicas: 2 }
`;

describe('library API', () => {
  it('loads, resolves and simulates without the CLI', () => {
    const { resolved } = fleetsim.loadScenarioText(TEXT, 'inline.yaml');
    // Plain data → schema (defaults filled, SI units) → resolved against the catalog.
    const again = fleetsim.resolveScenario(fleetsim.scenarioSchema.parse(plainData()));
    expect(again.pools[0].name).toBe(resolved.pools[0].name);
    const r = fleetsim.simulate(resolved);
    expect(r.schema).toBe(fleetsim.RESULT_SCHEMA);
    expect(r.classes[0].all.arrived).toBeGreaterThan(100);
    const one = fleetsim.runReplication(resolved, fleetsim.replicationSeeds(resolved)[0]);
    expect(one.figures['class.jobs.completed']).toBe(r.replications[0].figures['class.jobs.completed']);
  });

  it('loads scenario files and throws UserError with the file, path and line', () => {
    expect(fleetsim.loadScenario(join(ROOT, 'scenarios/default.yaml')).resolved.classes.length).toBeGreaterThan(0);
    let err: unknown;
    try {
      fleetsim.loadScenarioText(TEXT.replace('3/s', '3'), 'inline.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(fleetsim.UserError);
    const u = err as InstanceType<typeof fleetsim.UserError>;
    expect(u.exitCode).toBe(2);
    expect(u.file).toBe('inline.yaml');
    expect(u.path).toBe('workload.jobs.rate');
    expect(u.line).toBe(5);
    expect(fleetsim.formatUserError(u)).toMatch(/^inline\.yaml:5: workload\.jobs\.rate: expected a rate/);
  });

  it('exports the queueing formulas and the unit parser', () => {
    expect(fleetsim.erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    expect(fleetsim.mg1MeanWait(0.5, 1, 1)).toBeCloseTo(0.5, 12);
    expect(fleetsim.parseQuantity('duration', '2h')).toBe(7200);
  });
});

/** The plain data of TEXT (what YAML parsing gives), to feed resolveScenario directly. */
function plainData(): unknown {
  return {
    seed: 9, horizon: '60s', workload: { jobs: { rate: '3/s' } },
    fleet: { pools: [{ name: 'workers', service: 'exponential(500ms)', replicas: 2 }] },
  };
}
