/** schema/scenario.schema.json — the file the bundled scenarios point their editors at — is the schema `fleetsim schema` prints. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';

describe('schema/scenario.schema.json', () => {
  it('is up to date (regenerate with npm run schema)', async () => {
    const r = await runCli('schema');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(ROOT, 'schema/scenario.schema.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
  });
});
