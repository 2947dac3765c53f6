import { UserError } from '../errors.js';
import type { SourceDoc } from './load.js';

/** Throws a UserError that points at `path` in the scenario (file, line and dotted path). */
export type Fail = (path: (string | number)[], message: string) => never;

/** A `Fail` for one scenario document; without `src` the error carries the path only. */
export function makeFail(src: SourceDoc | undefined): Fail {
  return (path, message) => {
    const line = src?.lineOf(path);
    const p = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    throw new UserError(message, { file: src?.file, path: p, ...(line !== undefined ? { line } : {}) });
  };
}
