import type { TraceSummary } from './traceSummary.js';

/** Arrival rates per fixed window of a summarised trace. */
export interface RateWindows {
  windowSeconds: number;
  /** Requests per second in each window kept (window 0 starts at the first arrival). */
  rates: number[];
  /** Seconds of the trace each kept window covers (the last one may be partial). */
  covered: number[];
  /** Sum and sum of squares of the inter-arrival gaps starting in each kept window. */
  gapSum: number[];
  gapSq: number[];
  /** Arrivals in a final window covering less than half its length, left out of `rates`. */
  droppedTail: number;
}

/**
 * Groups a summary's bins into windows of `windowSeconds` (a whole multiple of the bin width). The
 * final window is kept when it covers at least half its length, with its rate over the covered span.
 */
export function rateWindows(s: TraceSummary, windowSeconds: number): RateWindows {
  const per = Math.round(windowSeconds / s.binSeconds);
  if (per < 1 || Math.abs(per * s.binSeconds - windowSeconds) > 1e-9 * windowSeconds) {
    throw new Error(`window ${windowSeconds} s is not a multiple of the bin ${s.binSeconds} s`);
  }
  const T = s.duration;
  const n = Math.max(1, Math.ceil(T / windowSeconds - 1e-12));
  const out: RateWindows = { windowSeconds, rates: [], covered: [], gapSum: [], gapSq: [], droppedTail: 0 };
  for (let w = 0; w < n; w++) {
    let c = 0;
    let g1 = 0;
    let g2 = 0;
    for (let b = w * per; b < Math.min((w + 1) * per, s.bins.used); b++) {
      c += s.bins.count[b];
      g1 += s.bins.gapSum[b];
      g2 += s.bins.gapSq[b];
    }
    // Arrivals exactly at T = n·window fall in bin n·per: fold them into the last window.
    if (w === n - 1) {
      for (let b = n * per; b < s.bins.used; b++) c += s.bins.count[b];
    }
    const cov = Math.min(windowSeconds, T - w * windowSeconds);
    if (w === n - 1 && n > 1 && cov < windowSeconds / 2) {
      out.droppedTail = c;
      break;
    }
    out.rates.push(cov > 0 ? c / cov : 0);
    out.covered.push(cov);
    out.gapSum.push(g1);
    out.gapSq.push(g2);
  }
  return out;
}
