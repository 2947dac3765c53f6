import type { LineReader } from '../../../io/lineReader.js';
import { parseIntList } from './bytes.js';
import { JsonFields, JsonKind } from './jsonFields.js';
import { LineSource, Parsed, type RawRecord } from './lineSource.js';
import type { SourceSpec } from './sourceSpec.js';

const T = 0;
const P = 1;
const O = 2;
const H = 3;

/**
 * JSON Lines trace source: one JSON object per line. Numbers may also be given as strings holding a
 * number; an ISO time must be a string; hashes must be an array of integers.
 */
export class JsonlSource extends LineSource {
  private readonly j: JsonFields;

  constructor(reader: LineReader, onError: 'fail' | 'skip', private readonly spec: SourceSpec) {
    super(reader, onError);
    const keys = [spec.time, spec.prompt, spec.output, ...(spec.hashIds ? [spec.hashIds] : [])];
    this.j = new JsonFields(keys.map((k) => Buffer.from(k, 'utf8')));
  }

  protected parse(buf: Buffer, s: number, e: number, r: RawRecord): Parsed {
    const j = this.j;
    const sp = this.spec;
    if (!j.scan(buf, s, e)) {
      this.why = `invalid JSON: ${jsonMessage(buf.toString('utf8', s, e)) ?? j.error}`;
      return Parsed.Error;
    }
    for (let k = 0; k < 3; k++) {
      const name = k === T ? sp.time : k === P ? sp.prompt : sp.output;
      if (j.kinds[k] === JsonKind.Missing) return this.missing(name);
      if (j.kinds[k] !== JsonKind.Number && j.kinds[k] !== JsonKind.String) {
        this.bad(name, k === T ? 'a timestamp' : 'a token count', buf, j.starts[k], j.ends[k]);
        return Parsed.Error;
      }
    }
    if (!this.time(buf, j.starts[T], j.ends[T], sp.timeUnit, sp.time, r)) return Parsed.Error;
    r.promptTokens = this.tokens(buf, j.starts[P], j.ends[P], sp.prompt);
    if (Number.isNaN(r.promptTokens)) return Parsed.Error;
    r.outputTokens = this.tokens(buf, j.starts[O], j.ends[O], sp.output);
    if (Number.isNaN(r.outputTokens)) return Parsed.Error;
    r.hashIds.length = 0;
    if (sp.hashIds) {
      if (j.kinds[H] === JsonKind.Missing) return this.missing(sp.hashIds);
      if (j.kinds[H] !== JsonKind.Array || !parseIntList(buf, j.starts[H], j.ends[H], r.hashIds)) {
        this.bad(sp.hashIds, 'an array of integer block hashes', buf, j.starts[H], j.ends[H]);
        return Parsed.Error;
      }
    }
    return Parsed.Ok;
  }

  private missing(name: string): Parsed {
    this.why = `missing key ${JSON.stringify(name)}`;
    this.whyPath = undefined;
    return Parsed.Error;
  }
}

/** JSON.parse's own message for a line our scanner rejected (error path only). */
function jsonMessage(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
