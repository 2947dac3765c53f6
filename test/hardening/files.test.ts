import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/index.js';
import { setFileRoot } from '../../src/scenario/include.js';
import { UserError } from '../../src/errors.js';
import { runCli, tempDir } from '../support/cli.js';
import { scenarioYaml } from './scenarios.js';

/** Safety of files: includes, --root confinement, billion laughs, output directories, baselines. */
const tmp = tempDir('fleetsim-files-');
afterAll(() => tmp.cleanup());
const sub = (name: string) => {
  const d = join(tmp.dir, name);
  mkdirSync(d, { recursive: true });
  return d;
};
const TRACE = 'time,prompt,output\n0,100,10\n1,100,10\n2,100,10\n';
const traceArrival = (path: string) => `{ process: trace, format: generic, path: ${path}, columns: { time: time, prompt: prompt, output: output } }`;

describe('include:', () => {
  it('deep-merges included files underneath the scenario, paths relative to the including file', () => {
    const d = sub('inc');
    mkdirSync(join(d, 'common'), { recursive: true });
    writeFileSync(join(d, 'common', 'fleet.yaml'), 'include: regions.yaml\nfleet:\n  pools:\n    - { name: base, model: llama-3.1-8b, gpu: H100, tp: 1, replicas: 3, region: us-east-1 }\n');
    writeFileSync(join(d, 'common', 'regions.yaml'), 'regions:\n  us-east-1: { gpuPrices: { H100: $5/h }, pue: 1.3 }\n');
    writeFileSync(join(d, 'main.yaml'), 'include: [common/fleet.yaml]\nname: merged\nhorizon: 10m\nworkload:\n  chat: { rate: 1/s, prompt: 100, output: 10 }\nregions:\n  us-east-1: { pue: 1.1 }\n');
    const l = loadScenario(join(d, 'main.yaml'));
    expect(l.resolved.name).toBe('merged');
    expect(l.resolved.pools[0].replicas).toBe(3);
    expect(l.resolved.pools[0].region.pue).toBe(1.1); // the including file wins
    expect(l.resolved.pools[0].kind === 'llm' && l.resolved.pools[0].usdPerGpuSecond).toBeCloseTo(5 / 3600); // merged key by key
  });

  it('resolves trace paths of an included file relative to that file', () => {
    const d = sub('inctrace');
    mkdirSync(join(d, 'w', 'data'), { recursive: true });
    writeFileSync(join(d, 'w', 'data', 't.csv'), TRACE);
    writeFileSync(join(d, 'w', 'workload.yaml'), `workload:\n  chat:\n    arrival: ${traceArrival('data/t.csv')}\n`);
    writeFileSync(join(d, 'main.yaml'), scenarioYaml().replace(/workload:[^]*?fleet:/, 'fleet:').replace('name: hardening', 'include: w/workload.yaml\nname: hardening'));
    const l = loadScenario(join(d, 'main.yaml'));
    const a = l.resolved.classes[0].arrival;
    expect(a.process === 'trace' && a.path).toBe(join(d, 'w', 'data', 't.csv'));
  });

  it('rejects cycles, missing files, non-mappings and bad include values with a UserError', () => {
    const d = sub('cycle');
    writeFileSync(join(d, 'a.yaml'), 'include: b.yaml\nname: a\n');
    writeFileSync(join(d, 'b.yaml'), 'include: a.yaml\n');
    writeFileSync(join(d, 'self.yaml'), 'include: self.yaml\n');
    writeFileSync(join(d, 'list.yaml'), '- 1\n- 2\n');
    writeFileSync(join(d, 'm1.yaml'), 'include: missing.yaml\n');
    writeFileSync(join(d, 'm2.yaml'), 'include: list.yaml\n');
    writeFileSync(join(d, 'm3.yaml'), 'include: 5\n');
    writeFileSync(join(d, 'm4.yaml'), 'include: [a.yaml, {x: 1}]\n');
    const cases: [string, RegExp][] = [['a.yaml', /include cycle/], ['self.yaml', /include cycle/], ['m1.yaml', /cannot read include: no such file/], ['m2.yaml', /must hold a mapping/], ['m3.yaml', /expected a file name/], ['m4.yaml', /expected a file name/]];
    for (const [f, re] of cases) expect(() => loadScenario(join(d, f)), f).toThrow(re);
    for (const [f] of cases) expect(() => loadScenario(join(d, f))).toThrow(UserError);
  });

  it('stops a fan-out of includes (each file included twice, 12 levels) at the include limit', () => {
    const d = sub('fan');
    for (let i = 0; i < 12; i++) writeFileSync(join(d, `l${i}.yaml`), `include: [l${i + 1}.yaml, l${i + 1}.yaml]\nk${i}: 1\n`);
    writeFileSync(join(d, 'l12.yaml'), 'x: 1\n');
    expect(() => loadScenario(join(d, 'l0.yaml'))).toThrow(/more than 64 included files/);
  });
});

describe('--root', () => {
  it('confines includes and trace paths (symlinks followed) on run, validate, check, sweep and plan', async () => {
    const root = sub('root');
    const outside = sub('outside');
    writeFileSync(join(outside, 'regions.yaml'), 'regions:\n  us-east-1: { pue: 1.3 }\n');
    writeFileSync(join(outside, 't.csv'), TRACE);
    symlinkSync(join(outside, 't.csv'), join(root, 'link.csv'));
    writeFileSync(join(root, 'inc.yaml'), `include: ../outside/regions.yaml\n${scenarioYaml()}`);
    writeFileSync(join(root, 'trace.yaml'), scenarioYaml({ arrival: traceArrival('../outside/t.csv') }).replace('    rate: 5/s\n', ''));
    writeFileSync(join(root, 'link.yaml'), scenarioYaml({ arrival: traceArrival('link.csv') }).replace('    rate: 5/s\n', ''));
    writeFileSync(join(root, 'ok.yaml'), scenarioYaml());
    for (const f of ['inc.yaml', 'trace.yaml', 'link.yaml']) {
      const file = join(root, f);
      expect((await runCli('validate', file)).code, `${f} without --root`).toBe(0);
      for (const cmd of [['validate', file], ['run', file, '--quiet'], ['check', file, '--quiet'], ['sweep', file, '--set', 'seed=1,2', '--quiet', '--workers', '1'], ['plan', file, '--quiet', '--workers', '1']]) {
        const r = await runCli(...cmd, '--root', root);
        // plan resolves the scenario up front (for its size estimate), so a trace outside the root is
        // a user error there too, before any candidate runs.
        expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr + r.stdout).toMatch(/outside the root/);
      }
    }
    expect((await runCli('validate', join(root, 'ok.yaml'), '--root', root)).code).toBe(0);
  });

  it('is cleared after the command (no leak into the next one in the same process)', async () => {
    const root = sub('root2');
    writeFileSync(join(root, 'inc.yaml'), `include: ../outside/regions.yaml\n${scenarioYaml()}`);
    expect((await runCli('validate', join(root, 'inc.yaml'), '--root', root)).code).toBe(2);
    expect((await runCli('validate', join(root, 'inc.yaml'))).code).toBe(0);
    setFileRoot(undefined);
  });
});

describe('YAML aliases', () => {
  it('a billion-laughs document is rejected with a UserError (exit 2)', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = levels.join('\n');
    expect(() => loadScenarioText(text)).toThrow(UserError);
    expect(() => loadScenarioText(text)).toThrow(/cannot expand the document/);
    const r = await runCli('validate', tmp.write('laughs.yaml', text));
    expect(r.code).toBe(2);
  });
});

describe('outputs', () => {
  it('run --out creates the directory and never wipes what is there', async () => {
    const out = join(tmp.dir, 'deep', 'er', 'out');
    const f = tmp.write('small.yaml', scenarioYaml());
    expect((await runCli('run', f, '--quiet', '--out', out)).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    expect((await runCli('run', f, '--quiet', '--out', out, '--format', 'csv')).code).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(out).filter((x) => x.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).schema).toBe('fleetsim.result/1');
  });

  it('baselines are written only with --update-baseline', async () => {
    const f = tmp.write('base.yaml', scenarioYaml());
    const missing = join(tmp.dir, 'no-baselines');
    const r1 = await runCli('check', f, '--quiet', '--baseline', missing);
    expect(r1.code).toBe(2);
    expect(existsSync(missing)).toBe(false);
    const dir = sub('baselines');
    await runCli('check', f, '--quiet', '--baseline', dir);
    expect(readdirSync(dir)).toEqual([]);
    const r3 = await runCli('check', f, '--quiet', '--baseline', dir, '--update-baseline');
    expect(r3.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['hardening.json']);
    const before = readFileSync(join(dir, 'hardening.json'), 'utf8');
    writeFileSync(f, scenarioYaml({ rate: '6/s' }));
    await runCli('check', f, '--quiet', '--baseline', dir);
    expect(readFileSync(join(dir, 'hardening.json'), 'utf8')).toBe(before);
  });
});
