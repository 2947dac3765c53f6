import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_JS, ROOT, spawnCli, tempDir } from '../support/cli.js';
import { scenarioYaml } from './scenarios.js';

/**
 * Interruptions, end to end: the built CLI (`node dist/cli/main.js`, built by `npm test`) gets
 * SIGINT / SIGTERM mid-run and must exit 130 / 143 leaving no partial or temporary file in --out;
 * an interrupted sweep resumes from the runs it had written.
 */
const tmp = tempDir('fleetsim-signals-');
afterAll(() => tmp.cleanup());

function start(args: string[]): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => child.on('close', (code, signal) => res({ code, signal, stderr })));
  return { child, stderr: () => stderr, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `test()` holds, polling every 50 ms; false after `ms`. */
async function until(test: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (test()) return true;
  return test();
}

/** Every file in `dir` is complete: JSON parses, JSON lines parse line by line, nothing temporary. */
function assertNoPartialFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    expect(name, 'temporary file left behind').not.toMatch(/\.tmp$|^\./);
    const text = readFileSync(join(dir, name), 'utf8');
    if (name.endsWith('.json')) expect(() => JSON.parse(text), name).not.toThrow();
    if (name.endsWith('.jsonl')) {
      expect(text.endsWith('\n'), `${name} ends in a cut line`).toBe(true);
      for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line), name).not.toThrow();
    }
  }
}

const LONG = () => tmp.write('long.yaml', scenarioYaml({ rate: '190/s', horizon: '12h', warmup: '0s', replicas: 32 }));

describe('interruptions (end to end)', () => {
  it('SIGINT during `run --out DIR` exits 130 and leaves no partial file', async () => {
    const out = join(tmp.dir, 'run-int');
    const { child, stderr, done } = start(['run', LONG(), '--out', out]);
    // Progress on stderr: the CLI is loaded (handlers installed) and simulating; the run takes far longer.
    expect(await until(() => /simulated/.test(stderr()), 30_000)).toBe(true);
    await sleep(300);
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(SIGINT\)/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    assertNoPartialFiles(out);
    expect(existsSync(join(out, 'result.json'))).toBe(false); // a run stopped early writes no result as if complete
  });

  it('SIGTERM during `run` exits 143', async () => {
    const out = join(tmp.dir, 'run-term');
    const { child, stderr, done } = start(['run', LONG(), '--out', out, '--replications', '2']);
    expect(await until(() => /simulated/.test(stderr()), 30_000)).toBe(true);
    child.kill('SIGTERM');
    const r = await done;
    expect(r.code).toBe(143);
    assertNoPartialFiles(out);
  });

  it('SIGINT during `check` (two scenarios on worker threads) exits 130 and writes no report or baseline', async () => {
    const a = LONG();
    const b = tmp.write('long2.yaml', readFileSync(a, 'utf8').replace('name: hardening', 'name: hardening2'));
    const out = join(tmp.dir, 'check');
    const { child, done } = start(['check', a, b, '--jobs', '2', '--quiet', '--baseline', join(out, 'baselines'), '--update-baseline', '--junit', join(out, 'junit.xml')]);
    await sleep(3000); // past start-up (signals before the CLI has loaded get the default action); far from the end
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    assertNoPartialFiles(out);
    expect(existsSync(join(out, 'junit.xml'))).toBe(false);
    expect(existsSync(join(out, 'baselines')) ? readdirSync(join(out, 'baselines')) : []).toEqual([]);
  });

  it('SIGINT during `sweep --out DIR` exits 130, keeps only whole runs, and the sweep resumes from them', async () => {
    const file = tmp.write('sweep.yaml', scenarioYaml({ rate: '40/s', horizon: '4h', warmup: '0s' }));
    const out = join(tmp.dir, 'sweep');
    const args = ['sweep', file, '--set', 'fleet.pools[0].replicas=2..16:2', '--out', out, '--workers', '2'];
    const { child, done } = start(args);
    const runsFile = join(out, 'runs.jsonl');
    const lines = () => (existsSync(runsFile) ? readFileSync(runsFile, 'utf8').split('\n').filter(Boolean).length : 0);
    expect(await until(() => lines() >= 2 || child.exitCode !== null, 60_000)).toBe(true); // the header and one run
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    assertNoPartialFiles(out);
    const kept = lines() - 1;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(8);
    expect(existsSync(join(out, 'results.json'))).toBe(false);

    const again = spawnCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(new RegExp(`\\(${kept} resumed\\)`));
    const recs = readFileSync(runsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; id?: string });
    const ids = recs.filter((x) => x.type === 'run').map((x) => x.id);
    expect(new Set(ids).size).toBe(8);
    expect(ids.length).toBe(8);
    assertNoPartialFiles(out);
  });
});
