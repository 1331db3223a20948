// The browser tests drive Debian's chromium (playwright's own download needs the internet,
// which the CI and development machines do not have). This finds it, or installs it with
// apt-get when the machine runs as root, together with the CJK fonts the screenshots need.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium() {
  if (process.env.LEDGER_CHROMIUM && existsSync(process.env.LEDGER_CHROMIUM)) return process.env.LEDGER_CHROMIUM;
  return CANDIDATES.find((path) => existsSync(path));
}

function hasCjkFont() {
  try {
    return /CJK/i.test(execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** The path of a Chromium binary; installs `chromium` and `fonts-noto-cjk` when missing. */
export function ensureChromium(log = (line) => console.log(line)) {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (!hasCjkFont()) missing.push('fonts-noto-cjk');
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      throw new Error(`The browser tests need ${missing.join(' and ')}: run  sudo apt-get install -y ${missing.join(' ')}`);
    }
    log(`installing ${missing.join(', ')} with apt-get (once per machine)`);
    const apt = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    // Another apt-get (another agent, unattended upgrades) may hold the lock: wait for it.
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], apt);
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing], apt);
  }
  const path = findChromium();
  if (!path) throw new Error('chromium is still missing after apt-get install');
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
