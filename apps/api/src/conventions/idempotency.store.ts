import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CLAIM_OWNER_LOCK_CLASS, ClaimOwner } from './claim-owner';

/** A stored first answer. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed'; claimToken: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'reused' }
  | { kind: 'in-flight' };

/**
 * Claims, and answers that appended events, commit without waiting for the WAL flush
 * (synchronous_commit off for that transaction; issue 13: each was a second and third flush per
 * command). Nothing acknowledged is lost by it: a claim lost in a crash of the database is as if
 * released (its request failed with the database), and a lost 2xx answer is rebuilt by the
 * retry from the events, whose ids derive from the key (docs/faults.md: "200 with the events
 * already appended"). A refusal's answer, which nothing else records, still waits for the flush.
 */
const NO_FLUSH = `SELECT set_config('synchronous_commit', 'off', true)`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * (credential, Idempotency-Key) → the request's fingerprint and its first answer, in
 * api.idempotency_keys. A request claims its key with INSERT … ON CONFLICT DO NOTHING before it
 * runs, so of two concurrent duplicates exactly one runs; the other waits for the answer and
 * replays it. A claim left pending by a process that died (its owner's advisory lock is gone,
 * conventions/claim-owner.ts) is taken over at once by the next retry; one without an owner
 * (written before owners were recorded) after its lease.
 */
export class IdempotencyStore {
  private readonly owner: ClaimOwner;
  /** Claims this process is running now: one of ours not in here was abandoned (see abandon). */
  private readonly running = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly options: { waitMs?: number; leaseMs?: number; pollMs?: number } = {},
  ) {
    this.owner = new ClaimOwner(pool);
  }

  async claim(credentialId: string, key: string, fingerprint: string): Promise<Claim> {
    const deadline = Date.now() + (this.options.waitMs ?? 10_000);
    const leaseMs = this.options.leaseMs ?? 60_000;
    for (;;) {
      const claimToken = randomUUID();
      const owner = await this.owner.id();
      // Marked running before the row exists: a concurrent duplicate in this process that reads
      // the row between our INSERT and the line after it must not take it for abandoned.
      this.running.add(claimToken);
      const inserted = await this.pool
        .query({
          name: 'idempotency_claim',
          // Committed without waiting for the WAL flush (see NO_FLUSH).
          text: `WITH no_flush AS (${NO_FLUSH})
           INSERT INTO api.idempotency_keys (credential_id, key, fingerprint, state, claim_token, owner)
           SELECT $1, $2, $3, 'pending', $4, $5 FROM no_flush ON CONFLICT (credential_id, key) DO NOTHING`,
          values: [credentialId, key, fingerprint, claimToken, owner],
        })
        .catch((error: unknown) => {
          this.running.delete(claimToken);
          throw error;
        });
      if (inserted.rowCount === 1) return { kind: 'claimed', claimToken };
      this.running.delete(claimToken);
      const { rows } = await this.pool.query<{
        fingerprint: string;
        state: string;
        status: number | null;
        headers: Record<string, string> | null;
        body: unknown;
        claim_token: string;
        owner: number | null;
        expired: boolean;
      }>(
        // Orphaned: no session of this database holds the owner's lock, so no process runs it.
        `SELECT fingerprint, state, status, headers, body, claim_token, owner,
                CASE WHEN owner IS NULL
                     THEN claimed_at < now() - make_interval(secs => $3::double precision / 1000)
                     ELSE NOT EXISTS (
                       SELECT 1 FROM pg_locks l
                       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                         AND l.classid = $4::integer::oid AND l.objid = owner::oid)
                END AS expired
         FROM api.idempotency_keys WHERE credential_id = $1 AND key = $2`,
        [credentialId, key, leaseMs, CLAIM_OWNER_LOCK_CLASS],
      );
      const row = rows[0];
      if (!row) continue; // released between our insert and select: claim again
      if (row.fingerprint !== fingerprint) return { kind: 'reused' };
      if (row.state === 'completed') {
        return { kind: 'replay', response: { status: row.status ?? 200, headers: row.headers ?? {}, body: row.body } };
      }
      // Ours but not running: its request failed while the database was away and could not
      // release it. Theirs and their process gone: killed mid-command.
      const abandoned = row.owner === owner && !this.running.has(row.claim_token);
      if (row.expired || abandoned) {
        this.running.add(claimToken);
        const taken = await this.pool
          .query(
            `UPDATE api.idempotency_keys SET claim_token = $4, claimed_at = now(), owner = $5
             WHERE credential_id = $1 AND key = $2 AND state = 'pending' AND claim_token = $3`,
            [credentialId, key, row.claim_token, claimToken, owner],
          )
          .catch((error: unknown) => {
            this.running.delete(claimToken);
            throw error;
          });
        if (taken.rowCount === 1) return { kind: 'claimed', claimToken };
        this.running.delete(claimToken);
        continue;
      }
      if (Date.now() >= deadline) return { kind: 'in-flight' };
      await sleep(this.options.pollMs ?? 25);
    }
  }

  /** Records the first answer; false when the claim was lost (taken over after its lease). */
  async complete(credentialId: string, key: string, claimToken: string, response: StoredResponse): Promise<boolean> {
    // Still marked running until the row says completed: a waiting duplicate in this process that
    // reads the row in between must wait for the answer, not take the claim for abandoned.
    // A policy refusal appended nothing, so only this row can replay it: its commit waits for
    // the flush. Any other answer's events are durable and replay it (see NO_FLUSH).
    const flush = !(response.status >= 200 && response.status < 300);
    const { rowCount } = await this.pool.query({
      name: flush ? 'idempotency_complete' : 'idempotency_complete_no_flush',
      text: `${flush ? '' : `WITH no_flush AS (${NO_FLUSH}) `}UPDATE api.idempotency_keys
       SET state = 'completed', completed_at = now(), status = $4, headers = $5::jsonb, body = $6::json
       ${flush ? '' : 'FROM no_flush '}WHERE credential_id = $1 AND key = $2 AND claim_token = $3 AND state = 'pending'`,
      values: [
        credentialId,
        key,
        claimToken,
        response.status,
        JSON.stringify(response.headers),
        JSON.stringify(response.body ?? null),
      ],
    }).finally(() => this.running.delete(claimToken));
    return rowCount === 1;
  }

  /** Forgets the claim of a request that failed without deciding anything, so a retry runs. */
  async release(credentialId: string, key: string, claimToken: string): Promise<void> {
    await this.pool
      .query(
        `DELETE FROM api.idempotency_keys WHERE credential_id = $1 AND key = $2 AND claim_token = $3 AND state = 'pending'`,
        [credentialId, key, claimToken],
      )
      .finally(() => this.running.delete(claimToken));
  }

  /** A claim this process stopped running without recording its end: the next retry takes it over. */
  abandon(claimToken: string): void {
    this.running.delete(claimToken);
  }

  /** Lets go of this process's owner lock (its pending claims become orphans a retry takes over). */
  async close(): Promise<void> {
    await this.owner.close();
  }

  /** Drops answers completed before `before`; a retry after that runs again (and appends nothing, by event id). */
  async purgeCompletedBefore(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM api.idempotency_keys WHERE state = 'completed' AND completed_at < $1`,
      [before],
    );
    return rowCount ?? 0;
  }
}
