import type { Replica } from '../serving/replica.js';

/**
 * Running sums of replica counters (s, J, token-seconds), each replica first brought to `now`.
 * Every field grows by one addition per replica, in replica order, and `add` never resets: a sum over
 * one pool, or over several pools in turn, rounds exactly as a hand-written loop over the same replicas
 * in the same order. One instance per owner, cleared and reused, so periodic control allocates nothing.
 */
export class ReplicaTotals {
  energyJ = 0;
  busyTime = 0;
  batchIntegral = 0;
  queueIntegral = 0;
  kvIntegral = 0;
  throttledTime = 0;
  capSlowIntegral = 0;
  preemptions = 0;
  /** Highest temperature any of the replicas reached (°C); −Infinity before any. */
  peakTemperature = -Infinity;

  clear(): this {
    this.energyJ = 0;
    this.busyTime = 0;
    this.batchIntegral = 0;
    this.queueIntegral = 0;
    this.kvIntegral = 0;
    this.throttledTime = 0;
    this.capSlowIntegral = 0;
    this.preemptions = 0;
    this.peakTemperature = -Infinity;
    return this;
  }

  /** Integrates each replica to `now` (idempotent for a replica already there) and adds its counters. */
  add(replicas: readonly Replica[], now: number): this {
    for (const r of replicas) {
      r.accumulate(now);
      this.energyJ += r.energyJ;
      this.busyTime += r.busyTime;
      this.batchIntegral += r.batchIntegral;
      this.queueIntegral += r.queueIntegral;
      this.kvIntegral += r.kvIntegral;
      this.throttledTime += r.throttledTime;
      this.capSlowIntegral += r.capSlowIntegral;
      this.preemptions += r.preemptions;
      if (r.peakTemperature > this.peakTemperature) this.peakTemperature = r.peakTemperature;
    }
    return this;
  }
}
