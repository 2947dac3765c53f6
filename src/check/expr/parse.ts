import { GateSyntaxError } from './syntaxError.js';
import { describeToken, tokenize, type Token } from './tokenize.js';
import { compatible, describeValueKind, KNOWN_UNITS, unitValue, type ValueKind } from '../values.js';
import { ALIASES, CLASS_FUNCTIONS, LATENCY_METRICS, PERCENTILES, POOL_FUNCTIONS, figureKind, own } from '../figures.js';

/**
 * Gate expressions (grammar in docs/check.md):
 *
 *   gate       := subject comparison EOF
 *   comparison := op value | 'between' value 'and' value
 *   op         := '<' | '<=' | '>' | '>=' | '==' | '!='
 *   subject    := name '(' args ')' | name ('.' name)*
 *   args       := arg (',' arg)*        arg := name | name '=' name
 *   value      := number unit? | '$' number
 *
 * `parseGate` checks syntax, names and units (a latency compared with `$` is an error) and
 * returns the figure it refers to; a `{class}` placeholder is filled in at evaluation time when
 * the class was left out (allowed when the scenario has exactly one class).
 */

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Literal {
  /** As written, e.g. `800ms`. */
  text: string;
  /** SI value. */
  value: number;
  col: number;
}

export type Comparison = { op: CompareOp; value: Literal } | { op: 'between'; low: Literal; high: Literal };

export interface GateExpr {
  text: string;
  /** Figure name; may contain `{class}` when a per-class function was given no class. */
  figure: string;
  kind: ValueKind;
  /** Column of the subject, for errors found at evaluation time. */
  subjectCol: number;
  comparison: Comparison;
}

type Arg = { name?: string; value: string; col: number };

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  fail(tok: Token, expected: string): never {
    throw new GateSyntaxError(this.src, tok.col, expected, describeToken(tok));
  }
  private expect<T extends Token['t']>(t: T, expected: string): Extract<Token, { t: T }> {
    const tok = this.next();
    if (tok.t !== t) this.fail(tok, expected);
    return tok as Extract<Token, { t: T }>;
  }

  gate(): GateExpr {
    const first = this.peek();
    const subject = this.subject();
    const comparison = this.comparison(subject.kind, subject.label);
    const end = this.peek();
    if (end.t !== 'eof') this.fail(end, 'the end of the expression');
    return { text: this.src, figure: subject.figure, kind: subject.kind, subjectCol: first.col, comparison };
  }

  private subject(): { figure: string; kind: ValueKind; label: string } {
    const head = this.expect('ident', 'a figure name such as p95(ttft, class=chat), cost_per_1k_requests or class.chat.e2e.p99');
    if (this.peek().t === '(') {
      this.next();
      const args: Arg[] = [];
      if (this.peek().t !== ')') {
        for (;;) {
          args.push(this.arg());
          if (this.peek().t === ',') {
            this.next();
            continue;
          }
          break;
        }
      }
      this.expect(')', args.length ? '"," or ")"' : 'an argument or ")"');
      return this.call(head, args);
    }
    let path = head.text;
    while (this.peek().t === '.') {
      this.next();
      const seg = this.next();
      if (seg.t !== 'ident' && !(seg.t === 'number' && /^\d+$/.test(seg.text))) this.fail(seg, 'a name after "."');
      path += `.${seg.text}`;
    }
    const figure = own(ALIASES, path) ?? path;
    if (figure === path && !path.includes('.')) {
      this.fail(head, `a known figure (${Object.keys(ALIASES).filter((k) => !k.includes('.')).slice(0, 12).join(', ')}, …) or a dotted figure name such as class.chat.e2e.p99`);
    }
    return { figure, kind: figureKind(figure), label: path };
  }

  private arg(): Arg {
    const a = this.next();
    if (a.t !== 'ident') this.fail(a, 'an argument (a name, or key=name)');
    if (this.peek().t === '=') {
      this.next();
      const v = this.next();
      if (v.t !== 'ident' && v.t !== 'number') this.fail(v, `a value for ${a.text}=`);
      return { name: a.text, value: v.text, col: a.col };
    }
    return { value: a.text, col: a.col };
  }

  private call(fn: Extract<Token, { t: 'ident' }>, args: Arg[]): { figure: string; kind: ValueKind; label: string } {
    const label = `${fn.text}(${args.map((a) => (a.name ? `${a.name}=${a.value}` : a.value)).join(', ')})`;
    const take = (key: string, positional: number): Arg | undefined => args.find((a) => a.name === key) ?? args.filter((a) => !a.name)[positional];
    const check = (allowed: string[], maxPositional: number) => {
      for (const a of args) if (a.name && !allowed.includes(a.name)) throw new GateSyntaxError(this.src, a.col, `one of the keys ${allowed.join(', ')}`, JSON.stringify(a.name));
      const pos = args.filter((a) => !a.name);
      if (pos.length > maxPositional) throw new GateSyntaxError(this.src, pos[maxPositional].col, '")" (too many arguments)', JSON.stringify(pos[maxPositional].value));
    };
    const pm = /^p(\d+(?:\.\d+)?)$/.exec(fn.text);
    if (pm || fn.text === 'mean' || fn.text === 'max') {
      if (pm && !(PERCENTILES as readonly string[]).includes(pm[1])) {
        throw new GateSyntaxError(this.src, fn.col, `one of the percentiles ${PERCENTILES.map((p) => `p${p}`).join(', ')}`, JSON.stringify(fn.text));
      }
      check(['metric', 'class'], 2);
      const m = take('metric', 0);
      if (!m) this.fail(this.toks[this.i - 1], `a metric (${Object.keys(LATENCY_METRICS).join(', ')}) as the first argument`);
      const metric = own(LATENCY_METRICS, m.value);
      if (!metric) throw new GateSyntaxError(this.src, m.col, `a metric (${Object.keys(LATENCY_METRICS).join(', ')})`, JSON.stringify(m.value));
      const cls = take('class', 1);
      const stat = pm ? `p${pm[1]}` : fn.text;
      return { figure: `class.${cls ? cls.value : '{class}'}.${metric}.${stat}`, kind: 'duration', label };
    }
    const poolField = own(POOL_FUNCTIONS, fn.text);
    const pool = args.find((a) => a.name === 'pool');
    if (poolField && pool) {
      check(['pool'], 0);
      const figure = `pool.${pool.value}.${poolField}`;
      return { figure, kind: figureKind(figure), label };
    }
    const classField = own(CLASS_FUNCTIONS, fn.text);
    if (classField) {
      check(['class'], 1);
      const cls = take('class', 0);
      const figure = cls ? `class.${cls.value}.${classField}` : (own(ALIASES, fn.text) ?? `class.{class}.${classField}`);
      return { figure, kind: figureKind(`class.x.${classField}`), label };
    }
    if (poolField) this.fail(this.toks[this.i - 1], `pool=NAME in ${fn.text}(…)`);
    throw new GateSyntaxError(
      this.src, fn.col,
      `a function p50/p90/p95/p99/mean/max(metric, class=…), ${Object.keys(CLASS_FUNCTIONS).join('/')}(class), or ${Object.keys(POOL_FUNCTIONS).slice(0, 4).join('/')}/…(pool=…)`,
      JSON.stringify(fn.text),
    );
  }

  private comparison(kind: ValueKind, label: string): Comparison {
    const tok = this.next();
    if (tok.t === 'op') return { op: tok.text, value: this.value(kind, label) };
    if (tok.t === 'ident' && tok.text === 'between') {
      const low = this.value(kind, label);
      const and = this.next();
      if (and.t !== 'ident' || and.text !== 'and') this.fail(and, '"and"');
      const high = this.value(kind, label);
      if (high.value < low.value) throw new GateSyntaxError(this.src, high.col, `an upper bound of at least ${low.text}`, JSON.stringify(high.text));
      return { op: 'between', low, high };
    }
    return this.fail(tok, 'a comparison (<, <=, >, >=, ==, !=) or "between … and …"');
  }

  private value(kind: ValueKind, label: string): Literal {
    const tok = this.next();
    if (tok.t !== 'number' && tok.t !== 'money') this.fail(tok, describeValueKind(kind));
    let v: { value: number; kind: ValueKind } | undefined;
    if (tok.t === 'money') v = tok.unit === '' ? { value: tok.value, kind: 'money' } : undefined;
    else v = unitValue(tok.value, tok.unit);
    if (!v || !Number.isFinite(v.value)) {
      throw new GateSyntaxError(this.src, tok.col, `${describeValueKind(kind)} (known units: ${KNOWN_UNITS})`, JSON.stringify(tok.text));
    }
    if (!compatible(kind, v.kind, v.value)) {
      const what = v.kind === 'number' ? 'a number without a unit' : `${v.kind === 'money' ? 'money' : `a ${v.kind}`}`;
      throw new GateSyntaxError(this.src, tok.col, `${describeValueKind(kind)}, since ${label} is ${article(kind)}`, `${JSON.stringify(tok.text)} (${what})`);
    }
    return { text: tok.text, value: v.value, col: tok.col };
  }
}

const article = (k: ValueKind): string => (k === 'money' ? 'money' : k === 'energy' ? 'an energy' : k === 'number' ? 'a plain number' : `a ${k === 'mass' ? 'CO2e mass' : k}`);

/** Parses and checks a gate expression. Throws GateSyntaxError (a UserError, exit 2) for anything wrong. */
export function parseGate(text: string): GateExpr {
  if (typeof text !== 'string') throw new GateSyntaxError(String(text), 1, 'a gate expression (a string)', typeof text);
  const src = text.trim();
  if (src === '') throw new GateSyntaxError(src, 1, 'a gate such as p95(ttft, class=chat) < 800ms', 'an empty expression');
  if (src.length > 500) throw new GateSyntaxError(src.slice(0, 40) + '…', 501, 'an expression of at most 500 characters', `${src.length} characters`);
  return new Parser(src, tokenize(src)).gate();
}

/** Whether a value passes a comparison. NaN never passes. */
export function holds(c: Comparison, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  switch (c.op) {
    case '<': return x < c.value.value;
    case '<=': return x <= c.value.value;
    case '>': return x > c.value.value;
    case '>=': return x >= c.value.value;
    case '==': return Math.abs(x - c.value.value) <= 1e-9 * Math.max(1, Math.abs(c.value.value));
    case '!=': return !(Math.abs(x - c.value.value) <= 1e-9 * Math.max(1, Math.abs(c.value.value)));
    case 'between': return x >= c.low.value && x <= c.high.value;
  }
}

/** The threshold as written: `< 800ms`, `between 60% and 85%`. */
export function thresholdText(c: Comparison): string {
  return c.op === 'between' ? `between ${c.low.text} and ${c.high.text}` : `${c.op} ${c.value.text}`;
}
