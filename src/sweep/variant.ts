import { UserError } from '../errors.js';
import { parseDocument, validateScenario, type SourceDoc } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { resolveScenario, type ResolvedScenario } from '../scenario/resolve.js';
import { clonePlain, parsePath, setPath } from './path.js';
import type { AxisValue } from './values.js';

/** A change to the scenario document: the value to put at a path. */
export type Override = readonly [path: string, value: AxisValue];

/**
 * Applies overrides to the plain data of a parsed document, then validates and resolves it, so any
 * path of the file format can be swept and a validation error names the overridden path and value.
 */
export function materialize(base: SourceDoc, overrides: readonly Override[], seed?: number): ResolvedScenario {
  return materializeVariant(base, overrides, seed).resolved;
}

/** A variant: the validated scenario (its `expect:` gates included), its source and its resolved form. */
export interface Variant { scenario: Scenario; source: SourceDoc; resolved: ResolvedScenario }

/** {@link materialize}, also returning the validated scenario and the overridden document. */
export function materializeVariant(base: SourceDoc, overrides: readonly Override[], seed?: number): Variant {
  const data = clonePlain(base.data);
  for (const [path, value] of overrides) setPath(data, parsePath(path), value, path);
  const src: SourceDoc = { file: base.file, data, lineOf: base.lineOf };
  try {
    const scenario = validateScenario(src);
    const resolved = resolveScenario(scenario, src);
    return { scenario, source: src, resolved: seed === undefined ? resolved : { ...resolved, seed } };
  } catch (e) {
    if (e instanceof UserError && overrides.length > 0) {
      const what = overrides.map(([p, v]) => `${p}=${String(v)}`).join(', ');
      const err = new UserError(`${e.preformatted ? e.message : formatPlain(e)}\n  (with ${what})`, { file: e.file, path: e.path, line: e.line, exitCode: e.exitCode });
      err.preformatted = true;
      throw err;
    }
    throw e;
  }
}

function formatPlain(e: UserError): string {
  return `${e.file ?? ''}${e.line !== undefined ? `:${e.line}` : ''}${e.file ? ': ' : ''}${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** Cache of parsed base documents by (file, text) for workers that evaluate many variants. */
const docs = new Map<string, SourceDoc>();
export function parseCached(text: string, file: string): SourceDoc {
  const key = `${file}\0${text}`;
  let d = docs.get(key);
  if (!d) {
    d = parseDocument(text, file);
    if (docs.size > 16) docs.clear();
    docs.set(key, d);
  }
  return d;
}
