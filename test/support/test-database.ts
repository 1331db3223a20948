import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

/** A database of its own for one test file, on the run's embedded PostgreSQL. */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  // This worker's own server (global-setup.mjs starts one per worker).
  const url = process.env[`LEDGER_TEST_DATABASE_URL_${process.env.JEST_WORKER_ID ?? '1'}`] ?? process.env.LEDGER_TEST_DATABASE_URL;
  if (!url) throw new Error('LEDGER_TEST_DATABASE_URL is not set: run the tests with `npm test`');
  return url;
}

export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Pool({ connectionString: adminUrl(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const pool = new Pool({ connectionString: adminUrl(), max: 1 });
      await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await pool.end();
    },
  };
}
