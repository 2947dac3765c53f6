/**
 * Exact queueing formulas, for validating the simulator and for first-cut sizing.
 * Rates are per second, times in seconds; `servers` is a positive integer. Unstable systems
 * (offered load ≥ servers, or ρ ≥ 1) give P(wait) = 1 and infinite waits rather than throwing;
 * invalid inputs (negative, NaN, non-integer servers) throw RangeError.
 */

function checkRate(name: string, x: number): void {
  if (!(x > 0 && x < Infinity)) throw new RangeError(`${name} must be finite and > 0, got ${x}`);
}

function checkServers(c: number): void {
  if (!(Number.isInteger(c) && c >= 1)) throw new RangeError(`servers must be an integer >= 1, got ${c}`);
}

/**
 * Erlang B blocking probability of M/M/c/c with offered load `a = λ/μ` (erlangs), by the stable
 * recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)). O(c) time, exact to rounding for c ≫ 10,000.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkServers(servers);
  if (!(offeredLoad >= 0 && offeredLoad < Infinity)) throw new RangeError(`offered load must be finite and >= 0, got ${offeredLoad}`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang C from Erlang B of the same (c, a): C = c·B / (c − a·(1 − B)); 1 when a ≥ c. */
function erlangCFromB(c: number, a: number, b: number): number {
  return a >= c ? 1 : (c * b) / (c - a * (1 - b));
}

/** Erlang C: probability an arrival waits, P(W > 0), in M/M/c with offered load `a = λ/μ` erlangs. */
export function erlangC(servers: number, offeredLoad: number): number {
  return erlangCFromB(servers, offeredLoad, erlangB(servers, offeredLoad));
}

/** Mean wait in queue Wq of M/M/c: C(c, a) / (cμ − λ), seconds. Infinity when λ ≥ cμ. */
export function mmcMeanWait(arrivalRate: number, serviceRate: number, servers: number): number {
  checkRate('arrival rate', arrivalRate);
  checkRate('service rate', serviceRate);
  const slack = servers * serviceRate - arrivalRate;
  if (slack <= 0) return Infinity;
  return erlangC(servers, arrivalRate / serviceRate) / slack;
}

/** P(W > t) in M/M/c (FCFS): C(c, a)·exp(−(cμ − λ)t), for t ≥ 0 seconds. */
export function mmcWaitExceeds(arrivalRate: number, serviceRate: number, servers: number, t: number): number {
  checkRate('arrival rate', arrivalRate);
  checkRate('service rate', serviceRate);
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const slack = servers * serviceRate - arrivalRate;
  if (slack <= 0) return 1;
  return erlangC(servers, arrivalRate / serviceRate) * Math.exp(-slack * t);
}

/**
 * The `p`-th percentile (p in [0, 100]) of the wait in queue of M/M/c, seconds: 0 when
 * p/100 ≤ 1 − C, else ln(C / (1 − p/100)) / (cμ − λ). Infinity when unstable or p = 100.
 */
export function mmcWaitPercentile(arrivalRate: number, serviceRate: number, servers: number, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
  checkRate('arrival rate', arrivalRate);
  checkRate('service rate', serviceRate);
  const slack = servers * serviceRate - arrivalRate;
  if (slack <= 0) return Infinity;
  const c = erlangC(servers, arrivalRate / serviceRate);
  const tail = 1 - p / 100;
  if (tail >= c) return 0;
  return tail === 0 ? Infinity : Math.log(c / tail) / slack;
}

/**
 * Smallest number of servers c for which `ok(C(c, a), c)` holds, searching upward from the
 * smallest stable c with the Erlang B recursion carried along (O(c) in all). `ok` must be monotone
 * in c (true from some c on). Throws RangeError past `maxServers`.
 */
function smallestServers(a: number, ok: (pWait: number, c: number) => boolean, maxServers: number): number {
  let b = 1;
  for (let c = 1; c <= maxServers; c++) {
    b = (a * b) / (c + a * b);
    if (c > a && ok(erlangCFromB(c, a, b), c)) return c;
  }
  throw new RangeError(`no server count up to ${maxServers} meets the target`);
}

/** Smallest c with M/M/c mean wait in queue ≤ `targetWait` seconds (> 0). */
export function minServersForMeanWait(arrivalRate: number, serviceRate: number, targetWait: number, maxServers = 1_000_000): number {
  checkRate('arrival rate', arrivalRate);
  checkRate('service rate', serviceRate);
  if (!(targetWait > 0)) throw new RangeError(`target wait must be > 0, got ${targetWait}`);
  const a = arrivalRate / serviceRate;
  return smallestServers(a, (pw, c) => pw / (c * serviceRate - arrivalRate) <= targetWait, maxServers);
}

/**
 * Smallest c with P(W > t) ≤ `maxProbability` in M/M/c (t = 0: the probability of waiting at all),
 * e.g. "at most 5 % of requests queue longer than 0.5 s".
 */
export function minServersForWaitProbability(
  arrivalRate: number, serviceRate: number, maxProbability: number, t = 0, maxServers = 1_000_000,
): number {
  checkRate('arrival rate', arrivalRate);
  checkRate('service rate', serviceRate);
  if (!(maxProbability > 0 && maxProbability <= 1)) throw new RangeError(`probability must be in (0, 1], got ${maxProbability}`);
  if (!(t >= 0)) throw new RangeError(`t must be >= 0, got ${t}`);
  const a = arrivalRate / serviceRate;
  return smallestServers(a, (pw, c) => pw * Math.exp(-(c * serviceRate - arrivalRate) * t) <= maxProbability, maxServers);
}

/**
 * Pollaczek–Khinchine mean wait in queue of M/G/1: λ·E[S²] / (2(1 − ρ)), ρ = λ·E[S], seconds.
 * `meanService` in s, `secondMomentService` E[S²] in s² (≥ meanService²). Infinity when ρ ≥ 1.
 * M/M/1: E[S²] = 2/μ²; M/D/1: E[S²] = 1/μ².
 */
export function mg1MeanWait(arrivalRate: number, meanService: number, secondMomentService: number): number {
  checkRate('arrival rate', arrivalRate);
  checkRate('mean service time', meanService);
  if (!(secondMomentService >= meanService * meanService * (1 - 1e-12))) {
    throw new RangeError(`second moment ${secondMomentService} is below meanService² = ${meanService * meanService}`);
  }
  const rho = arrivalRate * meanService;
  if (rho >= 1) return Infinity;
  return (arrivalRate * secondMomentService) / (2 * (1 - rho));
}

/** Little's law L = λ·W: mean number in the system from arrival rate (1/s) and mean time in it (s). */
export function littlesLaw(arrivalRate: number, meanTimeInSystem: number): number {
  return arrivalRate * meanTimeInSystem;
}
