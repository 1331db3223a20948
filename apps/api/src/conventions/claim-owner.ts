import { Client, type Pool } from 'pg';

/** The first key of the two-key advisory locks that mark a live API process (any constant of ours). */
export const CLAIM_OWNER_LOCK_CLASS = 0x1d3_4b16;

/**
 * This process's identity for the Idempotency-Key claims it holds (issue 16). The process takes a
 * number from `api.claim_owners` and holds a session advisory lock on it over a connection of its
 * own. A process killed mid-command loses its connection, PostgreSQL drops the lock, and the next
 * retry sees at once that the claim's owner is gone and takes it over, instead of answering
 * "still running" until a lease runs out. Safety does not rest on the lock: event ids derive from
 * the key, so a command taken over is appended at most once.
 */
export class ClaimOwner {
  private current?: Promise<{ id: number; client: Client }>;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  /** This process's owner number, (re)acquired if the lock's connection was lost (a database restart). */
  async id(): Promise<number> {
    if (this.closed) throw new Error('the claim owner is closed');
    if (!this.current) {
      const attempt: Promise<{ id: number; client: Client }> = this.acquire(() => {
        if (this.current === attempt) this.current = undefined;
      });
      this.current = attempt;
    }
    return (await this.current).id;
  }

  private async acquire(lost: () => void): Promise<{ id: number; client: Client }> {
    const client = new Client(this.pool.options);
    // An error on an idle connection (the database went away) must not crash the process.
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      const { rows } = await client.query<{ id: number }>(`SELECT nextval('api.claim_owners')::int AS id`);
      const id = rows[0]!.id;
      await client.query('SELECT pg_advisory_lock($1::int, $2::int)', [CLAIM_OWNER_LOCK_CLASS, id]);
      return { id, client };
    } catch (error) {
      lost();
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    const held = await current.catch(() => undefined);
    await held?.client.end().catch(() => undefined);
  }
}
