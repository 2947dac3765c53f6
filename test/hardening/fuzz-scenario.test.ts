import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/index.js';
import { runReplication } from '../../src/simulate/runReplication.js';
import { ROOT } from '../support/cli.js';
import { fuzzParams, okOrUserError } from './fuzz.js';

/** Fuzzing the scenario loader: every document loads or is rejected with a UserError. */
const DIR = join(ROOT, 'scenarios');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

type Path = (string | number)[];
/** Every path to a node of a plain value (objects and arrays), the root included. */
function paths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** Odd values a mutation puts somewhere: wrong types, huge and tiny numbers, NaN/Infinity strings, unicode. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, -0.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1e21, 'NaN', 'Infinity', '-Infinity', '.nan', '.inf', '',
    '1e400s', '-5s', '0/s', '1e308/s', '$-1/h', '$1e400/h', 'NaN%', '∞', '１２/s', 'ｓ', '\u0000', '\uFEFF10s', '10 s', '10s\n', [], {}, [[[]]],
    { dist: 'lognormal' }, { process: 'trace' }, { dist: 'constant', value: -1 }, 'H100', 'llama-3.1-70b', 'us-east-1',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.integer(), { maxLength: 3 }),
);

type Mutation = { kind: 'delete' | 'set' | 'nest' | 'dupKey' | 'rename'; pick: number; value: unknown; depth: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'set', 'nest', 'rename'),
  pick: fc.nat(),
  value: oddValue,
  depth: fc.integer({ min: 1, max: 200 }),
});

function apply(doc: unknown, m: Mutation): unknown {
  const all = paths(doc).slice(1);
  if (all.length === 0) return doc;
  const path = all[m.pick % all.length];
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (m.kind === 'set') parent[key] = m.value;
  else if (m.kind === 'nest') {
    let deep: unknown = m.value;
    for (let i = 0; i < m.depth; i++) deep = i % 2 ? [deep] : { a: deep };
    parent[key] = deep;
  } else if (!Array.isArray(parent)) {
    parent[`${String(key)}\u00e9`] = parent[key];
    delete parent[key];
  }
  return copy;
}

let totalSimulated = 0;

describe('scenario loader fuzzing', () => {
  it.each(FILES)('mutations of scenarios/%s load or are rejected with a UserError', (name) => {
    const file = join(DIR, name);
    const doc = YAML.parse(readFileSync(file, 'utf8')) as unknown;
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (ms, asJson) => {
        const mutated = ms.reduce(apply, doc);
        const text = asJson ? JSON.stringify(mutated) : YAML.stringify(mutated);
        if (okOrUserError(() => loadScenarioText(text, file), mutated) === 'rejected') rejected++;
      }),
      fuzzParams(40),
    );
    expect(rejected).toBeGreaterThan(0); // the mutations do reach the validator
  });

  it.each(FILES)('mutations of scenarios/%s that load also simulate (a short event budget) without an internal error', (name) => {
    const file = join(DIR, name);
    const doc = YAML.parse(readFileSync(file, 'utf8')) as unknown;
    let simulated = 0;
    fc.assert(
      fc.property(mutation, (m) => {
        const mutated = apply(doc, m);
        let loaded;
        try {
          loaded = loadScenarioText(YAML.stringify(mutated), file);
        } catch {
          return; // the loader's contract is tested above
        }
        const s = { ...loaded.resolved, replications: 1 };
        okOrUserError(() => runReplication(s, 1, { maxEvents: 5000 }), mutated);
        simulated++;
      }),
      fuzzParams(8),
    );
    totalSimulated += simulated;
  });

  it('some mutated scenarios did load and simulate (the property above is not vacuous)', () => {
    expect(totalSimulated).toBeGreaterThan(0);
  });

  it('random YAML/JSON documents load or are rejected with a UserError', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.jsonValue({ maxDepth: 6 }).map((v) => YAML.stringify(v)),
      fc.constantFrom('&a [*a]', '*x', '!!binary ???', 'a: !!int x', '? [a]\n: b', 'a: 1\na: 2', '---\na: 1\n---\nb: 2', '%YAML 9.9\n---\na', '{', '"\\u'),
      fc.array(fc.string({ maxLength: 8 }), { maxLength: 10 }).map((ks) => ks.map((k, i) => `${'  '.repeat(i % 4)}${k}: ${i}`).join('\n')),
    );
    fc.assert(fc.property(text, fc.constantFrom('', '\uFEFF'), fc.boolean(), (t, bom, crlf) => {
      const body = bom + (crlf ? t.replace(/\n/g, '\r\n') : t);
      okOrUserError(() => loadScenarioText(body, join(DIR, 'fuzz.yaml')), body);
    }), fuzzParams(400));
  });

  it('deeply nested documents are rejected with a UserError, not a stack overflow', () => {
    for (const depth of [1000, 5000]) {
      const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      expect(okOrUserError(() => loadScenarioText(text), depth)).toBe('rejected');
      const yaml = `a:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}1`;
      expect(okOrUserError(() => loadScenarioText(yaml), depth)).toBe('rejected');
    }
  });
});
