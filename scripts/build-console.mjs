#!/usr/bin/env node
/**
 * Builds the counter console (apps/console) into apps/console/dist, which the API serves at
 * /console. `npm start` and `npm test` run it; it rebuilds only when a source file, the
 * package-lock or this script changed since the last build (a stamp holds their hash), so a
 * second `npm start` costs a few milliseconds. The build goes to a temporary folder first and
 * is moved into place at the end: a build cut short, or two builds at once (Jest workers),
 * never leave a half-written console behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', 'console');
const out = join(app, 'dist');
const STAMP = '.build-stamp';

function sources(dir) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'dist' || name.startsWith('dist.tmp-') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sources(path));
    else files.push(path);
  }
  return files;
}

function inputsHash() {
  const hash = createHash('sha256');
  for (const file of [...sources(app), join(root, 'package-lock.json'), fileURLToPath(import.meta.url)]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function upToDate(hash) {
  try {
    return readFileSync(join(out, STAMP), 'utf8') === hash && existsSync(join(out, 'index.html'));
  } catch {
    return false;
  }
}

export async function buildConsole({ force = false, log = (line) => console.log(line) } = {}) {
  const hash = inputsHash();
  if (!force && upToDate(hash)) return { built: false, dir: out };
  const started = Date.now();
  const tmp = join(app, `dist.tmp-${process.pid}`);
  const { build } = await import('vite');
  process.env.CONSOLE_OUT_DIR = tmp;
  try {
    await build({ configFile: join(app, 'vite.config.mts'), logLevel: 'warn' });
  } finally {
    delete process.env.CONSOLE_OUT_DIR;
  }
  writeFileSync(join(tmp, STAMP), hash);
  if (upToDate(hash)) {
    rmSync(tmp, { recursive: true, force: true }); // another build finished the same sources first
  } else {
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
  }
  log(`console built in ${((Date.now() - started) / 1000).toFixed(1)} s → ${relative(root, out)}`);
  return { built: true, dir: out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildConsole({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
