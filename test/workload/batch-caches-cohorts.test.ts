/** Batch jobs, the exact-response cache and cohorts, through the simulator with a cheap service pool. */
import { describe, expect, it } from 'vitest';
import { cheapFleet, groupBy, runText } from './support.js';

const batch = (deadline: string) =>
  `seed: 1\nhorizon: 5h\nworkload:\n  nightly:\n    kind: batch\n    arrival: { process: schedule, every: 1h, at: 10m, size: 50, deadline: ${deadline} }\n    prompt: 100\n    output: 10\n${cheapFleet('constant(10ms)', 1)}`;

describe('batch jobs', () => {
  it('every request of a job arrives at its submission; attainment agrees with job durations', () => {
    // One server, 10 ms each: a job of 50 takes exactly 0.5 s.
    for (const [deadline, attainment] of [['1s', 1], ['400ms', 0]] as const) {
      const { arrivals, out } = runText(batch(deadline));
      const jobs = groupBy(arrivals, (a) => a.time);
      expect([...jobs.keys()]).toEqual([600, 4200, 7800, 11400, 15000]);
      for (const reqs of jobs.values()) expect(reqs.length).toBe(50);
      const f = out.figures;
      expect(f['class.nightly.jobs.submitted']).toBe(5);
      expect(f['class.nightly.jobs.completed']).toBe(5);
      expect(f['class.nightly.job.duration.p50']).toBeCloseTo(0.5, 1);
      expect(f['class.nightly.jobs.deadlineAttainment']).toBe(attainment);
    }
  });
});

describe('exact-response cache', () => {
  it('the hit share is the configured rate within 4 standard errors', () => {
    // 100/s over 200 s: n ≈ 20,000; se = √(0.3·0.7/n) ≈ 0.32 %.
    const { out } = runText(`seed: 2\nhorizon: 200s\nworkload:\n  c:\n    rate: 100/s\n    prompt: 10\n    cache: { exactHitRate: 30% }\n${cheapFleet()}`);
    const n = out.figures['class.c.arrived'];
    const share = out.figures['class.c.exactCacheHits'] / n;
    expect(Math.abs(share - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / n));
  });
});

describe('cohorts', () => {
  it('cohort figures are the sums of their classes', () => {
    const text = `seed: 3\nhorizon: 300s\nworkload:\n` +
      `  a:\n    rate: 5/s\n    prompt: 10\n    cohort: paid\n` +
      `  b:\n    rate: 3/s\n    prompt: { dist: uniform, min: 1, max: 50 }\n    output: 7\n    cohort: paid\n` +
      `  c:\n    rate: 2/s\n    prompt: 20\n    cohort: free\n${cheapFleet('exponential(100ms)', 2)}`;
    const f = runText(text).out.figures;
    for (const k of ['arrived', 'completed', 'dropped', 'tokensIn', 'tokensOut']) {
      expect(f[`cohort.paid.${k}`], k).toBe(f[`class.a.${k}`] + f[`class.b.${k}`]);
      expect(f[`cohort.free.${k}`], k).toBe(f[`class.c.${k}`]);
    }
    expect(f['cohort.paid.arrived']).toBeGreaterThan(0);
  });
});
