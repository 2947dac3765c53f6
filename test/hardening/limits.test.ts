import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { checkRunSize, DEFAULT_RUN_LIMITS, estimateRun } from '../../src/simulate/estimate.js';
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
