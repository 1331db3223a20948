// `npm run ledger -- …`: runs the built CLI, building only when dist/ is missing or older than
// a source file (issue 14 item 9). `npm run build` empties dist/ first, which would pull the
// files from under a server `npm start` is running; a stale build here compiles over the old
// files in place instead, and an up-to-date one compiles nothing.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { if (entry.name !== 'dist' && entry.name !== 'node_modules') newest = Math.max(newest, newestSource(path)); }
    else if (/\.(ts|ya?ml|json)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function build(clean) {
  const swc = join(ROOT, 'node_modules', '.bin', 'swc');
  const args = ['apps', 'libs', 'bench', '-d', 'dist', '--config-file', '.swcrc', '--copy-files', '--ignore', '**/*.spec.ts,apps/console/**', '--quiet'];
  const result = clean
    ? spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' })
    : spawnSync(swc, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(CLI)) build(true);
else if (['apps', 'libs'].some((dir) => newestSource(join(ROOT, dir)) > statSync(CLI).mtimeMs)) build(false);

const cli = spawnSync(process.execPath, ['--enable-source-maps', CLI, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(cli.status ?? 1);
