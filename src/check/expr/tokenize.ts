import { GateSyntaxError } from './syntaxError.js';

/** A token of a gate expression; `col` is the 1-based column of its first character. */
export type Token =
  | { t: 'ident'; text: string; col: number }
  | { t: 'number'; text: string; value: number; unit: string; col: number }
  | { t: 'money'; text: string; value: number; unit: string; col: number }
  | { t: 'op'; text: '<' | '<=' | '>' | '>=' | '==' | '!='; col: number }
  | { t: '(' | ')' | ',' | '.' | '='; text: string; col: number }
  | { t: 'eof'; text: ''; col: number };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
/** A unit directly after a number: `%`, `°C`, letters with an optional `/per`, or `/per`. */
const UNIT_RE = /^(?:%|°?C\b|[A-Za-zµ]+(?:\/[A-Za-z]+)?|\/[A-Za-z]+)/;

/** What a token is called in "found …" messages. */
export function describeToken(tok: Token): string {
  return tok.t === 'eof' ? 'the end of the expression' : JSON.stringify(tok.text);
}

/**
 * Splits a gate expression into tokens. Identifiers may contain `-` after the first character
 * (pool names such as `h100-8b`); a unit must follow its number without a space (`800ms`).
 * Throws GateSyntaxError (a UserError) with the 1-based column of the offending character.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const col = i + 1;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < src.length && IDENT_PART.test(src[j])) j++;
      // A trailing '-' belongs to no identifier (avoids swallowing `x-` before a number).
      while (src[j - 1] === '-') j--;
      out.push({ t: 'ident', text: src.slice(i, j), col });
      i = j;
      continue;
    }
    if (c === '$') {
      const m = NUMBER_RE.exec(src.slice(i + 1));
      if (!m || m[0].startsWith('+') || m[0].startsWith('-')) throw new GateSyntaxError(src, col + 1, 'a number after "$"', found(src, i + 1));
      const u = /^\/[A-Za-z]+/.exec(src.slice(i + 1 + m[0].length));
      const unit = u ? u[0] : '';
      const end = i + 1 + m[0].length + unit.length;
      out.push({ t: 'money', text: src.slice(i, end), value: Number(m[0]), unit, col });
      i = end;
      continue;
    }
    const num = /[0-9.+-]/.test(c) ? NUMBER_RE.exec(src.slice(i)) : null;
    if (num) {
      const rest = src.slice(i + num[0].length);
      const u = UNIT_RE.exec(rest);
      const unit = u ? u[0] : '';
      const end = i + num[0].length + unit.length;
      if (end < src.length && /[A-Za-z0-9_$.]/.test(src[end])) {
        throw new GateSyntaxError(src, end + 1, 'a space, an operator or the end after a number', found(src, end));
      }
      out.push({ t: 'number', text: src.slice(i, end), value: Number(num[0]), unit, col });
      i = end;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=') {
      out.push({ t: 'op', text: two, col });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>') {
      out.push({ t: 'op', text: c, col });
      i++;
      continue;
    }
    if (c === '≤' || c === '≥') {
      out.push({ t: 'op', text: c === '≤' ? '<=' : '>=', col });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '.' || c === '=') {
      out.push({ t: c, text: c, col });
      i++;
      continue;
    }
    throw new GateSyntaxError(src, col, 'a figure name, an operator (< <= > >= == !=, between) or a value', found(src, i));
  }
  out.push({ t: 'eof', text: '', col: src.length + 1 });
  return out;
}

function found(src: string, i: number): string {
  if (i >= src.length) return 'the end of the expression';
  const cp = src.codePointAt(i)!;
  return JSON.stringify(String.fromCodePoint(cp));
}
