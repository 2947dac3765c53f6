#!/usr/bin/env node
/**
 * Fits the perf model's calibration factors to the measured data and rewrites
 * src/catalog/calibration.ts. Run `npx tsc -p tsconfig.json && node benchmarks/calibrate.mjs`.
 *
 * Data (read at run time, never copied): ../shared/data/calibration/measured_latency_a100.csv
 * (splitwise-sim, A100) and mlenergy_h100_runs.csv (ML.ENERGY v3, H100, dense models).
 * Method: hand-written Nelder–Mead on log-parameters minimising Σ log(pred/measured)².
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { getGpu, getModel } from '../dist/catalog/index.js';
import { predictLatency, predictServing } from '../dist/serving/perf/validation.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA = join(ROOT, '..', 'shared', 'data', 'calibration');
export const CAL_DATE = '2026-12-04';

/** Prompt tokens per ML.ENERGY task (not in the data). See docs/performance-model.md. */
export const TASK_PROMPT_TOKENS = { gpqa: 300, 'lm-arena-chat': Number(process.env.LMARENA_PROMPT ?? 1000) };

export function readCsv(path) {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

/** A100 groups (mean over repeats). The TP2 batch-64 row is excluded: its prefill (796 ms) is below batch 2's, a failed run. */
export function a100Groups() {
  const by = new Map();
  for (const r of readCsv(join(DATA, 'measured_latency_a100.csv'))) {
    const k = [r.model, r.tensor_parallel, r.prompt_size, r.batch_size].join('|');
    if (!by.has(k)) by.set(k, []);
    by.get(k).push(r);
  }
  const out = [];
  for (const rows of by.values()) {
    const r = rows[0];
    const mean = (c) => rows.reduce((s, x) => s + Number(x[c]), 0) / rows.length / 1000;
    out.push({
      label: `${r.model} TP${r.tensor_parallel} p${r.prompt_size} b${r.batch_size}`,
      excluded: r.model === 'llama2-70b' && r.tensor_parallel === '2' && r.batch_size === '64' ? 'prefill below batch-2 prefill: failed run' : undefined,
      model: getModel(r.model === 'llama2-70b' ? 'llama-2-70b' : 'bloom-176b'),
      tp: Number(r.tensor_parallel), prompt: Number(r.prompt_size), batch: Number(r.batch_size), outputTokens: Number(r.token_size),
      promptTimeS: mean('prompt_time'), tokenTimeS: mean('token_time'),
      promptRepeatsS: rows.map((x) => Number(x.prompt_time) / 1000),
    });
  }
  return out;
}

/** ML.ENERGY H100 runs; `dense` selects the dense transformers that the catalog knows. */
export function mlEnergyRuns(dense = true) {
  const out = [];
  for (const r of readCsv(join(DATA, 'mlenergy_h100_runs.csv'))) {
    if (dense !== (r.architecture === 'Dense Transformer')) continue;
    let model;
    try { model = getModel(r.model_id); } catch { continue; }
    out.push({
      label: `${r.model_id.split('/')[1]} ${r.task} TP${r.tensor_parallel} seqs${r.max_num_seqs}`, task: r.task,
      model, // expert-parallel runs are modelled as TP over all their GPUs (approximation)
      tp: Number(r.num_gpus), weightPrecision: r.weight_precision === 'bfloat16' ? 'bf16' : r.weight_precision,
      batch: Number(r.avg_batch_size), outputTokens: Number(r.avg_output_len), promptTokens: TASK_PROMPT_TOKENS[r.task] ?? 500,
      numGpus: Number(r.num_gpus), medianItlS: Number(r.median_itl_ms) / 1000, energyPerTokenJ: Number(r.energy_per_token_joules), powerW: Number(r.avg_power_watts),
    });
  }
  return out;
}

/** Nelder–Mead minimisation of f over R^n from x0 (standard coefficients 1, 2, 0.5, 0.5). */
export function nelderMead(f, x0, { iters = 3000, step = 0.3 } = {}) {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, v: f(x) }));
  for (let it = 0; it < iters; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0], worst = simplex[n], second = simplex[n - 1];
    const c = x0.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j], 0) / n);
    const at = (t) => { const x = c.map((cj, j) => cj + t * (worst.x[j] - cj)); return { x, v: f(x) }; };
    const r = at(-1);
    if (r.v < best.v) { const e = at(-2); simplex[n] = e.v < r.v ? e : r; }
    else if (r.v < second.v) simplex[n] = r;
    else {
      const k = at(r.v < worst.v ? -0.5 : 0.5);
      if (k.v < Math.min(r.v, worst.v)) simplex[n] = k;
      else simplex = simplex.map((p, i) => (i === 0 ? p : (() => { const x = p.x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j])); return { x, v: f(x) }; })()));
    }
    if (Math.abs(simplex[n].v - simplex[0].v) < 1e-12 && it > 200) break;
  }
  simplex.sort((a, b) => a.v - b.v);
  return simplex[0];
}

const TIME_KEYS = ['computeEfficiency', 'attentionEfficiency', 'memoryEfficiency', 'kvEfficiency', 'interconnectEfficiency', 'allReduceOverheadS', 'stepOverheadS', 'layerOverheadS', 'seqOverheadS'];
const BOUNDED = new Set(['computeEfficiency', 'attentionEfficiency', 'memoryEfficiency', 'kvEfficiency', 'interconnectEfficiency']);
const toCal = (base, keys, x) => {
  const c = { ...base };
  keys.forEach((k, i) => { c[k] = BOUNDED.has(k) ? 1 / (1 + Math.exp(-x[i])) : Math.exp(x[i]); });
  return c;
};
const fromCal = (c, keys) => keys.map((k) => (BOUNDED.has(k) ? Math.log(c[k] / (1 - c[k])) : Math.log(c[k])));
const sq = (p, m) => Math.log(p / m) ** 2;

function fit(base, keys, loss, restarts = 4) {
  let best = { x: fromCal(base, keys), v: loss(base) };
  for (let restart = 0; restart < restarts; restart++) {
    const r = nelderMead((x) => loss(toCal(base, keys, x)), best.x, { step: restart === 0 ? 0.5 : restarts > 4 && restart % 2 === 0 ? 0.6 : 0.2, iters: restarts > 4 ? 6000 : 3000 });
    if (r.v <= best.v) best = r;
  }
  return { cal: toCal(base, keys, best.x), loss: best.v };
}

const START = {
  computeEfficiency: 0.6, attentionEfficiency: 0.4, memoryEfficiency: 0.8, kvEfficiency: 0.5, interconnectEfficiency: 0.3, allReduceOverheadS: 20e-6,
  stepOverheadS: 2e-3, layerOverheadS: 30e-6, seqOverheadS: 0.1e-3, prefillSeqOverheadS: 0, powerComputeFraction: 1, powerMemoryFraction: 0.6, powerClockExponent: 2.5,
};

export function calibrateA100() {
  const gpu = getGpu('A100-80GB');
  const groups = a100Groups().filter((g) => !g.excluded);
  const loss = (cal) => groups.reduce((s, g) => { const p = predictLatency(gpu, cal, g); return s + sq(p.prefillS, g.promptTimeS) + sq(p.decodeS, g.tokenTimeS); }, 0);
  // The A100 rows prefill `batch` prompts per iteration, so the per-prompt prefill cost is identifiable
  // here (batch of short prompts vs one long prompt of the same tokens); it is not in the ML.ENERGY data.
  const { cal, loss: v } = fit({ ...START, prefillSeqOverheadS: 20e-3, id: 'a100-splitwise' }, [...TIME_KEYS, 'prefillSeqOverheadS'], loss);
  return { cal, loss: v, n: groups.length };
}

/**
 * What the A100 prefill data allow, measured rather than asserted (reported by benchmarks/fidelity.mjs):
 * - `repeats`: per group, the spread of the repeated prefill measurements (coefficient of variation and
 *   the standard error of their mean, both relative to the mean);
 * - `perGroup`: every time factor refitted separately for each (model, TP) group, prefill and decode
 *   (the model's structure with four times the free parameters): the best this structure does per group;
 * - `prefillOnly`: one shared fit to the prefill rows alone (decode ignored).
 */
export function a100PrefillFloor() {
  const base = { ...START, prefillSeqOverheadS: 20e-3, id: 'a100-floor' };
  const gpu = getGpu('A100-80GB');
  const groups = a100Groups().filter((g) => !g.excluded);
  const ape = (p, m) => Math.abs(p / m - 1);
  const keys = [...TIME_KEYS, 'prefillSeqOverheadS'];
  const repeats = groups.map((g) => {
    const xs = g.promptRepeatsS;
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    return { label: g.label, n: xs.length, cv: sd / m, relStdErr: sd / m / Math.sqrt(xs.length) };
  });
  const names = [...new Set(groups.map((g) => `${g.model.id} TP${g.tp}`))];
  const perGroup = names.map((name) => {
    const gs = groups.filter((g) => `${g.model.id} TP${g.tp}` === name);
    const loss = (cal) => gs.reduce((s, g) => { const p = predictLatency(gpu, cal, g); return s + sq(p.prefillS, g.promptTimeS) + sq(p.decodeS, g.tokenTimeS); }, 0);
    const { cal } = fit(base, keys, loss, 8);
    const err = gs.map((g) => { const p = predictLatency(gpu, cal, g); return [ape(p.prefillS, g.promptTimeS), ape(p.decodeS, g.tokenTimeS)]; });
    return { group: name, n: gs.length, prefill: err.reduce((s, e) => s + e[0], 0) / gs.length, decode: err.reduce((s, e) => s + e[1], 0) / gs.length };
  });
  const lossP = (cal) => groups.reduce((s, g) => s + sq(predictLatency(gpu, cal, g).prefillS, g.promptTimeS), 0);
  const p = fit(base, keys, lossP, 8).cal;
  const prefillOnly = groups.reduce((s, g) => s + ape(predictLatency(gpu, p, g).prefillS, g.promptTimeS), 0) / groups.length;
  const n = groups.length;
  return {
    repeats,
    perGroup,
    perGroupPrefill: perGroup.reduce((s, g) => s + g.prefill * g.n, 0) / n,
    perGroupDecode: perGroup.reduce((s, g) => s + g.decode * g.n, 0) / n,
    prefillOnly,
  };
}

export function calibrateH100(runs = mlEnergyRuns(true)) {
  const gpu = getGpu('H100');
  const lossT = (cal) => runs.reduce((s, r) => s + sq(predictServing(gpu, cal, r).medianItlS, r.medianItlS), 0);
  const t = fit({ ...START, id: 'h100-vllm' }, TIME_KEYS, lossT);
  // The runs are decode-dominated, so they barely see compute-bound power: fitted free, the compute
  // fraction swung between 0.87 and 1.14 with small changes elsewhere in the model. It is fixed instead
  // from splitwise-sim's measured H100 prefill power (700 W = TDP), as for the A100; only the memory
  // fraction is fitted to energy per token.
  t.cal.powerComputeFraction = 1;
  const PKEYS = ['powerMemoryFraction'];
  const lossP = (cal) => runs.reduce((s, r) => s + sq(predictServing(gpu, cal, r).energyPerTokenJ, r.energyPerTokenJ), 0);
  const p = fit(t.cal, PKEYS, lossP);
  return { cal: p.cal, loss: t.loss, lossP: p.loss, n: runs.length };
}

/** ML.ENERGY H100 MoE runs whose routed experts are stored below bf16 (fp8 block-quantised, mxfp4). */
export function quantizedMoeRuns() {
  return mlEnergyRuns(false).filter((r) => r.weightPrecision !== 'bf16');
}

/**
 * The one factor the dense fit cannot see: the achieved fraction of the roofline of quantised expert
 * kernels, fitted (everything else fixed at the H100 fit) to median ITL of `runs`. 1-D golden section
 * on log η over [0.05, 1].
 */
export function fitQuantizedExpertEfficiency(cal, runs = quantizedMoeRuns()) {
  const gpu = getGpu('H100');
  const loss = (eta) => runs.reduce((s, r) => s + sq(predictServing(gpu, { ...cal, quantizedExpertEfficiency: eta }, r).medianItlS, r.medianItlS), 0);
  let a = Math.log(0.05);
  let b = 0;
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (loss(Math.exp(c)) < loss(Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}

const fmtNum = (v) => (Math.abs(v) < 1e-2 ? v.toExponential(4) : Number(v.toPrecision(5)).toString());
function literal(name, cal, source, doc) {
  const body = Object.entries({ ...cal, source }).map(([k, v]) => `  ${k}: ${typeof v === 'number' ? fmtNum(v) : JSON.stringify(v)},`).join('\n');
  return `/** ${doc} */\nexport const ${name}: PerfCalibration = {\n${body}\n};\n`;
}

function main() {
  const a = calibrateA100();
  // A100 power: splitwise-sim phase powers (prefill 400 W = TDP, decode 250 W): computeFraction 1;
  // memoryFraction so that a Llama-2-70B TP4 batch-8 decode step draws 250 W.
  const gpuA = getGpu('A100-80GB');
  const probe = { model: getModel('llama-2-70b'), tp: 4, weightPrecision: 'bf16', batch: 8, outputTokens: 1e9, promptTokens: 512 };
  const unit = predictServing(gpuA, { ...a.cal, powerComputeFraction: 0, powerMemoryFraction: 1 }, probe).powerW / 4;
  a.cal.powerComputeFraction = 1;
  a.cal.powerMemoryFraction = (250 - gpuA.idleLoadedW) / (unit - gpuA.idleLoadedW);
  const h = calibrateH100();
  const qRuns = quantizedMoeRuns();
  h.cal.quantizedExpertEfficiency = fitQuantizedExpertEfficiency(h.cal, qRuns);
  console.log('A100', a.cal, 'loss', a.loss, 'groups', a.n);
  console.log('H100', h.cal, 'loss', h.loss, h.lossP, 'runs', h.n);
  const file = `/**
 * Fitted calibration factors, written by benchmarks/calibrate.mjs on ${CAL_DATE}. Do not edit by hand:
 * change the script and rerun it. Efficiencies are achieved fractions of peak; overheads in seconds.
 *
 * GPUs without measurements (H200, B200, MI300X, L4, L40S) get the H100 profile: the same achieved
 * fractions of *their own* peaks (so their absolute rates scale with their datasheet figures) and
 * the same serving-software overheads (the same vLLM stack). This is an assumption, not a fit.
 */
import type { PerfCalibration } from '../serving/perf/calibration.js';

${literal('A100_SPLITWISE', a.cal, `fitted ${CAL_DATE} to ../shared/data/calibration/measured_latency_a100.csv (splitwise-sim perf_model.csv, ${a.n} groups, Llama-2-70B TP2/4/8 and BLOOM-176B TP8 on A100-80GB); power fractions from splitwise-sim phase powers (A100 prefill 400 W, decode 250 W)`, 'A100-80GB, fitted to the splitwise-sim measurements (2023 serving stack).')}
${literal('H100_VLLM', h.cal, `fitted ${CAL_DATE} to ../shared/data/calibration/mlenergy_h100_runs.csv (ML.ENERGY v3, ${h.n} dense H100 runs: median ITL for the time terms, energy per token for the memory-bound power fraction (compute-bound fraction 1: splitwise-sim H100 prefill 700 W = TDP); quantizedExpertEfficiency alone to median ITL of the ${qRuns.length} fp8/mxfp4 MoE runs; prompt tokens assumed gpqa ${TASK_PROMPT_TOKENS.gpqa}, lm-arena-chat ${TASK_PROMPT_TOKENS['lm-arena-chat']})`, 'H100 with vLLM v1, fitted to ML.ENERGY v3 runs.')}
export const CALIBRATIONS: readonly PerfCalibration[] = [A100_SPLITWISE, H100_VLLM];

/** The calibration a GPU gets by default: its own fit where one exists, else the H100 profile (see above). */
export function defaultCalibration(gpuId: string): PerfCalibration {
  if (gpuId === 'A100-80GB') return A100_SPLITWISE;
  if (gpuId === 'H100') return H100_VLLM;
  return { ...H100_VLLM, id: \`h100-vllm-derived:\${gpuId}\`, source: \`derived from H100_VLLM (same achieved fractions of peak, same software overheads); not validated on \${gpuId}\` };
}
`;
  if (!process.argv.includes('--dry-run')) writeFileSync(join(ROOT, 'src', 'catalog', 'calibration.ts'), file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
