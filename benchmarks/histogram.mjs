// Histogram record cost: LogHistogram.record (bucket index from the float's exponent and mantissa
// bits, src/metrics/internal/logIndex.ts) against the same update with the defining formula
// ceil(ln v / ln γ) (`referenceIndex`, one Math.log per value). Every replication records several
// latencies per request, so this is on the simulator's hot path. Both loops record the same 10^7
// lognormal-ish values into 8 histograms (round robin), 5 alternating rounds; best and median shown.
import { LogHistogram } from '../dist/metrics/histogram.js';
import { referenceIndex } from '../dist/metrics/internal/logIndex.js';
import { QUICK, machine, machineMarkdown, stats, writeResult, fmt } from './internal/common.mjs';

const N = QUICK ? 1e6 : 1e7;
const ROUNDS = QUICK ? 2 : 5;
const values = new Float64Array(1 << 16);
let s = 12345;
for (let i = 0; i < values.length; i++) {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  values[i] = Math.exp(-1.5 + 1.2 * (s / 4294967296 - 0.5) * 4); // 0.02 s … 2.5 s, like latencies
}

/** The update LogHistogram.record does, with the bucket from Math.log (counts in a plain array). */
class ReferenceHistogram {
  constructor() {
    this.inv = 1 / Math.log(1.02);
    this.minIndex = Math.ceil(Math.log(1e-9) * this.inv);
    this.maxIndex = Math.ceil(Math.log(1e12) * this.inv);
    this.counts = new Float64Array(this.maxIndex - this.minIndex + 1);
    this.n = 0; this.total = 0; this.lo = Infinity; this.hi = -Infinity;
  }
  record(v) {
    this.n++; this.total += v;
    if (v < this.lo) this.lo = v;
    if (v > this.hi) this.hi = v;
    this.counts[referenceIndex(v, this.inv, this.minIndex, this.maxIndex) - this.minIndex]++;
  }
}

function time(make) {
  const hs = Array.from({ length: 8 }, make);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) hs[i & 7].record(values[i & 0xffff]);
  return ((performance.now() - t0) * 1e6) / N; // ns per record
}

// Warm both up (JIT), then alternate.
time(() => new LogHistogram());
time(() => new ReferenceHistogram());
const ours = [];
const ref = [];
for (let r = 0; r < ROUNDS; r++) {
  ours.push(time(() => new LogHistogram()));
  ref.push(time(() => new ReferenceHistogram()));
}
const o = stats(ours);
const f = stats(ref);
const m = machine();
const out = { benchmark: 'histogram', quick: QUICK, machine: m, records: N, rounds: ROUNDS, nsPerRecord: { logHistogram: ours, mathLogReference: ref } };
const md = `# Histogram record cost

${machineMarkdown(m)}

${N.toLocaleString('en-US')} records into 8 histograms (γ 1.02), ${ROUNDS} alternating rounds in one process after a warm-up.

| | best | median |
|---|---:|---:|
| LogHistogram.record (bucket from the float's bits) | ${fmt(o.best)} ns | ${fmt(o.median)} ns |
| same update, bucket from Math.log (the defining formula) | ${fmt(f.best)} ns | ${fmt(f.median)} ns |

Both give the same bucket for every value (test/metrics/logIndex.test.ts).
`;
writeResult('histogram', out, md);
console.log(md);
