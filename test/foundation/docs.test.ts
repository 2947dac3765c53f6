/** docs/scenario-format.md documents every field of the scenario schema (add a row when you add a field). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  agentSchema, classSchema, llmPoolSchema, regionSchema, scenarioSchema, servicePoolSchema, sessionSchema, sloSchema,
} from '../../src/scenario/schema.js';
import { ROOT } from '../support/cli.js';

const DOC = readFileSync(join(ROOT, 'docs/scenario-format.md'), 'utf8');

/** A field counts as documented when it appears in code style: `name`, `name.sub` or `name: …`. */
function documented(key: string): boolean {
  const tick = '`';
  return [tick + key + tick, tick + key + '.', tick + key + ':'].some((s) => DOC.includes(s));
}

describe('docs/scenario-format.md', () => {
  const blocks = {
    'top level': scenarioSchema, 'workload class': classSchema, slo: sloSchema, session: sessionSchema, agent: agentSchema,
    'LLM pool': llmPoolSchema, 'service pool': servicePoolSchema, region: regionSchema,
  };
  for (const [name, schema] of Object.entries(blocks)) {
    it(`names every ${name} field`, () => {
      const missing = Object.keys(schema.shape).filter((k) => !documented(k));
      expect(missing, `undocumented ${name} fields`).toEqual([]);
    });
  }
});
