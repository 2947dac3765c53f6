import { UserError } from '../../../errors.js';
import type { LineReader } from '../../../io/lineReader.js';
import { parseIntList } from './bytes.js';
import { CsvFields } from './csvFields.js';
import { LineSource, Parsed, type RawRecord } from './lineSource.js';
import type { SourceSpec } from './sourceSpec.js';

/**
 * CSV trace source: the first non-blank line is the header; columns are found by name (exact, then
 * ignoring case and surrounding blanks). Extra columns are ignored.
 */
export class CsvSource extends LineSource {
  private readonly f = new CsvFields();
  private readonly iTime: number;
  private readonly iPrompt: number;
  private readonly iOutput: number;
  private readonly iHash: number;
  private readonly iMatch: number;
  private readonly matchValue: Buffer | undefined;
  private readonly need: number;

  constructor(reader: LineReader, onError: 'fail' | 'skip', private readonly spec: SourceSpec) {
    super(reader, onError);
    let header: string[] | undefined;
    while (reader.next()) {
      if (reader.end === reader.start || reader.text().trim() === '') continue;
      if (this.f.split(reader.buf, reader.start, reader.end) < 0) {
        throw new UserError(`malformed CSV header: ${this.f.error}`, { file: reader.path, line: reader.lineNumber });
      }
      header = Array.from({ length: this.f.count }, (_, i) => this.f.text(reader.buf, i));
      break;
    }
    if (!header) throw new UserError('empty trace: no CSV header line', { file: reader.path });
    const found = header;
    const col = (name: string): number => {
      let i = found.indexOf(name);
      if (i < 0) i = found.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
      if (i < 0) {
        throw new UserError(`CSV header has no column ${JSON.stringify(name)}; found ${found.map((h) => JSON.stringify(h)).join(', ')}`, {
          file: reader.path,
          line: reader.lineNumber,
        });
      }
      return i;
    };
    this.iTime = col(spec.time);
    this.iPrompt = col(spec.prompt);
    this.iOutput = col(spec.output);
    this.iHash = spec.hashIds ? col(spec.hashIds) : -1;
    this.iMatch = spec.match ? col(spec.match.column) : -1;
    this.matchValue = spec.match ? Buffer.from(spec.match.value, 'utf8') : undefined;
    this.need = Math.max(this.iTime, this.iPrompt, this.iOutput, this.iHash, this.iMatch) + 1;
  }

  protected parse(buf: Buffer, s: number, e: number, r: RawRecord): Parsed {
    const f = this.f;
    const n = f.split(buf, s, e);
    if (n < 0) {
      this.why = `malformed CSV: ${f.error}`;
      return Parsed.Error;
    }
    if (n < this.need) {
      this.why = `expected at least ${this.need} fields, found ${n}`;
      return Parsed.Error;
    }
    const sp = this.spec;
    if (!this.time(buf, f.starts[this.iTime], f.ends[this.iTime], sp.timeUnit, sp.time, r)) return Parsed.Error;
    r.promptTokens = this.tokens(buf, f.starts[this.iPrompt], f.ends[this.iPrompt], sp.prompt);
    if (Number.isNaN(r.promptTokens)) return Parsed.Error;
    r.outputTokens = this.tokens(buf, f.starts[this.iOutput], f.ends[this.iOutput], sp.output);
    if (Number.isNaN(r.outputTokens)) return Parsed.Error;
    if (this.iHash >= 0) {
      if (!parseIntList(buf, f.starts[this.iHash], f.ends[this.iHash], r.hashIds)) {
        this.bad(sp.hashIds ?? '', 'a list of integer block hashes', buf, f.starts[this.iHash], f.ends[this.iHash]);
        return Parsed.Error;
      }
    } else r.hashIds.length = 0;
    if (this.matchValue && !f.equals(buf, this.iMatch, this.matchValue)) return Parsed.Filtered;
    if (sp.dropZeroOutput && r.outputTokens === 0) return Parsed.Filtered;
    return Parsed.Ok;
  }
}
