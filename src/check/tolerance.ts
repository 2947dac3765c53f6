import { UserError } from '../errors.js';
import { figureGlob, figureKind, ALIASES, own } from './figures.js';
import { compatible, describeValueKind, unitValue, type ValueKind } from './values.js';

/**
 * Tolerances for baseline comparisons. A figure's change may be as large as
 * max(rel × |baseline|, abs) before it can count as a regression (see docs/check.md).
 */
export interface Tolerance {
  /** Relative tolerance as a fraction (0.05 = 5 %). */
  rel: number;
  /** Absolute tolerance in the figure's SI unit. */
  abs: number;
}

/** Default relative tolerance. */
export const DEFAULT_REL = 0.05;
/** Default absolute floor per kind: changes below it never count (1 ms, $0.0001, 0.5 pp, 1 W …). */
export const DEFAULT_ABS: Record<ValueKind, number> = {
  duration: 1e-3, money: 1e-4, fraction: 5e-3, power: 1, energy: 1, mass: 1e-6, rate: 1e-3, temperature: 0.5, number: 0,
};

/** A tolerance override as given: `figure-pattern=rel%,abs`; abs is checked against each figure's kind. */
export interface ToleranceRule {
  pattern: string;
  re: RegExp;
  rel?: number;
  abs?: { text: string; value: number; kind: ValueKind };
  origin: string;
}

/**
 * Parses `rel%,abs`, `rel%` or `,abs` (e.g. `5%,10ms`, `2%`, `,$0.001`) for a figure pattern
 * (a figure name, a friendly alias, or a glob with `*`). Throws UserError naming `origin`.
 */
export function parseToleranceSpec(pattern: string, spec: string, origin: string): ToleranceRule {
  const fig = own(ALIASES, pattern) ?? pattern;
  const parts = spec.split(',').map((s) => s.trim());
  if (parts.length > 2 || parts.every((p) => p === '')) throw new UserError(`${origin}: expected rel%,abs such as 5%,10ms, found ${JSON.stringify(spec)}`);
  const rule: ToleranceRule = { pattern: fig, re: figureGlob(fig), origin };
  if (parts[0] !== '') {
    const m = /^(\d+(?:\.\d+)?)%$/.exec(parts[0]);
    if (!m) throw new UserError(`${origin}: expected a relative tolerance such as 5%, found ${JSON.stringify(parts[0])}`);
    rule.rel = Number(m[1]) / 100;
  }
  if (parts.length === 2 && parts[1] !== '') {
    const t = parts[1];
    const money = /^\$(\d+(?:\.\d*)?|\.\d+)$/.exec(t);
    const m = /^(\d+(?:\.\d*)?|\.\d+)(.*)$/.exec(t);
    const v = money ? { value: Number(money[1]), kind: 'money' as ValueKind } : m ? unitValue(Number(m[1]), m[2]) : undefined;
    if (!v) throw new UserError(`${origin}: expected an absolute tolerance such as 10ms, $0.001, 0.5%, 1kW, found ${JSON.stringify(t)}`);
    rule.abs = { text: t, ...v };
    if (!fig.includes('*')) {
      const k = figureKind(fig);
      if (!compatible(k, v.kind, v.value)) throw new UserError(`${origin}: ${fig} is ${describeValueKind(k)}; the absolute tolerance ${JSON.stringify(t)} is not`);
    }
  }
  return rule;
}

/** Parses a CLI `--tolerance figure=rel%,abs` flag. */
export function parseToleranceFlag(flag: string): ToleranceRule {
  const eq = flag.lastIndexOf('=');
  if (eq <= 0) throw new UserError(`--tolerance: expected figure=rel%,abs such as class.chat.ttft.p95=10%,5ms, found ${JSON.stringify(flag)}`);
  return parseToleranceSpec(flag.slice(0, eq).trim(), flag.slice(eq + 1), `--tolerance ${flag}`);
}

/** The tolerance of a figure: defaults, then rules in order (later rules win, field by field). */
export function toleranceFor(figure: string, rules: readonly ToleranceRule[]): Tolerance {
  const kind = figureKind(figure);
  const t: Tolerance = { rel: DEFAULT_REL, abs: DEFAULT_ABS[kind] };
  for (const r of rules) {
    if (!r.re.test(figure)) continue;
    if (r.rel !== undefined) t.rel = r.rel;
    if (r.abs !== undefined) {
      if (!compatible(kind, r.abs.kind, r.abs.value)) throw new UserError(`${r.origin}: ${figure} is ${describeValueKind(kind)}; the absolute tolerance ${JSON.stringify(r.abs.text)} is not`);
      t.abs = r.abs.value;
    }
  }
  return t;
}
