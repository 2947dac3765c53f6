// The M/M/c model written directly on fleetsim's engine kernel (src/engine: Simulation, event queue,
// seeded streams), the way benchmarks/peers/mmc_simpy.py is written directly on SimPy's: two event
// kinds (arrival, service completion), a FIFO of arrival times in a ring buffer, exponential draws by
// inversion. No scenario, no fleet, no histograms: it measures the engine, not the model around it.
// argv: customers servers utilization seed. Prints one JSON line.
import { Simulation } from '../../dist/engine/simulation.js';
import { streamFor } from '../../dist/engine/random.js';

const [customers = 1_000_000, servers = 8, rho = 0.9, seed = 1] = process.argv.slice(2).map(Number);
const lambda = rho * servers;
const ARRIVE = 0;
const DONE = 1;
const sim = new Simulation([1, 0]); // departures first at the same instant (M/M/c convention)
const ua = streamFor(seed, 'arrivals');
const us = streamFor(seed, 'service');
const exp = (u, rate) => -Math.log(1 - u()) / rate;
let queue = new Float64Array(1024);
let head = 0;
let len = 0;
let busy = 0;
let arrived = 0;
let waitSum = 0;
let waited = 0;
const start = (now) => sim.schedule(now + exp(us, 1), DONE, 0);
sim.on(ARRIVE, () => {
  const now = sim.now;
  if (++arrived < customers) sim.schedule(now + exp(ua, lambda), ARRIVE, 0);
  if (busy < servers) {
    busy++;
    start(now);
  } else {
    if (len === queue.length) {
      const q = new Float64Array(queue.length * 2);
      for (let i = 0; i < len; i++) q[i] = queue[(head + i) & (queue.length - 1)];
      queue = q;
      head = 0;
    }
    queue[(head + len++) & (queue.length - 1)] = now;
  }
});
sim.on(DONE, () => {
  const now = sim.now;
  if (len > 0) {
    const t = queue[head];
    head = (head + 1) & (queue.length - 1);
    len--;
    waitSum += now - t;
    waited++;
    start(now);
  } else busy--;
});
const t0 = performance.now();
sim.schedule(exp(ua, lambda), ARRIVE, 0);
sim.run(Infinity);
const wallS = (performance.now() - t0) / 1000;
console.log(JSON.stringify({
  customers, events: sim.eventsProcessed, wallS, eventsPerS: sim.eventsProcessed / wallS, customersPerS: customers / wallS,
  meanWait: waitSum / customers, pWait: waited / customers, peakRssBytes: process.resourceUsage().maxRSS * 1024,
}));
