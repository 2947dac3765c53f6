// Scale: wall time and peak RSS as simulated requests grow 10⁵ → 10⁸ on the reference chat fleet
// (32 replicas at 190/s; the horizon grows), and as the fleet grows 10 → 1,000 replicas at a fixed
// 10⁶ requests (rate per replica fixed). Every point runs in its own process for a clean peak RSS.
// A point that does not finish within its time limit is reported as not run and extrapolated from
// the largest finished one (cost per request is flat).
import { join } from 'node:path';
import { ROOT, QUICK, fmt, int, machine, machineMarkdown, mb, runChild, writeResult } from './internal/common.mjs';

const file = join(ROOT, 'scenarios', 'reference-chat.yaml');
const RATE = 190; // requests/s of the reference scenario (32 replicas)
const PER_REPLICA = RATE / 32;
const LIMIT_MS = Number(process.env.FLEETSIM_SCALE_LIMIT_S ?? 600) * 1000;
const sizes = QUICK ? [1e5, 1e6] : [1e5, 1e6, 1e7, 1e8];
const fleets = QUICK ? [10, 100] : [10, 100, 1000];

const job = (requests, replicas) => {
  const rate = PER_REPLICA * replicas;
  const horizonS = Math.ceil(requests / rate);
  return {
    file, summary: false,
    replace: [
      ['^(\\s+rate:)\\s*[^#\\n]+', `$1 ${rate}/s`], ['^(\\s+replicas:)\\s*\\d+', `$1 ${replicas}`],
      ['^horizon:.*$', `horizon: ${horizonS}s`], ['^warmup:.*$', 'warmup: 0s'], ['^window:.*$', `window: ${Math.max(300, Math.ceil(horizonS / 2000))}s`],
    ],
  };
};

const m = machine();
function measure(requests, replicas) {
  try {
    const r = runChild(job(requests, replicas), { timeoutMs: LIMIT_MS });
    const row = { requests: r.requests, replicas, wallS: r.wallS, cpuS: r.cpuS, events: r.events, requestsPerS: r.requestsPerS, usPerRequest: (1e6 * r.wallS) / r.requests, peakRssBytes: r.peakRssBytes, finished: true };
    console.log(`${int(requests)} requests, ${replicas} replicas: ${fmt(r.wallS)} s, ${mb(r.peakRssBytes)}`);
    return row;
  } catch (e) {
    const timedOut = /SIGTERM|ETIMEDOUT/.test(String(e.message));
    console.log(`${int(requests)} requests, ${replicas} replicas: ${timedOut ? `not finished within ${LIMIT_MS / 1000} s` : `failed: ${String(e.message).slice(0, 300)}`}`);
    return { requests, replicas, finished: false, timedOut, error: timedOut ? undefined : String(e.message).slice(0, 300) };
  }
}
const byRequests = sizes.map((n) => measure(n, 32));
const byFleet = fleets.map((k) => measure(1e6, k));
const done = byRequests.filter((r) => r.finished);
const last = done[done.length - 1];
for (const r of byRequests) {
  if (!r.finished) r.extrapolatedWallS = (r.requests * last.usPerRequest) / 1e6;
}
const big = byRequests.find((r) => r.requests === 1e8);
const out = {
  benchmark: 'scale', quick: QUICK, machine: m, scenario: 'scenarios/reference-chat.yaml (rate and replicas scaled, warm-up 0)', byRequests, byFleet,
  targets: {
    'peak RSS < 300 MB at 10⁸ requests': big ? { value: big.peakRssBytes ?? null, met: big.finished ? big.peakRssBytes < 300 * 2 ** 20 : null } : { value: null, met: null },
  },
};
const row = (r) =>
  r.finished
    ? `| ${int(r.requests)} | ${r.replicas} | ${fmt(r.wallS)} s | ${fmt(r.cpuS)} s | ${int(r.requestsPerS)} | ${fmt(r.usPerRequest)} µs | ${mb(r.peakRssBytes)} |`
    : `| ${int(r.requests)} | ${r.replicas} | ${r.timedOut ? `not finished within ${LIMIT_MS / 1000} s` : 'failed (see JSON)'}${r.extrapolatedWallS ? `; extrapolated ≈ ${fmt(r.extrapolatedWallS)} s` : ''} | | | | |`;
const md = `# Scale: requests and fleet size

${machineMarkdown(m)} Each point in its own process; \`simulate()\` timed alone; peak RSS is the process's (Node runtime included).

Requests (32 replicas, ${RATE}/s, horizon = requests / rate):

| requests | replicas | wall | CPU | requests/s | per request | peak RSS |
|---:|---:|---:|---:|---:|---:|---:|
${byRequests.map(row).join('\n')}

Fleet size (10⁶ requests, ${fmt(PER_REPLICA)} requests/s per replica):

| requests | replicas | wall | CPU | requests/s | per request | peak RSS |
|---:|---:|---:|---:|---:|---:|---:|
${byFleet.map(row).join('\n')}
`;
writeResult('scale', out, md);
console.log(md);
