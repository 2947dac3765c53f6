// Analytic vs iteration mode on scenarios/reference-chat.yaml (Llama-3.1-70B, TP 4, H100, 32 replicas,
// one simulated hour at 75 % of the rate where p95 TPOT reaches its SLO): simulated requests per
// wall-second in each mode, the ratio, and the largest relative difference in any summary figure.
// A second, light load point (rate at which a replica holds no request about 25 % of the time, the
// literal "75 % busy" reading) shows how the ratio depends on load: analytic mode needs an event per
// arrival, prefill and completion, iteration mode one per batch iteration.
import { join } from 'node:path';
import { ROOT, QUICK, fmt, int, machine, machineMarkdown, mb, runChild, stats, writeResult } from './internal/common.mjs';

const RUNS = QUICK ? 1 : 3;
const file = join(ROOT, 'scenarios', 'reference-chat.yaml');
const POINTS = [
  { name: 'reference', rate: null, note: 'scenario as committed (190/s, 75 % of the rate at the p95 TPOT SLO)' },
  { name: 'light', rate: 10, note: '10/s: replicas idle ~25 % of the time' },
];

const m = machine();
const points = [];
for (const p of POINTS) {
  const replace = [];
  if (p.rate !== null) replace.push(['^(\\s+rate:)\\s*[^#\\n]+', `$1 ${p.rate}/s`]);
  if (QUICK) replace.push(['^horizon:.*$', 'horizon: 10m'], ['^warmup:.*$', 'warmup: 1m']);
  const runs = { analytic: [], iteration: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const fidelity of ['analytic', 'iteration']) runs[fidelity].push(runChild({ file, replace, fidelity }));
  }
  const a = runs.analytic[0];
  const it = runs.iteration[0];
  // Largest relative difference over every summary figure (identical seeds: the runs are deterministic).
  let worst = { key: null, analytic: null, iteration: null, rel: 0 };
  for (const [k, x] of Object.entries(a.summary)) {
    const y = it.summary[k];
    if (x === y || x === null || y === null) continue;
    const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (rel > worst.rel) worst = { key: k, analytic: x, iteration: y, rel };
  }
  const wa = stats(runs.analytic.map((r) => r.wallS));
  const wi = stats(runs.iteration.map((r) => r.wallS));
  const ca = stats(runs.analytic.map((r) => r.cpuS));
  const ci = stats(runs.iteration.map((r) => r.cpuS));
  const requests = a.requests;
  points.push({
    name: p.name, note: p.note, requests,
    analytic: { wallS: wa, cpuS: ca, events: a.events, requestsPerS: { best: requests / wa.best, median: requests / wa.median }, requestsPerCpuS: requests / ca.best, peakRssBytes: a.peakRssBytes },
    iteration: { wallS: wi, cpuS: ci, events: it.events, requestsPerS: { best: requests / wi.best, median: requests / wi.median }, requestsPerCpuS: requests / ci.best, peakRssBytes: it.peakRssBytes },
    speedup: { best: wi.best / wa.best, median: wi.median / wa.median, cpuBest: ci.best / ca.best, events: it.events / a.events },
    largestSummaryDifference: worst,
    summaryAnalytic: a.summary,
  });
  console.log(`${p.name}: analytic ${fmt(wa.median)} s, iteration ${fmt(wi.median)} s, worst diff ${worst.key} ${fmt(worst.rel)}`);
}
const ref = points[0];
const out = {
  benchmark: 'analytic-vs-iteration', quick: QUICK, machine: m, scenario: 'scenarios/reference-chat.yaml', points,
  targets: {
    'analytic ≥ 20× iteration (reference)': { value: ref.speedup.median, met: ref.speedup.median >= 20 },
    'every summary figure within 0.5 %': { value: Math.max(...points.map((p) => p.largestSummaryDifference.rel)), met: points.every((p) => p.largestSummaryDifference.rel <= 0.005) },
    '≥ 500,000 simulated requests/s on one core (reference, best)': { value: ref.analytic.requestsPerS.best, met: ref.analytic.requestsPerS.best >= 500_000 },
  },
};
const row = (p) => `| ${p.name} | ${int(p.requests)} | ${int(p.analytic.events)} / ${int(p.iteration.events)} (${fmt(p.speedup.events)}×) | ${fmt(p.analytic.wallS.best)} / ${fmt(p.analytic.wallS.median)} s | ${fmt(p.iteration.wallS.best)} / ${fmt(p.iteration.wallS.median)} s | ${int(p.analytic.requestsPerS.best)} / ${int(p.analytic.requestsPerS.median)} | ${int(p.iteration.requestsPerS.best)} / ${int(p.iteration.requestsPerS.median)} | **${fmt(p.speedup.median)}×** (CPU ${fmt(p.speedup.cpuBest)}×) | ${fmt(p.largestSummaryDifference.rel)} (${p.largestSummaryDifference.key ?? '—'}) |`;
const md = `# Analytic vs iteration mode: reference chat scenario

${machineMarkdown(m)} Each mode ran ${RUNS}× per load point in a fresh process (simulate() timed alone); best / median shown.
Scenario: Llama-3.1-70B, TP 4, H100, 32 replicas, 1 simulated hour${QUICK ? ' (quick: 10 minutes)' : ''}.

| load | requests | events analytic / iteration | analytic wall | iteration wall | analytic req/s | iteration req/s | speed-up (median) | largest summary difference |
|---|---:|---:|---:|---:|---:|---:|---:|---|
${points.map(row).join('\n')}

${points.map((p) => `- **${p.name}**: ${p.note}.`).join('\n')}

Peak RSS: analytic ${mb(ref.analytic.peakRssBytes)}, iteration ${mb(ref.iteration.peakRssBytes)}.

Targets: ${Object.entries(out.targets).map(([k, v]) => `${k}: ${v.met ? 'met' : 'NOT met'} (${fmt(v.value)})`).join('; ')}.
`;
writeResult('analytic-vs-iteration', out, md);
console.log(md);
