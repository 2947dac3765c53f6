import { readFileSync } from 'node:fs';
import YAML, { LineCounter, isMap, isSeq, isScalar, type Node as YamlNode, type Document } from 'yaml';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { expandIncludes, realPathOf } from './include.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** A parsed document plus what is needed to point at its lines. */
export interface SourceDoc {
  readonly file: string;
  readonly data: unknown;
  /** 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Most aliases a document may expand; stops billion-laughs documents early. */
const MAX_ALIASES = 1000;

/**
 * Parses YAML or JSON text (JSON is read by the YAML parser so errors carry lines too) and expands its
 * `include:` key (see include.ts); `stack` holds the real paths of the including files (cycle check).
 * Lines point into this file; keys that came only from an included file point at their nearest
 * ancestor here.
 */
export function parseDocument(text: string, file: string, stack: readonly string[] = [realPathOf(file)], count = { n: 0 }): SourceDoc {
  const lineCounter = new LineCounter();
  const doc: Document = YAML.parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new UserError(`syntax error: ${e.message.split('\n')[0]}`, { file, line });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new UserError(`cannot expand the document: ${(e as Error).message}`, { file });
  }
  data = expandIncludes(data, file, stack, (inc, st, n) => parseDocument(readText(inc, 'include'), inc, st, n).data, count);
  return {
    file,
    data,
    lineOf(path) {
      let node: unknown = doc.contents;
      let found: YamlNode | undefined = doc.contents ?? undefined;
      for (const key of path) {
        if (isMap(node)) node = node.get(key, true);
        else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
        else break;
        if (node && (isMap(node) || isSeq(node) || isScalar(node))) found = node;
        else break;
      }
      const start = found?.range?.[0];
      return start === undefined ? undefined : lineCounter.linePos(start).line;
    },
  };
}

/** Reads a file, mapping file-system errors to user errors. */
export function readText(file: string, what = 'scenario'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UserError(`cannot read ${what}: ${why}`, { file });
  }
}

/** Formats a zod path as `fleet.pools[0].gpu`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s === '' ? String(k) : `.${String(k)}`;
  return s;
}

/** Turns zod issues into one UserError listing each (file:line: path: message). */
export function issuesToError(issues: readonly z.core.$ZodIssue[], src: SourceDoc): UserError {
  const lines: string[] = [];
  let first: { path: string; line?: number } | undefined;
  for (const issue of issues.slice(0, 10)) {
    const basePath = issue.path as PropertyKey[];
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const path = key === undefined ? basePath : [...basePath, key];
      const line = src.lineOf(path);
      const message = issue.code === 'unrecognized_keys' ? `unknown key "${key}"` : describeIssue(issue);
      const p = formatPath(path);
      lines.push(`${src.file}${line !== undefined ? `:${line}` : ''}: ${p ? `${p}: ` : ''}${message}`);
      first ??= { path: p, ...(line !== undefined ? { line } : {}) };
    }
  }
  if (issues.length > 10) lines.push(`… and ${issues.length - 10} more problems`);
  const err = new UserError(lines.join('\n'), { file: src.file, path: first?.path, line: first?.line });
  err.preformatted = true;
  return err;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // Union errors: report the most specific branch (the one that got furthest).
    const branches = issue.errors.filter((b) => b.length > 0);
    const best = branches.sort((a, b) => b[0].path.length - a[0].path.length)[0];
    if (best) return best.map((i) => (i.path.length ? `${formatPath(i.path as PropertyKey[])}: ` : '') + describeIssue(i)).join('; ');
  }
  if (issue.code === 'invalid_type') {
    return `expected ${issue.expected}, found ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_key') {
    // A map key (class, population, catalog id) that breaks its naming rule: say the rule.
    return `not an allowed name: ${issue.issues.map((i) => i.message).join('; ')}`;
  }
  return issue.message;
}

/** A value as an error message shows it: scalars as written (long strings cut), lists and mappings by shape (they may be large or, through YAML aliases, circular). */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    return keys.length === 0 ? 'an empty mapping' : `a mapping (${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', …' : ''})`;
  }
  return typeof v;
}

/** Validates plain data against the scenario schema. */
export function validateScenario(src: SourceDoc): Scenario {
  // reportInput: zod 4 leaves the offending value out of its issues unless asked, and the message says what was found.
  const r = scenarioSchema.safeParse(src.data, { reportInput: true });
  if (!r.success) throw issuesToError(r.error.issues, src);
  return r.data;
}

/** Reads, parses and validates a scenario file (YAML or JSON). */
export function loadScenarioFile(file: string): { scenario: Scenario; source: SourceDoc } {
  const src = parseDocument(readText(file), file);
  return { scenario: validateScenario(src), source: src };
}
