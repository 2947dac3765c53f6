import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGate, holds } from '../../src/check/expr/parse.js';
import { GateSyntaxError } from '../../src/check/expr/syntaxError.js';
import { UserError } from '../../src/errors.js';
import { planQuantile, normalQuantile } from '../../src/check/observed.js';
import { parseToleranceFlag, toleranceFor } from '../../src/check/tolerance.js';

const err = (s: string): GateSyntaxError => {
  try {
    parseGate(s);
  } catch (e) {
    expect(e).toBeInstanceOf(GateSyntaxError);
    return e as GateSyntaxError;
  }
  throw new Error(`parsed: ${s}`);
};

describe('gate expressions', () => {
  it('parses the documented forms to figures and SI thresholds', () => {
    const a = parseGate('p95(ttft, class=chat) < 800ms');
    expect(a.figure).toBe('class.chat.ttft.p95');
    expect(a.comparison).toMatchObject({ op: '<', value: { value: 0.8 } });
    expect(parseGate('cost_per_1k_requests <= $0.42')).toMatchObject({ figure: 'cost.per1kRequests', kind: 'money', comparison: { op: '<=', value: { value: 0.42 } } });
    const b = parseGate('gpu_utilization between 60% and 85%');
    expect(b.figure).toBe('fleet.utilization');
    expect(b.comparison).toMatchObject({ op: 'between', low: { value: 0.6 }, high: { value: 0.85 } });
    expect(parseGate('power.peak < 2.4MW')).toMatchObject({ figure: 'power.peakW', comparison: { value: { value: 2.4e6 } } });
    expect(parseGate('slo_attainment(chat) >= 99%').figure).toBe('class.chat.sloAttainment');
    expect(parseGate('class.chat.e2e.p99 < 20s').figure).toBe('class.chat.e2e.p99');
    expect(parseGate('p99(e2e) < 20s').figure).toBe('class.{class}.e2e.p99');
    expect(parseGate('utilization(pool=h100-8b) <= 0.9').figure).toBe('pool.h100-8b.utilization');
    expect(parseGate('carbon < 2kg').kind).toBe('mass');
    expect(parseGate('energy < 5kWh').comparison).toMatchObject({ value: { value: 5 * 3.6e6 } });
  });

  it('evaluates comparisons; NaN never passes', () => {
    const g = parseGate('x.y between 1 and 2');
    expect(holds(g.comparison, 1)).toBe(true);
    expect(holds(g.comparison, 2.5)).toBe(false);
    expect(holds(parseGate('x.y < 1').comparison, NaN)).toBe(false);
  });

  it('reports the column, what was expected and what was found', () => {
    const e = err('p95(ttft, class=chat) < $5');
    expect(e.column).toBe(25);
    expect(e.message).toMatch(/column 25: expected a duration.*found "\$5" \(money\)/);
    expect(err('p95(ttft, class=chat) < 800').message).toMatch(/column 25: expected a duration.*found "800" \(a number without a unit\)/);
    expect(err('p95(ttft class=chat) < 1s').column).toBe(10);
    expect(err('p97(ttft) < 1s').message).toMatch(/column 1: expected one of the percentiles p50, p90, p95, p99/);
    expect(err('cost_per_1k_requests <=').message).toMatch(/column 24: expected an amount such as \$0.42, found the end of the expression/);
    expect(err('gpu_utilization between 85% and 60%').message).toMatch(/upper bound/);
    expect(err('bogus < 1').message).toMatch(/column 1: expected a known figure/);
    expect(err('power.peak < 2.4MQ').message).toMatch(/known units/);
    expect(err('p95(latency) < 1s').message).toMatch(/column 5: expected a metric/);
    expect(err('').message).toMatch(/empty/);
    expect(err('x.y < 1 and').column).toBe(9);
  });

  it('never throws anything but a UserError on random input', () => {
    const alphabet = fc.constantFrom(...'p95(ttft, class=chat) <>=!$%.0123456789msMWkg between and _-/'.split(''), 'µ', '≤', '\n', '"');
    const arb = fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')));
    fc.assert(
      fc.property(arb, (s) => {
        try {
          parseGate(s);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
          expect(e.exitCode).toBe(2);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('plan quantiles and tolerances', () => {
  it('computes distribution quantiles from their definition', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 7);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263478740, 7);
    expect(planQuantile({ dist: 'lognormal', median: 1000, sigma: 0.9 }, 0.9)).toBeCloseTo(1000 * Math.exp(0.9 * 1.2815515655), 3);
    expect(planQuantile({ dist: 'lognormal', median: 1000, sigma: 0.9, max: 2000 }, 0.99)).toBe(2000);
    expect(planQuantile({ dist: 'empirical', percentiles: { p0: 0, p50: 100, p100: 300 } }, 0.75)).toBeCloseTo(200, 9);
    expect(planQuantile({ dist: 'uniform', min: 10, max: 20 }, 0.5)).toBe(15);
    expect(planQuantile(42, 0.99)).toBe(42);
  });

  it('parses --tolerance and applies overrides after defaults', () => {
    const r = parseToleranceFlag('class.*.ttft.p95=10%,5ms');
    expect(toleranceFor('class.chat.ttft.p95', [r])).toEqual({ rel: 0.1, abs: 0.005 });
    expect(toleranceFor('class.chat.ttft.p50', [r])).toEqual({ rel: 0.05, abs: 0.001 });
    expect(() => parseToleranceFlag('cost.per1kRequests=5%,10ms')).toThrow(UserError);
    expect(() => parseToleranceFlag('nonsense')).toThrow(/figure=rel%,abs/);
  });
});
