import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

function fakeIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', env, columns: undefined, isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

/** A small, fast scenario (2 replications of 3 simulated minutes). */
const SCENARIO = (expect: string) => `name: tiny-chat
seed: 3
horizon: 3m
warmup: 30s
replications: 2
workload:
  chat:
    rate: 8/s
    prompt: { dist: lognormal, median: 500, sigma: 0.6, max: 4000 }
    output: { dist: lognormal, median: 120, sigma: 0.5, max: 1000 }
    slo: { ttft: 800ms, tpot: 60ms, e2e: 30s }
fleet:
  pools:
    - { name: h100, model: llama-3.1-8b, gpu: H100, replicas: 1, pricePerGpuHour: $6.88/h }
${expect}`;

let dir: string;
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = async (args: string[], env: Record<string, string> = {}) => {
  const io = fakeIo(env);
  const code = await main(['check', '--quiet', ...args], io);
  return { code, out: io.out, err: io.err };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fleetsim-check-'));
});

describe('fleetsim check', () => {
  it('exits 0 when every gate passes', async () => {
    const f = write('pass.yaml', SCENARIO('expect:\n  - p95(ttft, class=chat) < 800ms\n  - cost_per_1k_requests <= $5\n  - power.peak < 2.4MW\n'));
    const r = await run([f]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/p95\(ttft, class=chat\) < 800ms\s+pass/);
    expect(r.out).toMatch(/3 gates: 3 passed, 0 failed/);
  });

  it('exits 1 on a failing gate, naming the figure, the threshold and the scenario line', async () => {
    const f = write('fail.yaml', SCENARIO('expect:\n  - slo_attainment(chat) >= 50%\n  - p95(ttft) < 1ms\n  - { gate: "gpu_utilization between 60% and 85%", severity: warn }\n'));
    const r = await run([f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:17: FAIL p95(ttft) < 1ms — class.chat.ttft.p95 = `);
    expect(r.out).toMatch(/threshold < 1ms/);
    expect(r.out).toMatch(/:18: warn gpu_utilization between 60% and 85%/);
  });

  it('a failing warn gate alone exits 0', async () => {
    const f = write('warn.yaml', SCENARIO('expect:\n  - { gate: "p95(ttft) < 1ms", severity: warn }\n'));
    expect((await run([f])).code).toBe(0);
  });

  it('exits 2 with the position of a malformed expression', async () => {
    const f = write('bad.yaml', SCENARIO('expect:\n  - p95(ttft, class=chat) < $0.42\n'));
    const r = await run([f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`${f.replace(/[.]/g, '\\.')}:16: expect\\[0\\]: invalid gate .* at column 25: expected a duration`));
  });

  it('exits 2 for an unknown class, pointing at the gate line', async () => {
    const f = write('cls.yaml', SCENARIO('expect:\n  - p95(ttft, class=batch) < 1s\n'));
    const r = await run([f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cls\.yaml:16: .*no class "batch".*classes: chat/);
  });

  it('baselines: missing is a warning; a regression beyond tolerance fails; one inside the noise band passes', async () => {
    const f = write('base.yaml', SCENARIO('').replace('replications: 2', 'replications: 5'));
    const bdir = join(dir, 'baselines');
    mkdirSync(bdir, { recursive: true });
    const missing = await run([f, '--baseline', bdir]);
    expect(missing.code).toBe(0);
    expect(missing.out).toMatch(/warn\s+no baseline at .*tiny-chat\.json.*--update-baseline/);

    const up = await run([f, '--baseline', bdir, '--update-baseline']);
    expect(up.code).toBe(0);
    expect(up.err).toMatch(/tiny-chat\.json: new baseline with \d+ figures/);
    const path = join(bdir, 'tiny-chat.json');
    const base = JSON.parse(readFileSync(path, 'utf8'));
    expect((await run([f, '--baseline', bdir])).code).toBe(0);

    const cur = base.figures['cost.per1kRequests'];
    // Baseline 20 % cheaper with a tight band: the current run is a regression.
    const tight = structuredClone(base);
    tight.figures['cost.per1kRequests'] = { ...cur, mean: cur.mean * 0.8, ci95Low: cur.mean * 0.8, ci95High: cur.mean * 0.8 };
    writeFileSync(path, JSON.stringify(tight));
    const reg = await run([f, '--baseline', bdir, '--all']);
    expect(reg.code).toBe(1);
    expect(reg.out).toMatch(/FAIL baseline: cost\.per1kRequests — cost\.per1kRequests regressed: .*\(\+25\.0%\), beyond tolerance/);

    // Same shift, but the replications' noise band is wider than the change: passes.
    const noisy = structuredClone(base);
    noisy.figures['cost.per1kRequests'] = { ...cur, mean: cur.mean * 0.8, ci95Low: cur.mean * 0.3, ci95High: cur.mean * 1.3 };
    writeFileSync(path, JSON.stringify(noisy));
    const ok = await run([f, '--baseline', bdir, '--all']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/cost\.per1kRequests .*within the noise band/);

    // A wider tolerance from the command line also passes the tight regression.
    writeFileSync(path, JSON.stringify(tight));
    expect((await run([f, '--baseline', bdir, '--tolerance', 'cost_per_1k_requests=30%'])).code).toBe(0);
  });

  it('writes JUnit XML in the shape reporters read, a PR comment with its marker, the step summary and annotations', async () => {
    const f = write('ci.yaml', SCENARIO('expect:\n  - p95(ttft) < 800ms\n  - p95(ttft) < 1ms\n  - { gate: "p99(e2e) < 1ms", severity: warn, name: e2e-tail }\n'));
    const junit = join(dir, 'out', 'junit.xml');
    const comment = join(dir, 'out', 'comment.md');
    const summary = join(dir, 'summary.md');
    const r = await run([f, '--junit', junit, '--comment', comment], { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="fleetsim check" tests="3" failures="1" errors="0" time="[\d.]+">/);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="0" time="[\d.]+"/g)];
    expect(suites.map((m) => m.slice(1))).toEqual([['tiny-chat', '3', '1', '0']]);
    const cases = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]+)" time="[\d.]+"/g)];
    expect(cases.map((m) => m[1])).toEqual(['p95(ttft) &lt; 800ms', 'p95(ttft) &lt; 1ms', 'e2e-tail']);
    expect((xml.match(/<failure message="[^"]+" type="expect-gate">/g) ?? []).length).toBe(1);
    expect(xml.match(/<testsuites/g)?.length).toBe(1);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);

    const md = readFileSync(comment, 'utf8');
    expect(md.startsWith('<!-- fleetsim-check -->\n## fleetsim check: ❌ 1 gate failed')).toBe(true);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## fleetsim check: ❌ 1 gate failed/);
    expect(r.out).toMatch(new RegExp(`::error file=${f.replace(/[.]/g, '\\.')},line=17,title=fleetsim check%3A p95\\(ttft\\) < 1ms::tiny-chat: class\\.chat\\.ttft\\.p95 = `));
    expect(r.out).toMatch(/::warning file=.*,line=18,title=fleetsim check%3A e2e-tail::/);
  });

  it('accepts directories and a policy file; --on p95 uses the upper band', async () => {
    const sub = join(dir, 'many');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'one.yaml'), SCENARIO('expect:\n  - { gate: "p95(ttft) < 800ms", on: p95 }\n'));
    writeFileSync(join(sub, 'two.yaml'), SCENARIO('').replace('name: tiny-chat', 'name: tiny-two'));
    const pol = write('policy.yaml', 'expect:\n  - slo_attainment(chat) >= 10%\ntolerances:\n  cost.per1kRequests: "2%,$0.001"\n');
    const r = await run([sub, '--policy', pol]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 scenarios, 3 gates: 3 passed/);
    expect(r.out).toMatch(/p95 of 2/);
    const badPol = write('badpolicy.yaml', 'expect:\n  - gpu_utilization between 85% and\n');
    const b = await run([sub, '--policy', badPol]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/badpolicy\.yaml:2: expect\[0\]: invalid gate .* at column 32/);
  });

  it('exits 2 for a missing scenario file', async () => {
    const r = await run([join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.yaml: no such scenario file/);
  });

  const TRACE = resolve(process.cwd(), '../shared/data/traces/azure2023_conv.csv');
  it.skipIf(!existsSync(TRACE))('--observed flags drift of the workload assumptions against a trace', async () => {
    const f = write('obs.yaml', SCENARIO(''));
    const r = await run([f, '--observed', TRACE, '--all']);
    expect([0, 1]).toContain(r.code);
    expect(r.out).toMatch(/observed: chat\.rate\.mean/);
    expect(r.out).toMatch(/p90 prompt length is \d+ % (above|below) the plan's assumption \(observed [\d,]+ tokens vs plan [\d,]+ tokens\)/);
  });
});
