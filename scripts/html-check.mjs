#!/usr/bin/env node
// Acceptance check of the HTML report (issue 7): renders the report of a scenario, opens it in
// headless Chromium and checks that there are no console errors, no network requests (no resource
// is fetched at all), and that every chart is present as an SVG with marks; writes a screenshot.
//
// No DevTools protocol: a copy of the page gets a small inline probe script that records errors
// (console.error, window.onerror) and, on load, the resource entries and the mark count of every
// chart into a <pre id="__probe">; `chromium --dump-dom` prints the DOM after load. The report itself
// contains no script and a Content-Security-Policy of default-src 'none' (the probe copy allows
// inline script only). The browser also runs with every host mapped to nowhere.
//
// Usage: node scripts/html-check.mjs [scenario] [--screenshot docs/img/report.png]
// Exit: 0 pass, 1 a check failed, 0 with a printed reason when no Chromium can be found (SKIP).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';

const args = process.argv.slice(2);
const shotIdx = args.indexOf('--screenshot');
const screenshot = resolve(shotIdx >= 0 ? args[shotIdx + 1] : 'docs/img/report.png');
const scenario = args.find((a, i) => !a.startsWith('--') && i !== shotIdx + 1) ?? 'scenarios/default.yaml';

const browser = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
  .map((b) => spawnSync('sh', ['-c', `command -v ${b}`], { encoding: 'utf8' }).stdout.trim())
  .find((p) => p);
if (!browser) {
  console.log('html-check: SKIP — no Chromium found (apt-get install -y chromium)');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'fleetsim-html-'));
const fail = [];
try {
  const out = join(work, 'out');
  execFileSync(process.execPath, ['dist/cli/main.js', 'run', scenario, '--quiet', '--format', 'html', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const html = readFileSync(join(out, 'report.html'), 'utf8');

  // Static: no script, no external reference of any kind.
  if (/<script/i.test(html)) fail.push('the report contains a <script> tag');
  const external = html.match(/(?:src|href)\s*=\s*["'](?!#|data:)[^"']+/gi) ?? [];
  if (external.length) fail.push(`the report references external resources: ${external.slice(0, 3).join(', ')}`);
  if (/url\((?!["']?(#|data:))/i.test(html)) fail.push('the report CSS loads a url()');
  const expected = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
  if (expected.length === 0) fail.push('the report has no charts');

  const probe = `<script>
window.__errors=[];
const e0=console.error.bind(console);console.error=(...a)=>{__errors.push(a.map(String).join(' '));e0(...a)};
window.addEventListener('error',e=>__errors.push('error: '+(e.message||e.type)),true);
window.addEventListener('securitypolicyviolation',e=>__errors.push('CSP: '+e.violatedDirective+' '+e.blockedURI));
window.addEventListener('load',()=>{const charts=[...document.querySelectorAll('figure[data-chart]')].map(f=>{const s=f.querySelector('svg');
const marks=s?s.querySelectorAll('path,rect,line,circle,text,symbol').length:0;const r=s?s.getBoundingClientRect():{width:0,height:0};
return {name:f.dataset.chart,svg:!!s,marks,markGroups:s?s.querySelectorAll('g[class*="mark-"]').length:0,width:r.width,height:r.height}});
const res=performance.getEntriesByType('resource').map(x=>x.name);
const p=document.createElement('pre');p.id='__probe';p.textContent=JSON.stringify({errors:__errors,resources:res,charts});document.body.appendChild(p)});
</script>`;
  const probed = html
    .replace("default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';")
    .replace('<head>', `<head>\n${probe}`);
  const page = join(work, 'probe.html');
  writeFileSync(page, probed);
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-default-apps', '--host-resolver-rules=MAP * ~NOTFOUND',
    `--user-data-dir=${join(work, 'profile')}`];
  const dom = execFileSync(browser, [...flags, '--virtual-time-budget=5000', '--dump-dom', `file://${page}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 });
  const m = dom.match(/<pre id="__probe">([^<]*)<\/pre>/);
  if (!m) fail.push('the probe did not run (no load event?)');
  else {
    const r = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    if (r.errors.length) fail.push(`console errors: ${r.errors.join(' | ')}`);
    if (r.resources.length) fail.push(`network requests: ${r.resources.join(', ')}`);
    for (const name of expected) {
      const c = r.charts.find((x) => x.name === name);
      if (!c || !c.svg) fail.push(`chart ${name}: no SVG`);
      else if (c.marks < 5 || c.markGroups < 1) fail.push(`chart ${name}: no marks (${c.marks} shapes, ${c.markGroups} mark groups)`);
      else if (c.width < 100 || c.height < 50) fail.push(`chart ${name}: not laid out (${c.width}×${c.height})`);
    }
    console.log(`html-check: ${r.charts.length} charts, ${r.charts.reduce((a, c) => a + c.marks, 0)} SVG shapes, ${r.errors.length} console errors, ${r.resources.length} requests`);
  }
  // The screenshot is of the report itself (no probe), as people will see it.
  mkdirSync(dirname(screenshot), { recursive: true });
  const original = join(work, 'report.html');
  writeFileSync(original, html);
  execFileSync(browser, [...flags, '--hide-scrollbars', '--window-size=1500,1900', `--screenshot=${screenshot}`, `file://${original}`], { stdio: 'ignore', timeout: 120_000 });
  if (!existsSync(screenshot)) fail.push('no screenshot written');
  else console.log(`html-check: screenshot ${screenshot}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (fail.length) {
  for (const f of fail) console.error(`html-check: FAIL ${f}`);
  process.exit(1);
}
console.log('html-check: PASS');
