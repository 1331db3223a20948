// Prints the newest release of the current Node.js LTS line that the npm registry's `node`
// package ships (its install step fetches the matching binary package, node-<os>-<arch>).
// .ci/run and the README run the test suite on it, besides this machine's Node (issue 14 item 1).
//
// The rule is Node's release schedule: even majors become LTS in the October after their .0
// release in April, so the current LTS is the highest even major whose .0 release is at least
// six months old. `node scripts/node-lts.js --major` prints the major only.
'use strict';
const { execFileSync } = require('node:child_process');

const HALF_YEAR_MS = 183 * 24 * 3600 * 1000;

function registry(field) {
  return JSON.parse(execFileSync('npm', ['view', 'node', field, '--json'], { encoding: 'utf8' }));
}

const time = registry('time');
const versions = registry('versions').filter((v) => /^\d+\.\d+\.\d+$/.test(v));
const major = (v) => Number(v.split('.')[0]);
const now = Date.now();
const lts = Math.max(
  ...versions
    .filter((v) => v.endsWith('.0.0') && major(v) % 2 === 0 && time[v] && now - Date.parse(time[v]) >= HALF_YEAR_MS)
    .map(major),
);
if (!Number.isFinite(lts)) {
  console.error('node-lts: no LTS line found in the registry');
  process.exit(1);
}
const newest = versions
  .filter((v) => major(v) === lts)
  .sort((a, b) => {
    const [, a1, a2] = a.split('.').map(Number);
    const [, b1, b2] = b.split('.').map(Number);
    return a1 - b1 || a2 - b2;
  })
  .at(-1);
console.log(process.argv.includes('--major') ? String(lts) : newest);
