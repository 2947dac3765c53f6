import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advanceByIntensity, makeProfile, multiplierAt } from '../../src/workload/profile.js';
import { cheapFleet, runText } from './support.js';

/**
 * Non-Poisson renewal arrivals under a rate profile are time-rescaled: gaps drawn in operational time
 * and mapped to real time through the integrated profile. Inside a window of constant multiplier the
 * process keeps its CV (thinning would pull it toward 1), and the rate follows the profile.
 */
describe('time-rescaled arrivals', () => {
  it('advanceByIntensity inverts the integrated profile (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 4, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 20000, noNaN: true }),
        fc.double({ min: 0.001, max: 5000, noNaN: true }),
        (ms, t0, dTau) => {
          const p = makeProfile(ms, 600, 0);
          const t1 = advanceByIntensity(p, undefined, t0, dTau);
          // Integrate m over [t0, t1] numerically by window pieces and compare with dTau.
          let integral = 0;
          let t = t0;
          while (t < t1) {
            const e = Math.min(t1, (Math.floor(t / 600) + 1) * 600);
            integral += multiplierAt(p, 0.5 * (t + e)) * (e - t);
            t = e;
          }
          expect(Math.abs(integral - dTau)).toBeLessThanOrEqual(1e-6 * Math.max(1, dTau));
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('a Gamma process (CV 3) keeps its CV inside a window and follows the profile rate', () => {
    const text = `seed: 9\nhorizon: 48h\nworkload:\n  g:\n    rate: 5/s\n    arrival: { process: gamma, cv: 3 }\n    profile: { multipliers: [1, 3], window: 1h }\n    prompt: 1\n${cheapFleet()}`;
    const { arrivals } = runText(text, 9);
    const byWin: number[][] = [[], []];
    for (const a of arrivals) byWin[Math.floor(a.time / 3600) % 2].push(a.time);
    // Rates: mean multiplier 2 → normalised [0.5, 1.5] × 5/s.
    const hours = 24;
    expect(byWin[0].length / (hours * 3600)).toBeGreaterThan(0.5 * 5 * 0.8);
    expect(byWin[0].length / (hours * 3600)).toBeLessThan(0.5 * 5 * 1.2);
    expect(byWin[1].length / (hours * 3600)).toBeGreaterThan(1.5 * 5 * 0.8);
    expect(byWin[1].length / (hours * 3600)).toBeLessThan(1.5 * 5 * 1.2);
    // CV of gaps that start and end inside the same high window.
    const gaps: number[] = [];
    const ts = byWin[1];
    for (let i = 1; i < ts.length; i++) if (Math.floor(ts[i] / 3600) === Math.floor(ts[i - 1] / 3600)) gaps.push(ts[i] - ts[i - 1]);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (gaps.length - 1));
    // Thinning would give CV ≈ √(⅓·9 + ⅔) ≈ 1.9 in the low window and dilute it here too; rescaling keeps ≈ 3.
    expect(sd / mean).toBeGreaterThan(2.5);
    expect(sd / mean).toBeLessThan(3.5);
  });
});
