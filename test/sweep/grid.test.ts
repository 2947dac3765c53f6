import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandValues, multiplyValue } from '../../src/sweep/values.js';
import { parsePath, setPath } from '../../src/sweep/path.js';
import { planRuns } from '../../src/sweep/grid.js';
import { paretoFront, parseObjectives } from '../../src/sweep/pareto.js';
import { minFeasible, minFeasibleVector } from '../../src/sweep/plan/search.js';
import { planCommitment } from '../../src/sweep/plan/commitment.js';
import { parseShard, shardFromEnv } from '../../src/sweep/shard.js';

describe('values', () => {
  it('ranges, lists, multipliers on units', () => {
    expect(expandValues('8..32:8', 1, 'p')).toEqual([8, 16, 24, 32]);
    expect(expandValues('0.1..0.3:0.1', 1, 'p')).toEqual([0.1, 0.2, 0.3]);
    expect(expandValues('[H100,H200,L40S]', 'H100', 'p')).toEqual(['H100', 'H200', 'L40S']);
    expect(expandValues('1,2,true', 1, 'p')).toEqual([1, 2, true]);
    expect(expandValues('*1.0,1.2,1.5', '40/s', 'workload.chat.rate')).toEqual(['40/s', '48/s', '60/s']);
    expect(multiplyValue('$6.88/h', 2, 'p')).toBe('$13.76/h');
    expect(() => expandValues('*2', 'poisson', 'p')).toThrow(/multiplier needs a number/);
    expect(() => expandValues('5..1', 1, 'p')).toThrow(/end is below/);
  });
  it('paths', () => {
    expect(parsePath('fleet.pools[0].replicas')).toEqual(['fleet', 'pools', 0, 'replicas']);
    expect(parsePath('regions.us-east-1.gpuPrices.H100')).toEqual(['regions', 'us-east-1', 'gpuPrices', 'H100']);
    expect(() => parsePath('a..b')).toThrow(/invalid scenario path/);
    const d = { fleet: { pools: [{ replicas: 1 }] } };
    setPath(d, parsePath('fleet.pools[0].replicas'), 4, 'x');
    expect(d.fleet.pools[0].replicas).toBe(4);
    expect(() => setPath(d, parsePath('fleet.pools[3].replicas'), 4, 'fleet.pools[3].replicas')).toThrow(/has 1 items/);
  });
});

describe('grid', () => {
  it('product grid in row-major order, zipped lists, stable seeds', () => {
    const axes = [{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y', 'z'] }];
    const runs = planRuns({ axes, zip: false, commonSeed: false }, 7);
    expect(runs.map((r) => `${r.set.a}${r.set.b}`)).toEqual(['1x', '1y', '1z', '2x', '2y', '2z']);
    expect(runs[4].id).toBe('r0004');
    expect(planRuns({ axes, zip: false, commonSeed: false }, 7)[4].seed).toBe(runs[4].seed);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(6);
    expect(planRuns({ axes, zip: false, commonSeed: true }, 7).every((r) => r.seed === 7)).toBe(true);
    expect(() => planRuns({ axes, zip: true, commonSeed: false }, 7)).toThrow(/same length/);
    expect(planRuns({ axes: [{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y'] }], zip: true, commonSeed: false }, 7).map((r) => `${r.set.a}${r.set.b}`)).toEqual(['1x', '2y']);
  });
  it('shards from flags and from the environment of array jobs', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(() => parseShard('4/4')).toThrow(/outside/);
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '4' })).toEqual({ index: 2, count: 4 });
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '3' }, 5)).toEqual({ index: 3, count: 5 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 4, count: 8 });
    expect(() => shardFromEnv({})).toThrow(/JOB_COMPLETION_INDEX/);
  });
});

describe('pareto front', () => {
  it('keeps exactly the non-dominated points (minimize; - maximizes)', () => {
    const o = parseObjectives(['cost', 'latency']);
    expect(paretoFront([[1, 5], [2, 2], [3, 3], [5, 1], [1, 5]], o)).toEqual([0, 1, 3, 4]);
    expect(paretoFront([[1, 0.9], [1, 0.95]], parseObjectives(['cost', '-attainment']))).toEqual([1]);
    expect(paretoFront([[1, null], [2, 2]], o)).toEqual([1]);
  });
  it('property: no front point is dominated and every other point is', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 30 }), (pts) => {
      const o = parseObjectives(['a', 'b']);
      const front = new Set(paretoFront(pts, o));
      const dom = (p: number[], q: number[]) => p[0] <= q[0] && p[1] <= q[1] && (p[0] < q[0] || p[1] < q[1]);
      pts.forEach((q, i) => expect(front.has(i)).toBe(!pts.some((p) => dom(p, q))));
    }));
  });
});

describe('monotone search', () => {
  it('galloping + bisection finds the brute-force minimum in O(log n) evaluations', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), async (answer, start) => {
      let calls = 0;
      const n = await minFeasible(async (k) => (calls++, k >= answer), 1, 256, start);
      expect(n).toBe(answer <= 256 ? answer : undefined);
      expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(256)) + 2);
    }));
  });
  it('coordinate descent on separable pools equals brute force', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), async (a, b) => {
      const v = await minFeasibleVector(async ([x, y]) => x >= a && y >= b, [1, 1], [16, 16], [3, 3]);
      expect(v).toEqual([a, b]);
    }));
  });
});

describe('commitment', () => {
  it('commits the level exceeded at least (1 − discount) of the time', () => {
    // 10 GPUs all the time, 20 GPUs half the time: at 40 % off, commit 10 (20 runs only 50 % < 60 %).
    const p = planCommitment({ region: 'r', gpu: 'H100' }, [{ hours: 100, gpus: 10 }, { hours: 100, gpus: 20 }], 2, { '1-year': 0.4, '3-year': 0.6 });
    expect(p.onDemandUsd).toBe(6000);
    expect(p.options[0]).toMatchObject({ level: 10, totalUsd: 10 * 200 * 1.2 + 10 * 100 * 2 });
    expect(p.options[1].level).toBe(20);
    expect(p.best.term).toBe('3-year');
    expect(p.best.savingsUsd).toBeCloseTo(6000 - 20 * 200 * 0.8);
  });
});
