import { describe, it, expect } from 'vitest';
import { ProgressReporter } from '../../src/report/progress.js';

function reporter(tty: boolean) {
  let now = 0;
  const out: string[] = [];
  const p = new ProgressReporter({ write: (t) => out.push(t), tty, now: () => now }, 2, 3600);
  return { p, out, at: (ms: number) => (now = ms) };
}

describe('progress', () => {
  it('is silent for runs under a second', () => {
    const r = reporter(true);
    r.at(900);
    r.p.update(0, 1800, 1e6, 5e4, false);
    r.p.finish();
    expect(r.out).toEqual([]);
  });
  it('rewrites one line on a terminal, with simulated time, requests, events/s and ETA', () => {
    const r = reporter(true);
    r.at(2000);
    r.p.update(0, 1800, 2e6, 5e4, false);
    expect(r.out[0]).toMatch(/^\r simulated|^\rsimulated 30\.0m of 60\.0m · replications 0\/2 · 50,000 requests · 1\.00 M events\/s · 25 % · ETA /);
    r.p.finish();
    expect(r.out.at(-1)).toBe('\r\x1b[K');
  });
  it('prints plain periodic lines otherwise', () => {
    const r = reporter(false);
    r.at(2000);
    r.p.update(0, 1800, 2e6, 5e4, false);
    r.at(3000);
    r.p.update(0, 2000, 2.2e6, 6e4, false);
    r.at(13000);
    r.p.update(1, 3600, 4e6, 1e5, true);
    expect(r.out.length).toBe(2);
    expect(r.out.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});
