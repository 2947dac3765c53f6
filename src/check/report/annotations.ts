import type { ScenarioCheck } from '../types.js';

const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands, one per failed gate: `::error file=…,line=…,title=…::message`
 * (`::warning` for warnings), escaped as the runner expects, pointing at the gate's line.
 */
export function githubAnnotations(checks: readonly ScenarioCheck[]): string {
  const lines: string[] = [];
  for (const c of checks) {
    for (const r of c.results) {
      if (r.status === 'pass') continue;
      const props = [`file=${prop(r.file)}`, ...(r.line !== undefined ? [`line=${r.line}`] : []), `title=${prop(`fleetsim check: ${r.name}`)}`];
      lines.push(`::${r.status === 'fail' ? 'error' : 'warning'} ${props.join(',')}::${data(`${c.scenario}: ${r.message}`)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
