// One measured fleetsim run, in its own process. argv[2] is a JSON job:
//   { file?: path, text?: scenario YAML, replace?: [[regex, replacement], ...], fidelity?, limits? }
// Loads the scenario through the public path (loadScenarioText + simulate), times simulate() alone,
// and prints one JSON line: wall time, events, requests, peak RSS (process.resourceUsage().maxRSS) and
// the summary means.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
// FLEETSIM_DIST: a frozen copy of dist/ to measure (others may rebuild dist/ during a long run).
const dist = process.env.FLEETSIM_DIST ? pathToFileURL(process.env.FLEETSIM_DIST + '/').href : new URL('../../dist/', import.meta.url).href;
const { loadScenarioText } = await import(dist + 'scenario/index.js');
const { simulate } = await import(dist + 'simulate/simulate.js');

const job = JSON.parse(process.argv[2]);
let text = job.text ?? readFileSync(job.file, 'utf8');
for (const [re, rep] of job.replace ?? []) text = text.replace(new RegExp(re, 'm'), rep);
const { resolved } = loadScenarioText(text, job.file ?? '<benchmark>');
const scenario = job.fidelity ? { ...resolved, fidelity: job.fidelity } : resolved;
const c0 = process.cpuUsage();
const t0 = performance.now();
const result = simulate(scenario);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const cpuS = (cpu.user + cpu.system) / 1e6;
const events = result.replications.reduce((a, r) => a + r.events, 0);
const requests = result.classes.reduce((a, c) => a + c.all.arrived, 0);
const summary = Object.fromEntries(Object.entries(result.summary).map(([k, v]) => [k, v.mean]));
console.log(JSON.stringify({
  wallS, cpuS, events, requests, replications: result.replications.length,
  eventsPerS: events / wallS, requestsPerS: requests / wallS,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  summary: job.summary === false ? undefined : summary,
  warnings: result.warnings,
}));
