import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getGpu } from '../../src/catalog/index.js';
import { hostPowerW } from '../../src/catalog/index.js';
import { nextThrottled, steadyStateC, temperatureAfter, timeToReach } from '../../src/serving/perf/thermal.js';

const th = getGpu('H100').thermal;

describe('lumped RC thermal model', () => {
  it('relaxes to the steady state and timeToReach inverts temperatureAfter', () => {
    fc.assert(fc.property(fc.double({ min: 15, max: 45, noNaN: true }), fc.double({ min: 100, max: 700, noNaN: true }), fc.double({ min: 1, max: 600, noNaN: true }), (inlet, p, dt) => {
      const t = temperatureAfter(th, inlet, p, inlet, dt);
      expect(t).toBeLessThanOrEqual(steadyStateC(th, inlet, p) + 1e-9);
      expect(timeToReach(th, inlet, p, inlet, t)).toBeCloseTo(dt, 6);
    }));
  });
  it('is Infinity when the threshold is never reached', () => {
    expect(timeToReach(th, 25, 300, 30, 89)).toBe(Infinity); // steady state 25 + 300 × R < 89
  });
  it('a hotter inlet throttles sooner', () => {
    const p = 700;
    const cool = timeToReach(th, 40, p, 40, th.slowdownC);
    const hot = timeToReach(th, 46, p, 46, th.slowdownC);
    expect(hot).toBeLessThan(cool);
    expect(timeToReach(th, 25, p, 25, th.slowdownC)).toBe(Infinity);
  });
  it('energy is the integral of power: numerical ∫ of the cooling law equals C·ΔT + ∫(T − inlet)/R', () => {
    // C·dT/dt = P − (T − Tin)/R ⇒ ∫P dt = C·(T1 − T0) + ∫(T − Tin)/R dt. Integrate the right side by Simpson's rule.
    const inlet = 30, p = 500, t0 = 35, span = 300, n = 2000;
    const tau = th.resistanceCPerW * th.capacitanceJPerC;
    let integral = 0;
    for (let i = 0; i <= n; i++) {
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      integral += (w * (temperatureAfter(th, inlet, p, t0, (span * i) / n) - inlet)) / th.resistanceCPerW;
    }
    integral *= span / n / 3;
    const stored = th.capacitanceJPerC * (temperatureAfter(th, inlet, p, t0, span) - t0);
    expect(stored + integral).toBeCloseTo(p * span, 3);
    expect(tau).toBeGreaterThan(0);
  });
  it('throttle state machine has hysteresis', () => {
    expect(nextThrottled(th, false, th.slowdownC - 0.1)).toBe(false);
    expect(nextThrottled(th, false, th.slowdownC)).toBe(true);
    expect(nextThrottled(th, true, th.slowdownC - th.hysteresisC + 0.1)).toBe(true);
    expect(nextThrottled(th, true, th.slowdownC - th.hysteresisC - 0.1)).toBe(false);
  });
  it('host power is between the DGX-H100 non-GPU idle and maximum', () => {
    expect(hostPowerW('H100', 0)).toBe(2800 - 8 * 75);
    expect(hostPowerW('H100', 1)).toBe(10200 - 8 * 700);
  });
});
