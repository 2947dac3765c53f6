import { UserError } from '../errors.js';
import { parseDocument, validateScenario, type SourceDoc } from '../scenario/load.js';
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
  const data = clonePlain(base.data);
  for (const [path, value] of overrides) setPath(data, parsePath(path), value, path);
  const src: SourceDoc = { file: base.file, data, lineOf: base.lineOf };
  try {
    const resolved = resolveScenario(validateScenario(src), src);
    return seed === undefined ? resolved : { ...resolved, seed };
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
