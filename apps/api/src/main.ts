// First: traces (when configured) need their instrumentations in place before anything is loaded.
import './tracing';
import { spawn } from 'node:child_process';
import { clockFromEnv } from '@ledger/application/clock';
import { configOrExit, loadConfig } from '@ledger/config';
import { startupFailure } from './startup-failure';

// Before anything starts, and before Nest and the drivers are even loaded (so `PORT=abc npm
// start` answers at once): every variable against the one schema (libs/config), and the clock
// (a production ledger refuses a fixed date, LEDGER_TODAY). A wrong one exits 78 (EX_CONFIG).
const { config, clock } = configOrExit(() => ({ config: loadConfig(process.env), clock: clockFromEnv(process.env) }));

const SERVE = '--serve';

// `npm start` checks the configuration right after compiling, before it builds the console:
// a wrong variable is named at once, not after the console's bundle.
if (process.argv.includes('--check-config')) process.exit(0);

if (config.DATABASE_URL === undefined && !process.argv.includes(SERVE)) {
  // The embedded PostgreSQL is this process's child. Ctrl-C in a terminal signals the whole
  // foreground process group, so PostgreSQL would shut down (and cut the API's connections,
  // FATAL lines, a lost access-log row) while the API still drains. The server therefore runs
  // in a process group of its own; this launcher passes the signal on and exits with its code.
  const server = spawn(process.execPath, [...process.execArgv, __filename, SERVE, ...process.argv.slice(2)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { serve } = require('./serve') as typeof import('./serve');
  serve(config, clock).catch((error) => {
    console.error(`start-up failed: ${startupFailure(error)}`);
    process.exit(1);
  });
}
