// npm run bench: every speed benchmark, one after the other (each writes benchmarks/results/<name>.json
// and .md). Pass --quick for a smoke run with small sizes. Fidelity and calibration have their own
// scripts (npm run bench:fidelity, npm run calibrate).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const all = ['engine-vs-simpy', 'analytic-vs-iteration', 'scale', 'reference-rate', 'histogram'];
let failed = 0;
for (const name of only.length > 0 ? only : all) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, [join(here, `${name}.mjs`), ...args.filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${name} failed (${r.status ?? r.signal})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
