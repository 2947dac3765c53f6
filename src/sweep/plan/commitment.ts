/**
 * Commitment planning: given how many GPUs of one (region, GPU) the fleet runs over time, choose the
 * committed (reserved) level that minimizes the total: the committed GPUs are paid all the time at a
 * discount, the rest on demand when used.
 *
 * Discounts are assumptions, configurable in `plan.commitment`: 1-year ≈ 40 % and 3-year ≈ 60 % off
 * on-demand, within the ranges AWS publishes for Savings Plans ("up to 72 %" off On-Demand,
 * https://aws.amazon.com/savingsplans/compute-pricing/; 1-year no-upfront GPU instance rates are
 * typically 30–45 % off, 3-year 50–65 %). Use your negotiated rates.
 */

/** A stretch of time with a constant GPU count. */
export interface ProfileSegment { hours: number; gpus: number }

export interface CommitmentOption {
  term: string;
  discount: number;
  /** GPUs committed. */
  level: number;
  totalUsd: number;
  savingsUsd: number;
  savingsFraction: number;
}

export interface CommitmentPlan {
  key: string;
  region: string;
  gpu: string;
  onDemandUsdPerGpuHour: number;
  hours: number;
  peakGpus: number;
  meanGpus: number;
  onDemandUsd: number;
  options: CommitmentOption[];
  best: CommitmentOption;
}

const r6 = (x: number) => Number(x.toFixed(6));

/** Cost of committing `level` GPUs over the profile. */
export function commitmentCost(profile: readonly ProfileSegment[], price: number, discount: number, level: number): number {
  let hours = 0;
  let onDemand = 0;
  for (const s of profile) {
    hours += s.hours;
    onDemand += Math.max(0, s.gpus - level) * s.hours;
  }
  return level * hours * price * (1 - discount) + onDemand * price;
}

/**
 * The cheapest level for each term. The cost is piecewise linear in the level with breakpoints at
 * the profile's GPU counts, so the optimum is 0 or one of them (it is the count exceeded during a
 * share of the time at least 1 − discount).
 */
export function planCommitment(
  key: { region: string; gpu: string }, profile: readonly ProfileSegment[], price: number, terms: Record<string, number>,
): CommitmentPlan {
  const hours = profile.reduce((a, s) => a + s.hours, 0);
  const gpuHours = profile.reduce((a, s) => a + s.gpus * s.hours, 0);
  const onDemandUsd = gpuHours * price;
  const levels = [...new Set([0, ...profile.map((s) => s.gpus)])].sort((a, b) => a - b);
  const options = Object.entries(terms).map(([term, discount]) => {
    let best = { level: 0, cost: onDemandUsd };
    for (const l of levels) {
      const c = commitmentCost(profile, price, discount, l);
      if (c < best.cost - 1e-9) best = { level: l, cost: c };
    }
    return {
      term, discount, level: best.level, totalUsd: r6(best.cost), savingsUsd: r6(onDemandUsd - best.cost),
      savingsFraction: onDemandUsd > 0 ? r6((onDemandUsd - best.cost) / onDemandUsd) : 0,
    };
  });
  const best = options.reduce((a, b) => (b.totalUsd < a.totalUsd ? b : a), { term: 'on-demand', discount: 0, level: 0, totalUsd: r6(onDemandUsd), savingsUsd: 0, savingsFraction: 0 });
  return {
    key: `${key.region}/${key.gpu}`, region: key.region, gpu: key.gpu, onDemandUsdPerGpuHour: price, hours,
    peakGpus: Math.max(0, ...profile.map((s) => s.gpus)), meanGpus: hours > 0 ? r6(gpuHours / hours) : 0,
    onDemandUsd: r6(onDemandUsd), options, best,
  };
}
