import { UserError } from '../../errors.js';
import { FORMATS, type Format } from '../../report/outputs.js';

/**
 * Decides where each format goes. With `--out DIR` every format but `table` is written as files under
 * DIR and `table` (when asked) is printed. Without it, one format goes to stdout: the table, or the
 * single other format asked for; svg and several file formats need `--out`.
 */
export function planOutputs(formats: readonly string[] | undefined, out: string | undefined, json: boolean | undefined): { formats: Format[]; stdout: Format | null } {
  const list = (formats ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new UserError(`--format: unknown format "${f}"; formats: ${FORMATS.join(', ')}`);
  }
  const fs = [...new Set(list as Format[])];
  if (json) fs.push('json');
  if (fs.length === 0) fs.push('table');
  const files = fs.filter((f) => f !== 'table');
  if (out !== undefined) return { formats: fs, stdout: fs.includes('table') ? 'table' : null };
  if (files.length === 0) return { formats: fs, stdout: 'table' };
  if (files.includes('svg')) throw new UserError('--format svg writes one file per chart: give --out DIR');
  if (files.length > 1) throw new UserError(`--format ${files.join(', ')}: only one format can go to stdout; give --out DIR to write several`);
  if (fs.includes('table')) throw new UserError(`--format table and ${files[0]} would both go to stdout; give --out DIR`);
  return { formats: fs, stdout: files[0] };
}
