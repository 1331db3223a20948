import { clockFromEnv } from '@ledger/application/clock';
import { configOrExit, loadConfig } from '@ledger/config';

// Before anything starts, and before Nest and the drivers are even loaded (so `PORT=abc npm
// start` answers at once): every variable against the one schema (libs/config), and the clock
// (a production ledger refuses a fixed date, LEDGER_TODAY). A wrong one exits 78 (EX_CONFIG).
const { config, clock } = configOrExit(() => ({ config: loadConfig(process.env), clock: clockFromEnv(process.env) }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require('./serve') as typeof import('./serve');
serve(config, clock).catch((error) => {
  console.error(error);
  process.exit(1);
});
