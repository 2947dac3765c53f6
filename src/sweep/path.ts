import { UserError } from '../errors.js';

/** One step of a scenario path: an object key or an array index. */
export type PathKey = string | number;

/**
 * Parses a scenario path such as `fleet.pools[0].replicas`, `workload.chat.rate` or
 * `regions.us-east-1.gpuPrices.H100` into keys. Keys are split on `.`; `[n]` is an array index.
 */
export function parsePath(path: string): PathKey[] {
  const keys: PathKey[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let expectKey = true;
  re.lastIndex = 0;
  while (re.lastIndex < path.length && (m = re.exec(path)) !== null) {
    if (m[1] !== undefined) {
      if (!expectKey) throw badPath(path);
      keys.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (keys.length === 0) throw badPath(path);
      keys.push(Number(m[2]));
      expectKey = false;
    } else {
      if (expectKey) throw badPath(path);
      expectKey = true;
    }
  }
  if (re.lastIndex !== path.length || keys.length === 0 || expectKey) throw badPath(path);
  return keys;
}

function badPath(path: string): UserError {
  return new UserError(`invalid scenario path ${JSON.stringify(path)}: expected keys separated by dots with [n] for list items, e.g. fleet.pools[0].replicas`);
}

/** The value at `keys` in plain data, or undefined when any step is missing. */
export function getPath(data: unknown, keys: readonly PathKey[]): unknown {
  let node = data;
  for (const k of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathKey, unknown>)[k];
  }
  return node;
}

/**
 * Sets `value` at `keys` in `data` (mutating it). Missing objects on the way are created; a list
 * index past the end of an existing list is an error naming the path.
 */
export function setPath(data: unknown, keys: readonly PathKey[], value: unknown, display: string): void {
  if (data === null || typeof data !== 'object') throw new UserError(`cannot set ${display}: the scenario is not a mapping`);
  let node = data as Record<PathKey, unknown>;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    let next = node[k];
    if (next === undefined || next === null) {
      if (typeof keys[i + 1] === 'number') throw new UserError(`cannot set ${display}: ${formatKeys(keys.slice(0, i + 1))} is not a list in the scenario`, { path: display });
      next = {};
      node[k] = next;
    }
    if (typeof next !== 'object') throw new UserError(`cannot set ${display}: ${formatKeys(keys.slice(0, i + 1))} is ${JSON.stringify(next)}, not a mapping or list`, { path: display });
    if (Array.isArray(next) && typeof keys[i + 1] === 'number' && (keys[i + 1] as number) >= next.length) {
      throw new UserError(`cannot set ${display}: ${formatKeys(keys.slice(0, i + 1))} has ${next.length} items`, { path: display });
    }
    node = next as Record<PathKey, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

export function formatKeys(keys: readonly PathKey[]): string {
  let s = '';
  for (const k of keys) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s;
}

/** Deep copy of plain JSON-like data (what a parsed scenario document is). */
export function clonePlain<T>(data: T): T {
  return structuredClone(data);
}
