/**
 * Errors a user can fix. The CLI prints `message` (never a stack) and exits with `exitCode`.
 * Everything else that escapes is an internal error (exit 3).
 */
export class UserError extends Error {
  readonly exitCode: number;
  /** File the problem is in, when there is one. */
  readonly file?: string;
  /** Path inside the document, e.g. `fleet.pools[0].gpu`. */
  readonly path?: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
  /** The message already names file, line and path (several problems listed). */
  preformatted = false;

  constructor(message: string, opts: { file?: string; path?: string; line?: number; exitCode?: number } = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = opts.exitCode ?? 2;
    if (opts.file !== undefined) this.file = opts.file;
    if (opts.path !== undefined) this.path = opts.path;
    if (opts.line !== undefined) this.line = opts.line;
  }
}

/** A gate failed (exit 1). Not an error of the program or of the input. */
export class GateFailure extends Error {
  readonly exitCode = 1;
}

/** Formats `file:line: path: message` with whatever parts are known. */
export function formatUserError(e: UserError): string {
  if (e.preformatted) return e.message;
  const where = [e.file, e.line !== undefined ? String(e.line) : undefined].filter((x) => x !== undefined).join(':');
  const head = where ? `${where}: ` : '';
  const path = e.path ? `${e.path}: ` : '';
  return `${head}${path}${e.message}`;
}
