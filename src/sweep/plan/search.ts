/**
 * Searches that exploit monotonicity: with the seed streams fixed, more replicas never make a
 * fleet infeasible (DESIGN §5), so the smallest feasible count is found by galloping from a hint
 * and bisecting, in O(log n) simulations instead of n.
 */

export type Feasible = (n: number) => Promise<boolean>;

/**
 * Smallest n in [lo, hi] with feasible(n), or undefined when even hi is infeasible. Gallops from
 * `start` (down while feasible, up while not, doubling the step), then bisects the last bracket.
 * Precondition: feasible is monotone non-decreasing in n.
 */
export async function minFeasible(feasible: Feasible, lo: number, hi: number, start: number): Promise<number | undefined> {
  let s = Math.min(hi, Math.max(lo, Math.round(start)));
  let bad: number; // largest n known infeasible (lo − 1 when none)
  let good: number; // smallest n known feasible
  if (await feasible(s)) {
    good = s;
    bad = lo - 1;
    for (let step = 1; good > lo; step *= 2) {
      const n = Math.max(lo, good - step);
      if (await feasible(n)) good = n;
      else { bad = n; break; }
    }
  } else {
    bad = s;
    good = Number.NaN;
    for (let step = 1; bad < hi; step *= 2) {
      const n = Math.min(hi, bad + step);
      if (await feasible(n)) { good = n; break; }
      bad = n;
    }
    if (Number.isNaN(good)) return undefined;
  }
  while (good - bad > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await feasible(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Several pools: start from `start` (clamped), double every pool until feasible, then coordinate
 * descent — lower one pool at a time to its smallest feasible count with the others fixed, until no
 * pool can be lowered. The result is minimal (no single pool can drop a replica); with pools that
 * serve separate classes it is the cheapest; with shared classes it is a local optimum.
 */
export async function minFeasibleVector(
  feasible: (v: readonly number[]) => Promise<boolean>, lo: readonly number[], hi: readonly number[], start: readonly number[],
): Promise<number[] | undefined> {
  let x = start.map((s, i) => Math.min(hi[i], Math.max(lo[i], Math.max(1, s))));
  if (x.length === 1) {
    const n = await minFeasible((k) => feasible([k]), lo[0], hi[0], x[0]);
    return n === undefined ? undefined : [n];
  }
  while (!(await feasible(x))) {
    if (x.every((v, i) => v >= hi[i])) return undefined;
    x = x.map((v, i) => Math.min(hi[i], Math.max(1, v * 2)));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < x.length; i++) {
      const at = (n: number) => x.map((v, j) => (j === i ? n : v));
      const n = await minFeasible((k) => feasible(at(k)), lo[i], x[i], x[i]);
      if (n !== undefined && n < x[i]) {
        x = at(n);
        changed = true;
      }
    }
  }
  return x;
}
