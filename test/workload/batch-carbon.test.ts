/**
 * Hourly carbon and price profiles of a region, batch jobs held until the region's carbon or price is
 * below a threshold, and carbon accounting that follows the hourly intensity.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolve } from 'node:path';
import {
  carbonAt, electricityAt, hourOf, makeHourlyProfile, meanMultiplierOver, priceMultiplierAt, untilNextHour,
} from '../../src/economics/profiles.js';
import { conditionHolds, releaseDelay, untilWindowOpens, HOLD_SEARCH_S } from '../../src/workload/holdCondition.js';
import type { ResolvedHoldCondition } from '../../src/workload/types.js';
import { loadScenarioText } from '../../src/scenario/index.js';
import { UserError } from '../../src/errors.js';
import { groupBy, ROOT, runText } from './support.js';

const G_PER_KWH = 1 / 1000 / 3.6e6; // kg/J
const USD_PER_KWH = 1 / 3.6e6; // USD/J
const load = (text: string) => loadScenarioText(text, resolve(ROOT, 'scenarios/test.yaml')).resolved;

/** 1.2 all day except 0.5 from 10:00 to 16:00: normalised, 300 g/kWh average gives 351 and 146 g/kWh. */
const DUCK = Array.from({ length: 24 }, (_, h) => (h >= 10 && h < 16 ? 0.5 : 1.2));
const DUCK_MEAN = DUCK.reduce((a, b) => a + b, 0) / 24;

const region = (body: string, name = 'us-west-1') =>
  `fleet:\n  pools:\n    - { name: svc, region: ${name}, service: constant(1s), replicas: 1, powerPerReplica: 1000W }\nregions:\n  ${name}:\n${body}`;

describe('hourly profiles', () => {
  it('multipliers are normalised to mean 1; hour 0 is local midnight at the time zone (fractional too)', () => {
    const { base, profile } = makeHourlyProfile(DUCK, 5.5);
    expect(base).toBeCloseTo(DUCK_MEAN, 12);
    expect(profile.multipliers.reduce((a, b) => a + b, 0) / 24).toBeCloseTo(1, 12);
    // UTC 04:30 is local 10:00 at +5.5.
    expect(hourOf(profile, 4.5 * 3600)).toBe(10);
    expect(hourOf(profile, 4.5 * 3600 - 1)).toBe(9);
    expect(hourOf(profile, -1)).toBe(5); // before time 0: local 05:29:59
    expect(untilNextHour(profile, 4.5 * 3600)).toBe(3600);
  });

  it('resolves into the region: carbonAt, priceMultiplierAt and electricityAt follow the hour', () => {
    const s = load(`horizon: 1h\nworkload:\n  c: { rate: 1/s }\n${region(
      `    carbonIntensity: 300g/kWh\n    carbonProfile: { multipliers: [${DUCK}], timezone: 0 }\n` +
      `    priceProfile: { hourly: [${Array.from({ length: 24 }, (_, h) => `'$${h < 12 ? '0.05' : '0.15'}/kWh'`)}], timezone: -8 }\n`)}`);
    const r = s.pools[0].region;
    expect(carbonAt(r, 11 * 3600) / G_PER_KWH).toBeCloseTo((300 * 0.5) / DUCK_MEAN, 9);
    expect(carbonAt(r, 2 * 3600) / G_PER_KWH).toBeCloseTo((300 * 1.2) / DUCK_MEAN, 9);
    // Absolute hourly prices: their mean (0.10) becomes the electricity price; the shape is 0.5 / 1.5.
    expect(r.electricityUsdPerJ / USD_PER_KWH).toBeCloseTo(0.1, 12);
    expect(r.sources.electricityPrice).toMatch(/priceProfile\.hourly/);
    // UTC 08:00 is local midnight at −8 (0.05); UTC 20:00 local noon (0.15).
    expect(electricityAt(r, 8 * 3600) / USD_PER_KWH).toBeCloseTo(0.05, 12);
    expect(priceMultiplierAt(r, 20 * 3600)).toBeCloseTo(1.5, 12);
  });

  it('the time zone defaults to the region catalog offset (us-west-1: −8)', () => {
    const s = load(`horizon: 1h\nworkload:\n  c: { rate: 1/s }\n${region(`    carbonProfile: { multipliers: [${DUCK}] }\n`)}`);
    expect(s.pools[0].region.carbonProfile!.offset).toBe(-8 * 3600);
  });

  it('property: meanMultiplierOver is the exact time-average of the step function', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 24, maxLength: 24 }), fc.double({ min: -12, max: 14, noNaN: true }),
        fc.double({ min: 0, max: 2e5, noNaN: true }), fc.double({ min: 0, max: 2e5, noNaN: true }), (m, tz, a, len) => {
          const { profile } = makeHourlyProfile(m, tz);
          // Reference: a Riemann sum on a 1-second grid aligned to the hours is exact for integer bounds.
          const a0 = Math.floor(a);
          const b0 = a0 + Math.max(1, Math.floor(len / 10));
          let acc = 0;
          for (let t = a0; t < b0; t += 1) acc += profile.multipliers[hourOf(profile, t + 0.5)];
          expect(meanMultiplierOver(profile, a0, b0)).toBeCloseTo(acc / (b0 - a0), 6);
        }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('absolute values together with the average figure are a UserError at the field', () => {
    const hourly = `[${Array.from({ length: 24 }, () => "'300g/kWh'")}]`;
    const text = `horizon: 1h\nworkload:\n  c: { rate: 1/s }\n${region(`    carbonIntensity: 300g/kWh\n    carbonProfile: { hourly: ${hourly} }\n`)}`;
    expect(() => load(text)).toThrow(UserError);
    expect(() => load(text)).toThrow(/carbonProfile/);
    expect(() => load(text.replace(`${DUCK}`, '1, 2'))).toThrow(UserError);
    const short = `horizon: 1h\nworkload:\n  c: { rate: 1/s }\n${region('    carbonProfile: { multipliers: [1, 2, 3] }\n')}`;
    expect(() => load(short)).toThrow(/carbonProfile/);
  });
});

describe('releaseDelay', () => {
  const cond = (m: number[], tz: number, base: number, below: number): ResolvedHoldCondition =>
    ({ metric: 'carbon', below, region: 'r', base, profile: makeHourlyProfile(m, tz).profile });

  it('a job submitted at 22:00 under a high-carbon night waits until 10:00', () => {
    const c = cond(DUCK, 0, 300, 200);
    expect(releaseDelay(22 * 3600, undefined, c)).toEqual({ delay: 12 * 3600, met: true });
    expect(releaseDelay(11 * 3600 + 17, undefined, c)).toEqual({ delay: 0, met: true });
    expect(releaseDelay(22 * 3600, undefined, cond(DUCK, 0, 300, 100))).toEqual({ delay: 0, met: false });
  });

  it('property: the release hour is the first at or after submission in which the window is open and the condition holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 24, maxLength: 24 }), fc.integer({ min: -24, max: 28 }).map((h) => h / 2),
        fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0, max: 10 * 86400, noNaN: true }),
        fc.option(fc.record({ start: fc.integer({ min: 0, max: 86400 }), end: fc.integer({ min: 0, max: 86400 }), timezone: fc.integer({ min: -12, max: 14 }) })),
        (m, tz, below, now, window) => {
          const c = cond(m, tz, 1, below);
          const w = window && window.start !== window.end ? window : undefined;
          const r = releaseDelay(now, w, c);
          expect(r.delay).toBeGreaterThanOrEqual(0);
          expect(r.delay).toBeLessThanOrEqual(HOLD_SEARCH_S);
          const at = now + r.delay;
          if (w) expect(untilWindowOpens(at, w)).toBe(0);
          if (r.met) {
            expect(conditionHolds(c, at)).toBe(true);
            // No earlier second (sampled at 60 s and at every hour and window edge) was both open and below.
            for (let t = now; t < at; t += 60) expect(conditionHolds(c, t) && (!w || untilWindowOpens(t, w) === 0)).toBe(false);
          } else {
            // Never met in a week: every hour of the day is at or above the threshold (with a window: every open hour).
            for (let t = now; t < now + 2 * 86400; t += 60) expect(conditionHolds(c, t) && (!w || untilWindowOpens(t, w) === 0)).toBe(false);
          }
        },
      ),
      { seed: 9, numRuns: 60 },
    );
  });
});

describe('batch jobs held by carbon, through the simulator', () => {
  const batch = (below: string) =>
    `seed: 1\nhorizon: 72h\nworkload:\n  nightly:\n    kind: batch\n` +
    `    arrival: { process: schedule, every: 24h, at: 22h, size: 10, deadline: 20h, when: { carbonBelow: ${below} } }\n    prompt: 10\n` +
    region(`    carbonIntensity: 300g/kWh\n    carbonProfile: { multipliers: [${DUCK}], timezone: 0 }\n`);

  it('jobs wait for the first low-carbon hour; the deadline counts from submission; a job held past the horizon counts as missed', () => {
    const { arrivals, out } = runText(batch('200g/kWh'));
    const jobs = groupBy(arrivals, (a) => a.time);
    expect([...jobs.keys()]).toEqual([34 * 3600, 58 * 3600]); // submitted 22:00 and 46:00, released 10:00 the next days
    const f = out.figures;
    expect(f['class.nightly.jobs.submitted']).toBe(3); // the third (70:00) is still held at the horizon
    expect(f['class.nightly.jobs.completed']).toBe(2);
    expect(f['class.nightly.jobs.deadlineAttainment']).toBeCloseTo(2 / 3, 12);
    expect(f['class.nightly.jobs.heldNeverMet']).toBe(0);
    expect(f['class.nightly.job.holdTime.p50'] / (12 * 3600)).toBeCloseTo(1, 1);
    expect(f['class.nightly.job.duration.p50'] / (12 * 3600 + 10)).toBeCloseTo(1, 1);
  });

  it('a condition that never holds releases at submission and counts heldNeverMet; validate warns', () => {
    const text = batch('100g/kWh');
    expect(load(text).warnings.join('\n')).toMatch(/never below the threshold/);
    const { arrivals, out } = runText(text);
    expect([...groupBy(arrivals, (a) => a.time).keys()]).toEqual([22 * 3600, 46 * 3600, 70 * 3600]);
    expect(out.figures['class.nightly.jobs.heldNeverMet']).toBe(3);
    expect(out.figures['class.nightly.job.holdTime.max']).toBe(0);
  });

  it('priceBelow holds on the electricity price; a class whose pools span regions is a UserError at arrival.when', () => {
    const text = batch('200g/kWh').replace('carbonBelow: 200g/kWh', 'priceBelow: $0.08/kWh')
      .replace('carbonProfile', 'electricityPrice: $0.10/kWh\n    priceProfile');
    const { arrivals } = runText(text);
    // Price shape = DUCK: low hours at 0.10 × 0.5 / 1.025 ≈ $0.049/kWh.
    expect([...groupBy(arrivals, (a) => a.time).keys()]).toEqual([34 * 3600, 58 * 3600]);
    const two = text.replace('replicas: 1, powerPerReplica: 1000W }', 'replicas: 1 }\n    - { name: svc2, region: eu-north-1, service: constant(1s), replicas: 1 }');
    expect(() => load(two)).toThrow(/arrival\.when|several regions/);
  });
});

describe('carbon follows the hourly intensity', () => {
  // One replica kept busy by a closed loop (think 0): 1 kW drawn every second, PUE 1.
  const busy = (window: string, tz: number, profile = true) =>
    `seed: 2\nhorizon: 12h\nwindow: ${window}\nworkload:\n  c:\n    arrival: { process: closed, users: 1, think: 0s }\n    prompt: 1\n` +
    region(`    pue: 1\n    carbonIntensity: 300g/kWh\n${profile ? `    carbonProfile: { multipliers: [${DUCK}], timezone: ${tz} }\n` : ''}`);

  it('hourly windows: each window carries 1 kWh × that hour\'s intensity', () => {
    const { out } = runText(busy('1h', 0));
    expect(out.windows.length).toBe(12);
    out.windows.forEach((w, h) => expect(w.carbonKg / ((300 * DUCK[h]) / DUCK_MEAN / 1000)).toBeCloseTo(1, 9));
  });

  it('windows that straddle hours (7 min, time zone +5.5) integrate piecewise by hour: the total is exact', () => {
    const { out } = runText(busy('7m', 5.5));
    const { profile } = makeHourlyProfile(DUCK, 5.5);
    const expected = 1000 * 12 * 3600 * 300 * G_PER_KWH * meanMultiplierOver(profile, 0, 12 * 3600);
    expect(out.figures['carbon.kg'] / expected).toBeCloseTo(1, 9);
    expect(out.windows.reduce((a, w) => a + w.carbonKg, 0) / expected).toBeCloseTo(1, 9);
  });

  it('without a profile carbon is facility energy × the average intensity', () => {
    const f = runText(busy('5m', 0, false)).out.figures;
    expect(f['carbon.kg'] / (f['energy.facilityJ'] * 300 * G_PER_KWH)).toBeCloseTo(1, 12);
  });
});
