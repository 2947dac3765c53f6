import { loadScenario } from '../../scenario/index.js';
import type { CliIo } from '../io.js';

/** `fleetsim validate <scenario…>`: checks files without running them. Exit 0 when all are valid. */
export async function validateCommand(o: { scenarios: string[] }, io: CliIo): Promise<number> {
  for (const f of o.scenarios) {
    const l = loadScenario(f);
    const pools = l.resolved.pools.length;
    const classes = l.resolved.classes.length;
    io.stdout(`${f}: ok (${classes} class${classes === 1 ? '' : 'es'}, ${pools} pool${pools === 1 ? '' : 's'})\n`);
    for (const w of l.resolved.warnings) io.stdout(`  warning: ${w}\n`);
  }
  return 0;
}
