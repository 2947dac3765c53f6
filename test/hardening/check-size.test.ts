import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { fakeIo } from '../support/cli.js';

/** `fleetsim check` refuses a scenario that would run for years, like `run` does, unless --force. */
describe('check: size limits', () => {
  it('a 10-year horizon at 10⁶ req/s is refused with the estimate (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fleetsim-size-'));
    const f = join(dir, 'huge.yaml');
    writeFileSync(f, `
horizon: 3650d
workload:
  chat: { rate: 1000000/s, prompt: 100, output: 10 }
fleet:
  pools:
    - { model: llama-3.1-8b, gpu: H100, replicas: 4 }
expect:
  - p95(ttft) < 1s
`);
    const io = fakeIo();
    const code = await main(['check', f, '--quiet'], io);
    expect(code).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('huge.yaml');
    expect(err).toMatch(/--force/);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });
});
