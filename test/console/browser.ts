import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** Screenshots and printed PDFs of the console tests (README names it; .gitignore skips it). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');

/**
 * Debian's chromium (installed by apt-get when missing, see scripts/ensure-chromium.mjs) and the
 * console's build (skipped when up to date), both outside Jest's module system: they are
 * native ES modules.
 */
export function prepareConsole(): { chromiumPath: string } {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')], { cwd: ROOT, encoding: 'utf8' });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-console.mjs')], { cwd: ROOT, stdio: 'inherit' });
  rmSync(ARTIFACTS, { recursive: true, force: true }); // no screenshot left from an earlier run
  mkdirSync(ARTIFACTS, { recursive: true });
  return { chromiumPath: out.trim().split('\n').pop()! };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  // The browser is the clerk's PC, not the ledger: a clock library preloaded into the test run
  // (libfaketime, to run the suite a year ahead) stalls Chromium's own timers, so it is not passed
  // on. The console takes its day from the API, whose clock is the one under test.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')),
  ) as Record<string, string>;
  // As root (CI, containers) Chromium refuses to start with its sandbox.
  return chromium.launch({ executablePath, env, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'] });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
