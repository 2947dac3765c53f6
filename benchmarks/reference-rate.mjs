// How the reference scenario's rate was chosen: sweep the arrival rate of scenarios/reference-chat.yaml
// (20 simulated minutes per point, same seed) and find where the p95 time per output token reaches its
// 60 ms SLO; the scenario runs at 75 % of that rate. Busy-time utilization is no guide here: a
// continuous-batching replica is busy whenever it holds a request, which at any useful load is always.
import { join } from 'node:path';
import { ROOT, fmt, machine, runChild, writeResult } from './internal/common.mjs';

const file = join(ROOT, 'scenarios', 'reference-chat.yaml');
const SLO_TPOT = 0.06;
const rates = [100, 150, 190, 220, 240, 250, 260, 270, 280, 300];
const rows = rates.map((rate) => {
  const r = runChild({ file, replace: [['^(\\s+rate:)\\s*[^#\\n]+', `$1 ${rate}/s`], ['^horizon:.*$', 'horizon: 20m']] });
  const s = r.summary;
  const row = { rate, tpotP95: s['class.chat.tpot.p95'], ttftP95: s['class.chat.ttft.p95'], sloAttainment: s['class.chat.sloAttainment'], throughput: s['class.chat.throughput'], kvUtilization: s['pool.h100-70b.kvUtilization'] };
  console.log(rate, fmt(row.tpotP95), fmt(row.sloAttainment));
  return row;
});
// Linear interpolation of the rate at which p95 TPOT crosses the SLO.
let rmax = null;
for (let i = 1; i < rows.length; i++) {
  const a = rows[i - 1];
  const b = rows[i];
  if (a.tpotP95 <= SLO_TPOT && b.tpotP95 > SLO_TPOT) rmax = a.rate + ((SLO_TPOT - a.tpotP95) / (b.tpotP95 - a.tpotP95)) * (b.rate - a.rate);
}
const out = { benchmark: 'reference-rate', machine: machine(), sloTpotS: SLO_TPOT, rows, rateAtSlo: rmax, chosenRate: rmax === null ? null : 0.75 * rmax };
const md = `# Reference scenario: choosing the rate

p95 time per output token against the arrival rate (scenarios/reference-chat.yaml, 20 simulated minutes, seed 1).

| rate (/s) | p95 TPOT | p95 TTFT | SLO attainment | KV utilization |
|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.rate} | ${fmt(1000 * r.tpotP95)} ms | ${fmt(1000 * r.ttftP95)} ms | ${fmt(r.sloAttainment)} | ${fmt(r.kvUtilization)} |`).join('\n')}

p95 TPOT reaches the ${SLO_TPOT * 1000} ms SLO at ≈ ${fmt(rmax)}/s; 75 % of that is ≈ ${fmt(out.chosenRate)}/s (the scenario uses 190/s).
`;
writeResult('reference-rate', out, md);
console.log(md);
