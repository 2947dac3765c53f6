/**
 * Bad input through the CLI (DESIGN §5): one clear message naming the file, the path in it and the
 * line, exit code 2, no stack trace. Mostly in-process through `main(argv, io)`; a few cases spawn
 * `node dist/cli/main.js` to check the real process exit code and streams.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, hasStackTrace, runCli, spawnCli, tempDir, type CliRun } from '../support/cli.js';

const DEFAULT = readFileSync(join(ROOT, 'scenarios/default.yaml'), 'utf8');

/** The 1-based line of the first line of `text` that matches. */
function lineOf(text: string, re: RegExp): number {
  const i = text.split('\n').findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`no line matches ${re}`);
  return i + 1;
}

/** default.yaml with one substitution; fails loudly if the substitution did not apply. */
function mutate(re: RegExp, by: string): string {
  const out = DEFAULT.replace(re, by);
  if (out === DEFAULT) throw new Error(`default.yaml no longer matches ${re}`);
  return out;
}

function expectOneClearError(r: CliRun, parts: { file: string; path?: string; line?: number; says: RegExp }): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
  expect(r.stderr).not.toMatch(/internal error/);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1); // one message
  const msg = lines[0];
  expect(msg.startsWith('error: '), msg).toBe(true);
  if (parts.line !== undefined) expect(msg, msg).toContain(`${parts.file}:${parts.line}: `);
  else expect(msg.startsWith(`error: ${parts.file}: `) || msg.startsWith(`error: ${parts.file}:`), msg).toBe(true);
  if (parts.path !== undefined) expect(msg, msg).toContain(`: ${parts.path}: `);
  expect(msg).toMatch(parts.says);
}

describe('bad scenario input through the CLI', () => {
  const t = tempDir();
  afterAll(() => t.cleanup());

  it('an unknown GPU names the file, line and path, and suggests the known GPUs', async () => {
    const text = mutate(/gpu: H100$/m, 'gpu: H900');
    const f = t.write('gpu.yaml', text);
    const r = await runCli('run', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /gpu: H900/), path: 'fleet.pools[0].gpu', says: /unknown GPU 'H900'.*H100/ });
  });

  it('a negative rate', async () => {
    const text = mutate(/rate: 40\/s /, 'rate: -40/s ');
    const f = t.write('rate.yaml', text);
    const r = await runCli('run', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /rate: -40/), path: 'workload.chat.rate', says: /at least 0.*"-40\/s"/ });
  });

  it('a missing unit (horizon: 3600)', async () => {
    const text = mutate(/^horizon: 1h /m, 'horizon: 3600 ');
    const f = t.write('unit.yaml', text);
    const r = await runCli('validate', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /^horizon: 3600/), path: 'horizon', says: /expected a duration such as .*found "3600" \(a unit is required\)/ });
  });

  it('a value of the wrong type says what was found (not "missing")', async () => {
    const text = mutate(/^seed: 42 /m, 'seed: "abc" ');
    const f = t.write('type.yaml', text);
    const r = await runCli('validate', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /^seed: "abc"/), path: 'seed', says: /expected number, found "abc"/ });
  });

  it('a YAML syntax error names the file and the line', async () => {
    const text = mutate(/rate: 40\/s /, 'rate: 40/s: x ');
    const f = t.write('syntax.yaml', text);
    const r = await runCli('run', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /rate: 40\/s: x/), says: /syntax error: Nested mappings/ });
  });

  it('other YAML syntax errors: tabs, duplicate keys, an unclosed flow sequence', async () => {
    const tab = t.write('tab.yaml', 'seed: 1\n\thorizon: 1h\n');
    expectOneClearError(await runCli('validate', tab), { file: tab, line: 2, says: /Tabs/ });
    const dup = t.write('dup.yaml', 'seed: 1\nhorizon: 1h\nseed: 2\n');
    expectOneClearError(await runCli('validate', dup), { file: dup, line: 3, says: /unique/ });
    // The parser notices an unclosed `[` on the line after it: either line is a fair pointer.
    const text = mutate(/^seed: 42 /m, 'seed: [42 ');
    const flow = t.write('flow.yaml', text);
    const r = await runCli('validate', flow);
    const at = lineOf(text, /^seed: \[42/);
    expect(r.code).toBe(2);
    expect([`error: ${flow}:${at}: syntax error`, `error: ${flow}:${at + 1}: syntax error`].some((p) => r.stderr.startsWith(p)), r.stderr).toBe(true);
  });

  it('an unknown key (a typo) names the key, its path and line', async () => {
    const text = mutate(/^ {6}maxBatch: 256 /m, '      maxBatc: 256 ');
    const f = t.write('key.yaml', text);
    const r = await runCli('run', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /maxBatc:/), path: 'fleet.pools[0].maxBatc', says: /unknown key "maxBatc"/ });
  });

  it('an unknown top-level key', async () => {
    const text = `${DEFAULT}\nhorizn: 2h\n`;
    const f = t.write('top.yaml', text);
    const r = await runCli('validate', f);
    expectOneClearError(r, { file: f, line: lineOf(text, /^horizn:/), path: 'horizn', says: /unknown key "horizn"/ });
  });

  it('a missing file', async () => {
    const f = join(t.dir, 'nope.yaml');
    const r = await runCli('run', f);
    expectOneClearError(r, { file: f, says: /cannot read scenario: no such file/ });
  });

  it('a directory instead of a file', async () => {
    const r = await runCli('validate', t.dir);
    expectOneClearError(r, { file: t.dir, says: /is a directory/ });
  });

  it('JSON scenarios run, and their errors carry lines too', async () => {
    const ok = {
      seed: 3, horizon: '30s',
      workload: { calls: { rate: '2/s' } },
      fleet: { pools: [{ name: 'agents', service: 'exponential(1s)', replicas: 3 }] },
    };
    const good = t.write('ok.json', JSON.stringify(ok, null, 2));
    const r = await runCli('run', good, '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).classes[0].name).toBe('calls');

    const badText = JSON.stringify({ ...ok, horizon: 30 }, null, 2);
    const bad = t.write('bad.json', badText);
    expectOneClearError(await runCli('validate', bad), {
      file: bad, line: lineOf(badText, /"horizon": 30/), path: 'horizon', says: /a unit is required/,
    });
  });

  it('validate checks every file and fails when one is bad', async () => {
    const good = t.write('good.yaml', DEFAULT);
    const bad = t.write('bad-gpu.yaml', mutate(/gpu: H100$/m, 'gpu: H900'));
    const r = await runCli('validate', good, bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('several problems in one file are listed together, each with its line', async () => {
    const text = mutate(/^horizon: 1h /m, 'horizon: 3600 ').replace(/^seed: 42 /m, 'seed: -1 ');
    const f = t.write('two.yaml', text);
    const r = await runCli('validate', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:${lineOf(text, /^horizon:/)}: horizon:`);
    expect(r.stderr).toContain(`${f}:${lineOf(text, /^seed:/)}: seed:`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('end to end: the process exits 2 with the message on stderr only', () => {
    const f = t.write('e2e.yaml', mutate(/gpu: H100$/m, 'gpu: H900'));
    const r = spawnCli(['run', f]);
    expectOneClearError(r, { file: f, path: 'fleet.pools[0].gpu', says: /unknown GPU 'H900'/ });
  });

  it('end to end: a missing file', () => {
    const r = spawnCli(['validate', 'no/such/scenario.yaml']);
    expectOneClearError(r, { file: 'no/such/scenario.yaml', says: /no such file/ });
  });
});

describe('command-line usage', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await runCli('--help');
    expect(r.code).toBe(0);
    for (const c of ['run', 'validate', 'schema']) expect(r.stdout).toMatch(new RegExp(`fleetsim ${c}\\b`));
  });

  it('every command has --help that exits 0 and lists its flags', async () => {
    const top = (await runCli('--help')).stdout;
    const commands = [...top.matchAll(/^ {2}fleetsim ([a-z][\w-]*)/gm)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const c of commands) {
      const r = await runCli(c, '--help');
      expect(r.code, `${c} --help: ${r.stderr}`).toBe(0);
      expect(r.stderr, c).toBe('');
      expect(r.stdout, c).toMatch(new RegExp(`^fleetsim ${c}\\b`));
      expect(r.stdout, c).toContain('--help');
    }
    const run = (await runCli('run', '--help')).stdout;
    for (const flag of ['--seed', '--replications', '--out', '--json', '--fidelity']) expect(run).toContain(flag);
  });

  it('no command, an unknown command and an unknown flag exit 2 with a pointer to --help', async () => {
    for (const argv of [[], ['frobnicate'], ['run', '--no-such-flag']]) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^error: /);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
  });

  it('end to end: --help and --version exit 0', () => {
    const h = spawnCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('fleetsim run');
    const v = spawnCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('schema prints a JSON Schema that names the top-level fields', async () => {
    const r = await runCli('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    for (const k of ['seed', 'horizon', 'workload', 'fleet', 'regions']) expect(Object.keys(schema.properties)).toContain(k);
  });
});
