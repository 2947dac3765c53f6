import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('fleetsim regions', () => {
  it('lists every region with prices, carbon, PUE and numbered sources', async () => {
    const r = await runCli('regions');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^provider\s+region\s+name/);
    expect(r.stdout).toMatch(/aws\s+us-east-1\s+US East \(N\. Virginia\)\s+UTC−5\s+.*H100 6\.88\/2\.64.*396 \(2024\)\s+1\.15/);
    expect(r.stdout).toMatch(/azure\s+swedencentral/);
    expect(r.stdout).toMatch(/\[\d+\] skypilot-catalog aws v8 excerpt/);
  });

  it('--gpu H100 keeps the regions that price it, cheapest first', async () => {
    const r = await runCli('regions', '--gpu', 'h100', '--provider', 'aws');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^aws /.test(l));
    expect(rows[0]).toMatch(/p5\.48xlarge \(8\)\s+6\.88\s+/);
    expect(rows.some((l) => /eu-north-1\s.*7\.36/.test(l))).toBe(true);
    expect(rows.every((l) => !/eu-west-1\s/.test(l))).toBe(true); // no H100 price there
  });

  it('--json prints the entries with sources and dates', async () => {
    const r = await runCli('regions', '--gpu', 'H100', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; price: { onDemandUsdPerHour: number; source: string }; carbon: { source: string; date: string } }[];
    const use1 = out.find((x) => x.id === 'us-east-1')!;
    expect(use1.price.onDemandUsdPerHour).toBeCloseTo(6.88, 9);
    expect(use1.carbon.date).toBe('2024');
  });

  it('an unknown GPU or provider is invalid input (exit 2)', async () => {
    expect((await runCli('regions', '--gpu', 'Z9000')).code).toBe(2);
    expect((await runCli('regions', '--provider', 'oracle')).code).toBe(2);
  });
});
