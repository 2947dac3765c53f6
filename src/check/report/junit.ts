import type { ScenarioCheck } from '../types.js';

/** Escapes text for XML attributes and content; drops characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML as common reporters read it (Jenkins/Surefire shape): `<testsuites>` with `tests`,
 * `failures`, `errors`, `time`; one `<testsuite>` per scenario; one `<testcase name classname
 * time file line>` per gate. A failed `fail` gate has a `<failure message type>`; a failed `warn`
 * gate passes with its warning in `<system-out>` (JUnit has no warning state). Times in seconds;
 * the scenario's simulation time goes to its suite, gates take 0.
 */
export function junitXml(checks: readonly ScenarioCheck[]): string {
  const a = (k: string, v: string | number) => ` ${k}="${xmlEscape(String(v))}"`;
  let tests = 0;
  let failures = 0;
  let time = 0;
  const suites: string[] = [];
  for (const c of checks) {
    const f = c.results.filter((r) => r.status === 'fail').length;
    tests += c.results.length;
    failures += f;
    time += c.timeS;
    const cases = c.results.map((r) => {
      const head = `    <testcase${a('name', r.name)}${a('classname', `fleetsim.${c.scenario}.${r.source}`)}${a('time', '0')}${a('file', r.file)}${r.line !== undefined ? a('line', r.line) : ''}`;
      if (r.status === 'fail') {
        return `${head}>\n      <failure${a('message', r.message)}${a('type', `${r.source}-gate`)}>${xmlEscape(`${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ${r.name}\n${r.message}\nthreshold: ${r.threshold}`)}</failure>\n    </testcase>`;
      }
      if (r.status === 'warn') return `${head}>\n      <system-out>${xmlEscape(`warning: ${r.message}`)}</system-out>\n    </testcase>`;
      return `${head}/>`;
    });
    suites.push(
      `  <testsuite${a('name', c.scenario)}${a('tests', c.results.length)}${a('failures', f)}${a('errors', 0)}${a('skipped', 0)}${a('time', c.timeS.toFixed(3))}${a('file', c.file)}>\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${a('name', 'fleetsim check')}${a('tests', tests)}${a('failures', failures)}${a('errors', 0)}${a('time', time.toFixed(3))}>\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
