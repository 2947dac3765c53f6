// Engine vs SimPy: the same M/M/8 queue at utilization 0.9 with 1,000,000 customers, in fleetsim
// (scenarios/mmc-validation.yaml through loadScenarioText + simulate, one replication) and in SimPy
// (benchmarks/peers/mmc_simpy.py), one after the other, each in its own process, several times.
// Both are checked against Erlang C. Events are what each engine schedules: SimPy about 6 per customer
// (arrival timeout, process start, request, service timeout, release, process end), fleetsim 2
// (arrival, service completion), so the customers/s ratio is the like-for-like one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, QUICK, fmt, int, machine, machineMarkdown, mb, pythonVersion, runChild, runTimed, stats, writeResult } from './internal/common.mjs';

const CUSTOMERS = QUICK ? 100_000 : 1_000_000;
const RUNS = QUICK ? 1 : 3;
const SERVERS = 8;
const RHO = 0.9;
const LAMBDA = RHO * SERVERS;

// Erlang C for M/M/c (mean service 1 s).
function erlangC(c, a) {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return a >= c ? 1 : (c * b) / (c - a * (1 - b));
}
const pWaitExact = erlangC(SERVERS, LAMBDA);
const wqExact = pWaitExact / (SERVERS - LAMBDA);

const file = join(ROOT, 'scenarios', 'mmc-validation.yaml');
const text = readFileSync(file, 'utf8');
const job = (replications) => ({
  file, text, summary: true,
  replace: [['^replications:.*$', `replications: ${replications}`], ['^(\\s+count:)\\s*\\d+', `$1 ${CUSTOMERS}`]],
});

const m = machine();
const fleet = [];
const simpy = [];
const kernel = [];
for (let i = 0; i < RUNS; i++) {
  fleet.push(runChild(job(1)));
  const k = runTimed(process.execPath, [join(ROOT, 'benchmarks', 'internal', 'mmcKernel.mjs'), String(CUSTOMERS), String(SERVERS), String(RHO), String(i + 1)]);
  kernel.push(JSON.parse(k.stdout.trim().split('\n').pop()));
  const r = runTimed('/usr/bin/python3', [join(ROOT, 'benchmarks', 'peers', 'mmc_simpy.py'), String(CUSTOMERS), String(SERVERS), String(RHO), String(i + 1)]);
  const j = JSON.parse(r.stdout.trim().split('\n').pop());
  simpy.push({ ...j, peakRssBytes: r.peakRssBytes ?? j.peakRssBytes });
  console.log(`run ${i + 1}: fleetsim ${fmt(fleet[i].wallS)} s, SimPy ${fmt(j.wallSeconds)} s`);
}
// Validation: fleetsim over 10 replications (the scenario's own setting), mean wait against Erlang C.
const valid = QUICK ? fleet[0] : runChild(job(10));
const fleetWq = valid.summary['class.customers.queueWait.mean'];
const fleetPw = valid.summary['class.customers.pWait'];

const fw = stats(fleet.map((r) => r.wallS));
const kw = stats(kernel.map((r) => r.wallS));
const kEvents = kernel[0].events;
const fc = stats(fleet.map((r) => r.cpuS));
const sw = stats(simpy.map((r) => r.wallSeconds));
const fEvents = fleet[0].events;
const sEvents = simpy[0].events;
const out = {
  benchmark: 'engine-vs-simpy', quick: QUICK, machine: m, python: pythonVersion(), simpyVersion: simpy[0].simpyVersion,
  model: { servers: SERVERS, utilization: RHO, arrivalRate: LAMBDA, meanServiceS: 1, customers: CUSTOMERS },
  fleetsim: {
    runs: fleet.map(({ summary, ...r }) => r), wallS: fw, cpuS: fc, events: fEvents, eventsPerCustomer: fEvents / CUSTOMERS,
    eventsPerS: { best: fEvents / fw.best, median: fEvents / fw.median }, customersPerS: { best: CUSTOMERS / fw.best, median: CUSTOMERS / fw.median },
    peakRssBytes: Math.max(...fleet.map((r) => r.peakRssBytes)),
    validation: { replications: valid.replications, meanWait: fleetWq, pWait: fleetPw, meanWaitRelErr: fleetWq / wqExact - 1, pWaitRelErr: fleetPw / pWaitExact - 1 },
  },
  simpy: {
    runs: simpy, wallS: sw, events: sEvents, eventsPerCustomer: sEvents / CUSTOMERS,
    eventsPerS: { best: sEvents / sw.best, median: sEvents / sw.median }, customersPerS: { best: CUSTOMERS / sw.best, median: CUSTOMERS / sw.median },
    peakRssBytes: Math.max(...simpy.map((r) => r.peakRssBytes)),
    validation: { seeds: simpy.length, meanWait: avg(simpy.map((r) => r.meanWait)), pWait: avg(simpy.map((r) => r.pWait)) },
  },
  erlangC: { meanWait: wqExact, pWait: pWaitExact },
  kernel: {
    note: 'the same model written directly on src/engine (benchmarks/internal/mmcKernel.mjs), like the SimPy script on SimPy',
    runs: kernel, wallS: kw, events: kEvents,
    eventsPerS: { best: kEvents / kw.best, median: kEvents / kw.median }, customersPerS: { best: CUSTOMERS / kw.best, median: CUSTOMERS / kw.median },
    peakRssBytes: Math.max(...kernel.map((r) => r.peakRssBytes)),
    validation: { seeds: kernel.length, meanWait: avg(kernel.map((r) => r.meanWait)), pWait: avg(kernel.map((r) => r.pWait)) },
  },
};
out.simpy.validation.meanWaitRelErr = out.simpy.validation.meanWait / wqExact - 1;
out.simpy.validation.pWaitRelErr = out.simpy.validation.pWait / pWaitExact - 1;
out.kernel.validation.meanWaitRelErr = out.kernel.validation.meanWait / wqExact - 1;
out.ratio = {
  kernelEventsPerS: { best: out.kernel.eventsPerS.best / out.simpy.eventsPerS.best, median: out.kernel.eventsPerS.median / out.simpy.eventsPerS.median },
  kernelCustomersPerS: { best: out.kernel.customersPerS.best / out.simpy.customersPerS.best, median: out.kernel.customersPerS.median / out.simpy.customersPerS.median },
  eventsPerS: { best: out.fleetsim.eventsPerS.best / out.simpy.eventsPerS.best, median: out.fleetsim.eventsPerS.median / out.simpy.eventsPerS.median },
  customersPerS: { best: out.fleetsim.customersPerS.best / out.simpy.customersPerS.best, median: out.fleetsim.customersPerS.median / out.simpy.customersPerS.median },
};
out.targets = {
  'events/s ≥ 30× SimPy (scenario path)': { value: out.ratio.eventsPerS.median, met: out.ratio.eventsPerS.median >= 30 },
  'events/s ≥ 30× SimPy (engine kernel)': { value: out.ratio.kernelEventsPerS.median, met: out.ratio.kernelEventsPerS.median >= 30 },
  'fleetsim mean wait within 2 % of Erlang C (10 replications)': { value: out.fleetsim.validation.meanWaitRelErr, met: Math.abs(out.fleetsim.validation.meanWaitRelErr) < 0.02 },
  // One SimPy seed wanders ±2.7 % (1 sd) at 1e6 customers; 3 runs: ±1.6 %. Tolerance 3 sd.
  'SimPy mean wait within 5 % of Erlang C': { value: out.simpy.validation.meanWaitRelErr, met: Math.abs(out.simpy.validation.meanWaitRelErr) < 0.05 },
};
function avg(xs) {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

const md = `# Engine vs SimPy: M/M/${SERVERS} at ρ = ${RHO}, ${int(CUSTOMERS)} customers

${machineMarkdown(m)} ${out.python}, SimPy ${out.simpyVersion}. Each engine ran ${RUNS}× alternately, each run in a fresh process; best and median shown.

| | fleetsim (scenario path) | fleetsim engine kernel | SimPy | ratio scenario path / kernel (median) |
|---|---:|---:|---:|---:|
| wall time, best / median | ${fmt(fw.best)} / ${fmt(fw.median)} s | ${fmt(kw.best)} / ${fmt(kw.median)} s | ${fmt(sw.best)} / ${fmt(sw.median)} s | ${fmt(sw.median / fw.median)}× / ${fmt(sw.median / kw.median)}× |
| events scheduled | ${int(fEvents)} (${fmt(fEvents / CUSTOMERS)}/customer) | ${int(kEvents)} | ${int(sEvents)} (${fmt(sEvents / CUSTOMERS)}/customer) | |
| events/s, median | ${int(out.fleetsim.eventsPerS.median)} | ${int(out.kernel.eventsPerS.median)} | ${int(out.simpy.eventsPerS.median)} | **${fmt(out.ratio.eventsPerS.median)}× / ${fmt(out.ratio.kernelEventsPerS.median)}×** |
| customers/s, median | ${int(out.fleetsim.customersPerS.median)} | ${int(out.kernel.customersPerS.median)} | ${int(out.simpy.customersPerS.median)} | **${fmt(out.ratio.customersPerS.median)}× / ${fmt(out.ratio.kernelCustomersPerS.median)}×** |
| peak RSS | ${mb(out.fleetsim.peakRssBytes)} | ${mb(out.kernel.peakRssBytes)} | ${mb(out.simpy.peakRssBytes)} | |
| mean wait vs Erlang C ${fmt(wqExact, 4)} s | ${fmt(fleetWq, 4)} s (${fmt(100 * out.fleetsim.validation.meanWaitRelErr, 2)} %, ${valid.replications} replications) | ${fmt(out.kernel.validation.meanWait, 4)} s (${fmt(100 * out.kernel.validation.meanWaitRelErr, 2)} %, ${kernel.length} seeds) | ${fmt(out.simpy.validation.meanWait, 4)} s (${fmt(100 * out.simpy.validation.meanWaitRelErr, 2)} %, ${simpy.length} seeds) | |
| P(wait) vs Erlang C ${fmt(pWaitExact, 4)} | ${fmt(fleetPw, 4)} | ${fmt(out.kernel.validation.pWait, 4)} | ${fmt(out.simpy.validation.pWait, 4)} | |

The *scenario path* is the issue's measure: scenarios/mmc-validation.yaml through loadScenarioText +
simulate (workload driver, service pool, latency histograms, time windows, result building). The
*engine kernel* is the same model written directly on src/engine, as the SimPy script is written
directly on SimPy.

fleetsim's wall time is \`simulate()\` alone (scenario already loaded); SimPy's is \`env.run()\` alone. fleetsim
schedules 2 events per customer and SimPy about 6, so events/s overstates SimPy's speed relative to
fleetsim's: customers/s is the like-for-like comparison.

Targets: ${Object.entries(out.targets).map(([k, v]) => `${k}: ${v.met ? 'met' : 'NOT met'} (${fmt(v.value)})`).join('; ')}.
`;
writeResult('engine-vs-simpy', out, md);
console.log(md);
