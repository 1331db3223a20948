import { join } from 'node:path';

/** Two packs, fixture-city extending fixture-base, for the loader's and the CLI's tests. */
export const FIXTURE_PACKS_DIR = join(__dirname, 'packs');

/** A city's own folder, as LEDGER_POLICY_DIR names it: fixture-town extends the built-in national-663. */
export const FIXTURE_CITY_DIR = join(__dirname, 'city-dir');
