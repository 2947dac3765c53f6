import { join } from 'node:path';
import { loadScenario } from '../../scenario/index.js';
import { simulate } from '../../simulate/simulate.js';
import { summaryText } from '../../report/summaryText.js';
import { writeFileAtomic, toJson } from '../../report/atomicWrite.js';
import type { CliIo } from '../io.js';

/**
 * `fleetsim run [scenario]`: simulates a scenario, prints the summary and writes `result.json`.
 * Options: `scenario` (path, default scenarios/default.yaml), `seed` (overrides the file's),
 * `replications`, `out` (directory for result.json; default: none written unless given),
 * `json` (print result.json to stdout instead of the summary), `fidelity`, `quiet`.
 */
export interface RunOptions {
  scenario: string;
  seed?: number;
  replications?: number;
  fidelity?: 'analytic' | 'iteration';
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

export async function runCommand(o: RunOptions, io: CliIo): Promise<number> {
  const loaded = loadScenario(o.scenario);
  let s = loaded.resolved;
  if (o.seed !== undefined || o.replications !== undefined || o.fidelity !== undefined) {
    s = { ...s, seed: o.seed ?? s.seed, replications: o.replications ?? s.replications, fidelity: o.fidelity ?? s.fidelity };
  }
  const result = simulate(s);
  const json = toJson(result);
  if (o.out !== undefined) writeFileAtomic(join(o.out, 'result.json'), json);
  if (o.json) io.stdout(json);
  else {
    io.stdout(summaryText(result));
    if (o.out !== undefined) io.stdout(`\nwrote ${join(o.out, 'result.json')}\n`);
  }
  return 0;
}
