import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratePresets } from '../../src/workload/presets/index.js';

const DIURNAL = resolve(process.cwd(), '../shared/data/diurnal');
const haveData = existsSync(`${DIURNAL}/servegen_summary.json`);
if (!haveData) console.warn(`[test/traces] skipping preset-vs-data check: ${DIURNAL} not found (../shared is absent)`);

describe('rate presets', () => {
  it('has the named presets, each with mean 1 and a whole day or week', () => {
    for (const name of ['flat', 'business-hours', 'servegen-language-large', 'servegen-language-mid', 'servegen-language-small', 'servegen-multimodal-image', 'servegen-reason-deepseek-r1']) {
      expect(ratePresets[name], name).toBeDefined();
    }
    for (const [name, p] of Object.entries(ratePresets)) {
      const m = p.multipliers;
      expect([86400, 604800], name).toContain(m.length * p.windowSeconds);
      expect(Math.abs(m.reduce((a, b) => a + b, 0) / m.length - 1), name).toBeLessThan(1e-3);
      for (const x of m) expect(x >= 0 && Number.isFinite(x), name).toBe(true);
      expect(p.summary.length).toBeGreaterThan(10);
    }
    expect(ratePresets['servegen-language-large-weekly'].multipliers).toHaveLength(168);
  });

  it.skipIf(!haveData)('daily ServeGen profiles match servegen_summary.json hour-of-day means', () => {
    const summary = JSON.parse(readFileSync(`${DIURNAL}/servegen_summary.json`, 'utf8')) as Record<string, { hour_of_day_mean_rps: number[] }>;
    const map: Record<string, string> = {
      'language/m-large': 'servegen-language-large',
      'language/m-mid': 'servegen-language-mid',
      'language/m-small': 'servegen-language-small',
      'multimodal/mm-image': 'servegen-multimodal-image',
      'reason/deepseek-r1': 'servegen-reason-deepseek-r1',
    };
    for (const [k, name] of Object.entries(map)) {
      const h = summary[k].hour_of_day_mean_rps;
      const mean = h.reduce((a, b) => a + b, 0) / h.length;
      h.forEach((x, i) => expect(ratePresets[name].multipliers[i]).toBeCloseTo(x / mean, 3));
    }
  });
});
