import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');

/** Screenshots and printed PDFs of the console tests (README names it; .gitignore skips it). */
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');

/**
 * Debian's chromium (installed by apt-get when missing, see ensure-chromium.mjs) and the
 * console's build (skipped when up to date), both outside Jest's module system: they are
 * native ES modules.
 */
export function prepareConsole(): { chromiumPath: string } {
  const out = execFileSync(process.execPath, [join(__dirname, 'ensure-chromium.mjs')], { cwd: ROOT, encoding: 'utf8' });
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-console.mjs')], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(ARTIFACTS, { recursive: true });
  return { chromiumPath: out.trim().split('\n').pop()! };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  // As root (CI, containers) Chromium refuses to start with its sandbox.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'] });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
