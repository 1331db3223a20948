import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { createPool } from './connection';

// A connection checked out of the pool whose server goes away between two of its queries (the
// database stopped while a projection folds its batch): the process carries on, the next query
// on that connection fails, and the pool hands out a new one.
describe('createPool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('conn');
  });
  afterAll(() => db?.drop());

  it('survives the server ending a checked-out connection between its queries', async () => {
    const pool = createPool(db.url, { max: 2 });
    const admin = createPool(db.url, { max: 1 });
    try {
      const client = await pool.connect();
      const pid = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The server's FATAL 57P01 arrives while no query is running on the connection.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(Number(rows[0]!.pid)).not.toBe(pid);
    } finally {
      await pool.end();
      await admin.end();
    }
  });
});
