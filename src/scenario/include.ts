import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Scenario `include:` and the `--root` confinement of the files a scenario names.
 *
 * A scenario (or an included file) may say `include: base.yaml` or `include: [a.yaml, b.json]`. Paths
 * are relative to the including file. Each included document must be a mapping; they are deep-merged
 * in order (later wins) and the including document is merged on top (it wins). Mappings merge key by
 * key; lists and scalars are replaced whole. Trace paths (`workload.<class>.arrival.path`) inside an
 * included file are made absolute relative to that file. A cycle, more than {@link MAX_INCLUDES}
 * files, or a path outside the root is a UserError naming the including file.
 */
export const MAX_INCLUDES = 64;

let fileRoot: string | undefined;

/** Sets (or clears with undefined) the directory that includes and trace paths must stay inside. */
export function setFileRoot(dir: string | undefined): void {
  fileRoot = dir === undefined ? undefined : realPathOf(dir);
}

/** The current root, a real absolute path, or undefined when files may be anywhere. */
export function getFileRoot(): string | undefined {
  return fileRoot;
}

/** The real path of `p` (symlinks followed), or its absolute path when it does not exist. */
export function realPathOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * Returns `path` (absolute) when no root is set or the file (symlinks followed) lies inside it; throws
 * a UserError naming `what` and the root otherwise.
 */
export function confinePath(path: string, what: string, opts: { file?: string; path?: string } = {}): string {
  const abs = resolve(path);
  if (fileRoot === undefined) return abs;
  const rel = relative(fileRoot, realPathOf(abs));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return abs;
  throw new UserError(`${what} ${path} is outside the root ${fileRoot} (--root); keep files under it`, opts);
}

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: mappings key by key, `top` winning; anything else `top` replaces `base`. */
export function deepMerge(base: unknown, top: unknown): unknown {
  if (!isPlain(base) || !isPlain(top)) return top;
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

/**
 * Expands the `include:` key of a parsed document. `stack` holds the real paths of the files being
 * included (the cycle check); `count` is shared across the whole tree. `read` reads and parses a file
 * (expanding its own includes) — the loader passes its own.
 */
export function expandIncludes(data: unknown, file: string, stack: readonly string[], read: (file: string, stack: readonly string[], count: { n: number }) => unknown, count = { n: 0 }): unknown {
  if (!isPlain(data) || !('include' in data)) return data;
  const { include, ...rest } = data;
  const list = typeof include === 'string' ? [include] : include;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x === '')) {
    throw new UserError(`expected a file name or a list of file names, found ${JSON.stringify(include)}`, { file, path: 'include' });
  }
  const base = dirname(resolve(file));
  let merged: unknown = {};
  for (const name of list as string[]) {
    const abs = confinePath(resolve(base, name), 'include', { file, path: 'include' });
    const real = realPathOf(abs);
    if (stack.includes(real)) throw new UserError(`include cycle: ${[...stack, real].map((p) => relative(process.cwd(), p) || p).join(' → ')}`, { file, path: 'include' });
    if (++count.n > MAX_INCLUDES) throw new UserError(`more than ${MAX_INCLUDES} included files`, { file, path: 'include' });
    const doc = read(abs, [...stack, real], count);
    if (!isPlain(doc)) throw new UserError(`an included file must hold a mapping (key: value), found ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc)}`, { file: abs });
    merged = deepMerge(merged, absoluteTracePaths(doc, abs));
  }
  return deepMerge(merged, rest);
}

/** Trace paths of an included document, made absolute relative to that document's file. */
function absoluteTracePaths(doc: Plain, file: string): Plain {
  const workload = doc.workload;
  if (!isPlain(workload)) return doc;
  const w: Plain = {};
  for (const [name, c] of Object.entries(workload)) {
    const arrival = isPlain(c) ? c.arrival : undefined;
    w[name] = isPlain(c) && isPlain(arrival) && typeof arrival.path === 'string' ? { ...c, arrival: { ...arrival, path: resolve(dirname(file), arrival.path) } } : c;
  }
  return { ...doc, workload: w };
}
