import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { checkRunSize, DEFAULT_RUN_LIMITS, estimateRun } from '../../src/simulate/estimate.js';
import { checkSweepSize } from '../../src/sweep/size.js';
import { UserError } from '../../src/errors.js';
import { runCli, tempDir } from '../support/cli.js';
import { scenarioYaml } from './scenarios.js';

/** Resource limits: runs too large are refused up front; event and wall budgets stop runs cleanly. */
const tmp = tempDir('fleetsim-limits-');
afterAll(() => tmp.cleanup());

describe('size estimate', () => {
  it('refuses 10⁷ replicas with the memory estimate and the --force hint (exit 2)', async () => {
    const f = tmp.write('replicas.yaml', scenarioYaml({ replicas: 10_000_000 }));
    const r = await runCli('run', f, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GiB of memory \(10\.0 M replicas/);
    expect(r.stderr).toMatch(/--force/);
  });

  it('refuses a 10-year horizon at 10⁶ requests/s with the time estimate (exit 2)', async () => {
    const f = tmp.write('decade.yaml', scenarioYaml({ horizon: '3650d', rate: '1000000/s' }));
    const r = await runCli('run', f, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/3\.2e14 requests/);
    expect(r.stderr).toMatch(/years on one core/);
    expect(r.stderr).toMatch(/--force/);
  });

  it('counts classes bounded only by a count (no horizon)', () => {
    const s = loadScenarioText(scenarioYaml({ warmup: '0s' }).replace('horizon: 10m\n', '').replace('    rate: 5/s', '    rate: 5/s\n    count: 1000')).resolved;
    expect(estimateRun(s).requests).toBe(1000);
  });

  it('accepts the example scenarios', () => {
    for (const name of ['default.yaml', 'reference-chat.yaml', 'agent-fanout.yaml']) {
      const file = join('scenarios', name);
      const s = loadScenarioText(readFileSync(file, 'utf8'), file).resolved;
      expect(() => checkRunSize(s, DEFAULT_RUN_LIMITS)).not.toThrow();
    }
  });

  it('is a UserError, so every caller maps it to exit 2', () => {
    const s = loadScenarioText(scenarioYaml({ replicas: 10_000_000 })).resolved;
    expect(() => checkRunSize(s, DEFAULT_RUN_LIMITS)).toThrow(UserError);
  });
});

describe('sweep and plan size estimate', () => {
  // 10 simulated days at 200 requests/s: ≈ 1.7e8 requests per run, about 6 minutes each at the estimate's 2 M events/s.
  const big = () => tmp.write('big.yaml', scenarioYaml({ horizon: '10d', rate: '200/s' }));

  it('refuses a sweep whose runs would take hours on its workers, naming runs, events and time (exit 2)', async () => {
    const out = join(tmp.dir, 'sweep-big');
    const r = await runCli('sweep', big(), '--set', 'fleet.pools[0].replicas=1..40', '--workers', '2', '--quiet', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this sweep is too large to run by default: 40 runs ≈ 2\.8e10 events, roughly [\d.]+ hours on 2 workers \(limit 60 minutes\)/);
    expect(r.stderr).toMatch(/--shard|--force/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('estimates a large sweep from an even sample of its variants, and --force skips the check', () => {
    const s = loadScenarioText(scenarioYaml({ horizon: '24h', rate: '100/s' })).resolved; // ≈ 17 s per run at the estimate's rate
    const limits = { maxWallSeconds: 3600, maxMemoryBytes: 2 ** 40 };
    const one = checkSweepSize([s], 1, limits);
    // 4 sampled variants standing for 4,000 runs on 4 workers: 1,000 runs' time.
    const many = () => checkSweepSize([s, s, s, s], 4, limits, 'x.yaml', 1000);
    expect(() => many()).toThrow(/4\.0 k runs/);
    expect(() => checkSweepSize([s, s, s, s], 4, { maxWallSeconds: 1e9, maxMemoryBytes: 2 ** 40 }, 'x.yaml', 1000)).not.toThrow();
    expect(checkSweepSize([s, s, s, s], 4, { maxWallSeconds: 1e9, maxMemoryBytes: 2 ** 40 }, 'x.yaml', 1000).wallSeconds).toBeCloseTo(one.wallSeconds * 1000, 6);
  });

  it('estimates a grid of more than 512 variants from an even sample, counting every run', async () => {
    // 600 variants of one simulated day at 100 requests/s: ≈ 17 s each at the estimate's rate.
    const f = tmp.write('wide.yaml', scenarioYaml({ horizon: '24h', rate: '100/s' }));
    const r = await runCli('sweep', f, '--set', 'seed=1..600', '--workers', '2', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this sweep is too large to run by default: 600 runs ≈ 2\.1e10 events, roughly [\d.]+ hours on 2 workers/);
  });

  it('accepts a small sweep', async () => {
    const f = tmp.write('small.yaml', scenarioYaml({ horizon: '1m', warmup: '0s' }));
    const r = await runCli('sweep', f, '--set', 'fleet.pools[0].replicas=1..3', '--workers', '1', '--quiet');
    expect(r.code).toBe(0);
  });

  it('refuses a plan whose search would take hours: at least a bisection per candidate (exit 2)', async () => {
    const f = tmp.write('plan-big.yaml', scenarioYaml({ horizon: '60d', rate: '200/s' }));
    const r = await runCli('plan', f, '--quiet', '--max-replicas', '64', '--gpus', 'H100,H200', '--workers', '2');
    expect(r.code).toBe(2);
    // 2 candidates × (log2(64) + 1) = 14 simulations of 1.04e9 requests (≈ 35 minutes each) on 2 workers.
    expect(r.stderr).toMatch(/this plan is too large to run by default: at least 14 simulations of about 1\.0e9 requests × 1 replications each, roughly [\d.]+ hours on 2 workers/);
    expect(r.stderr).toMatch(/--force/);
  });
});

describe('run budgets', () => {
  const long = () => tmp.write('long.yaml', scenarioYaml({ rate: '40/s', horizon: '2h', warmup: '0s' }));

  it('--max-events stops each replication cleanly; the result says where and why', async () => {
    const out = join(tmp.dir, 'events');
    const r = await runCli('run', long(), '--quiet', '--max-events', '20000', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/stopped at the event budget/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.replications[0].stop).toBe('event-budget');
    expect(result.replications[0].events).toBeLessThanOrEqual(20000);
    expect(result.replications[0].endS).toBeLessThan(7200);
    expect(result.warnings.join('\n')).toMatch(/event budget/);
  });

  it('--max-wall stops cleanly at the wall-clock budget', async () => {
    const r = await runCli('run', long(), '--quiet', '--json', '--max-wall', '1ms');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.replications[0].stop).toBe('wall-budget');
    expect(result.warnings.join('\n')).toMatch(/wall-clock budget/);
  });

  it('rejects bad budgets with exit 2', async () => {
    for (const args of [['--max-events', '0'], ['--max-events', '1.5'], ['--max-wall', '30'], ['--max-wall=-5s'], ['--max-wall', 'soon']]) {
      const r = await runCli('run', long(), '--quiet', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--max-(events|wall)/);
    }
  });
});
