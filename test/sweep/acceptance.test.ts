import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Acceptance tests of issue 9 that run the compiled CLI as separate processes, the way a Kubernetes
 * Indexed Job runs the shards (JOB_COMPLETION_INDEX set per process) and then merges them.
 */
const root = resolve(__dirname, '../..');
const cli = join(root, 'dist/cli/main.js');
const scenario = join(__dirname, 'fixtures/tiny-chat.yaml');
const grid = ['--set', 'fleet.pools[0].replicas=1..2', '--set', 'workload.chat.rate=*1,1.5,2', '--quiet'];

beforeAll(() => {
  // The worker pool runs compiled workers. `npm test` builds dist/ first; rebuilding here would
  // rewrite dist/ under the other test files' child processes, so build only when it is missing.
  if (!existsSync(join(root, 'dist/sweep/worker.js'))) {
    spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'ignore' });
  }
  if (!existsSync(join(root, 'dist/sweep/worker.js'))) throw new Error('build failed: dist/sweep/worker.js missing');
}, 180_000);

function fleetsim(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, cwd: root });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

const tmp = () => mkdtempSync(join(tmpdir(), 'fleetsim-sweep-'));
const files = (dir: string) => Object.fromEntries(['results.json', 'results.csv', 'results.md', 'pareto.svg'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('sweep: one process, 1 and 2 workers, 4 shards merged', () => {
  it('gives byte-identical results', async () => {
    const [one, two, shards, merged] = [tmp(), tmp(), tmp(), tmp()];
    const r1 = await fleetsim(['sweep', scenario, ...grid, '--workers', '1', '--out', one]);
    expect(r1.code, r1.stderr).toBe(0);
    const r2 = await fleetsim(['sweep', scenario, ...grid, '--workers', '2', '--out', two]);
    expect(r2.code, r2.stderr).toBe(0);
    // Four shard processes at once, as the Indexed Job runs them (index from the environment).
    const rs = await Promise.all([0, 1, 2, 3].map((i) =>
      fleetsim(['sweep', scenario, ...grid, '--shard-from-env', '--workers', '1', '--out', shards], { JOB_COMPLETION_INDEX: String(i), SHARD_COUNT: '4' })));
    for (const r of rs) expect(r.code, r.stderr).toBe(0);
    const shardFiles = readdirSync(shards).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(shards, f));
    expect(shardFiles).toHaveLength(4);
    const m = await fleetsim(['merge', ...shardFiles, '--out', merged, '--quiet']);
    expect(m.code, m.stderr).toBe(0);
    const base = files(one);
    expect(JSON.parse(base['results.json']).runs).toHaveLength(6);
    expect(files(two)).toEqual(base);
    expect(files(merged)).toEqual(base);
    expect(r1.stdout).toBe(m.stdout);
    expect(base['pareto.svg']).toMatch(/^<svg/);
  });

  it('merge names missing and duplicated runs and exits 2', async () => {
    const dir = tmp();
    await Promise.all([0, 1, 2].map((i) => fleetsim(['sweep', scenario, ...grid, '--shard', `${i}/3`, '--workers', '1', '--out', dir])));
    const f = (i: number) => join(dir, `runs.shard-${i}-of-3.jsonl`);
    const missing = await fleetsim(['merge', f(0), f(2)]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/2 of 6 runs missing: r0001, r0004; they belong to shard 1\/3/);
    const dup = await fleetsim(['merge', f(0), f(1), f(2), f(1)]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/duplicated run.*r0001/);
    const ok = await fleetsim(['merge', f(0), f(1), f(2), '--format', 'csv']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.split('\n')[0]).toMatch(/^id,fleet.pools\[0\].replicas,workload.chat.rate,feasible,pareto,/);
  });

  it('resumes: runs already in runs.jsonl are skipped, a cut line is redone, results unchanged', async () => {
    const dir = tmp();
    const full = await fleetsim(['sweep', scenario, ...grid, '--workers', '1', '--out', dir]);
    expect(full.code).toBe(0);
    const before = files(dir);
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n');
    // Keep the header and two runs, and half of a third line (an interrupted write).
    writeFileSync(join(dir, 'runs.jsonl'), `${lines.slice(0, 3).join('\n')}\n${lines[3].slice(0, 40)}`);
    const again = await fleetsim(['sweep', scenario, ...grid, '--workers', '1', '--out', dir, '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(files(dir)).toEqual(before);
    const other = await fleetsim(['sweep', scenario, '--set', 'fleet.pools[0].replicas=1..3', '--out', dir, '--quiet']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds sweep .* not this one/);
  });

  it('names the overridden path of an invalid value', async () => {
    const r = await fleetsim(['sweep', scenario, '--set', 'fleet.pools[0].replicas=-1,1', '--workers', '1', '--quiet', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/run r0000 failed: .*fleet\.pools\[0\]\.replicas.*\(with fleet\.pools\[0\]\.replicas=-1\)/s);
    const bad = await fleetsim(['sweep', scenario, '--set', 'fleet.pools[2].replicas=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/fleet\.pools has 1 items/);
  });
});

describe('plan via the CLI', () => {
  it('prints the plan, margins and simulation count', () => {
    const out = execFileSync(process.execPath, [cli, 'plan', join(__dirname, 'fixtures/mmc-two.yaml'), '--workers', '2', '--quiet'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/× pa .*\+ .*× pb/);
    expect(out).toMatch(/margin/);
    expect(out).toMatch(/\d+ simulations \(an exhaustive search of the same bounds: 144\)/);
  });
});
