import type { Pool, PoolClient } from 'pg';
import { PostgresEventStore as PostgresEventStoreClass } from '@ledger/event-store';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  PostgresEventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  VerificationReport,
} from '@ledger/event-store';
import {
  blindIndex,
  decryptField,
  encryptField,
  isEncryptedField,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from './cipher';
import { COMMAND_FIELD_PREFIX, ERASED, mapFields, personalCommandPaths, personalPaths, RESTRICTED } from './fields';
import { loadPrivacyKeys, PrivacyKeys } from './keys';

/** One 身份证号, one worker: the number is already registered to another worker (409). */
export class IdNumberTaken extends Error {
  readonly code = 'ID_NUMBER_TAKEN';
  constructor(readonly existingWorkerId: string) {
    super('this 身份证号 is already registered to another worker');
  }
}

/** The worker's personal data is restricted or erased: no new personal field is stored (409). */
export class PersonalDataClosed extends Error {
  readonly code: 'WORKER_RESTRICTED' | 'WORKER_ERASED';
  constructor(
    readonly workerId: string,
    state: 'restricted' | 'erased',
  ) {
    super(
      state === 'erased'
        ? `worker ${workerId}'s personal data was erased: its data key is destroyed and is never re-created`
        : `worker ${workerId}'s personal data is restricted (storage only, PIPL Art. 47)`,
    );
    this.code = state === 'erased' ? 'WORKER_ERASED' : 'WORKER_RESTRICTED';
  }
}

export const PRIVACY_SCHEMA = `
  CREATE SCHEMA IF NOT EXISTS privacy;
  -- One data key per worker, wrapped by a master key; erased: the key is gone, the row stays
  -- as the tombstone that keeps it from being created again.
  CREATE TABLE IF NOT EXISTS privacy.data_keys (
    worker_id     text PRIMARY KEY,
    master_key_id text,
    wrapped       bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    restricted_at timestamptz,
    erased_at     timestamptz,
    CHECK ((erased_at IS NULL) = (wrapped IS NOT NULL))
  );
  -- The blind index: HMAC-SHA-256 of the 身份证号 under the index key. The primary key is what
  -- makes one number one worker, written in the registration's own transaction.
  CREATE TABLE IF NOT EXISTS privacy.id_numbers (
    blind         bytea PRIMARY KEY,
    worker_id     text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS id_numbers_worker ON privacy.id_numbers (worker_id);
  -- Who restricted, erased or rotated what, and when.
  CREATE TABLE IF NOT EXISTS privacy.actions (
    id        bigserial PRIMARY KEY,
    worker_id text,
    action    text NOT NULL,
    actor     text NOT NULL,
    at        timestamptz NOT NULL DEFAULT now()
  );
`;

interface KeyRow {
  worker_id: string;
  master_key_id: string | null;
  wrapped: Buffer | null;
  restricted_at: Date | null;
  erased_at: Date | null;
}

/** The personal fields a refused command may carry (RegisterWorker, ChangeAddress, …). */
const REFUSED_COMMAND_FIELDS = ['name', 'idNumber', 'phone', 'hukouPlace.address', 'address.line', 'settleAt'];

type KeyState = { state: 'open'; key: Buffer } | { state: 'restricted' } | { state: 'erased' };

/**
 * The event store as every reader and writer of personal data sees it (docs/privacy.md):
 * appends store the personal fields encrypted under the worker's data key (so the hash chain
 * and the verifiable log cover the ciphertext), registrations take their 身份证号's blind
 * index in the same transaction, reads decrypt. Verification goes to the store underneath,
 * which holds the bytes that were hashed; the audit log and bundles use that store directly.
 */
/** The privacy schema, created as the owner and granted to the store's role (also `ledger store migrate`). */
export async function migratePrivacySchema(inner: PostgresEventStore): Promise<void> {
  await inner.migrateAsOwner(
    PRIVACY_SCHEMA,
    (role) => `GRANT USAGE ON SCHEMA privacy TO ${role}; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA privacy TO ${role}; GRANT USAGE ON ALL SEQUENCES IN SCHEMA privacy TO ${role};`,
  );
}

export class PrivateEventStore implements EventStore {
  private constructor(
    readonly inner: PostgresEventStore,
    private keys: PrivacyKeys,
  ) {}

  static async open(inner: PostgresEventStore, keys: PrivacyKeys): Promise<PrivateEventStore> {
    // As the owner: the store's pool runs as the appender role, which may not create schemas; the
    // role then gets what the encrypted store does with these tables (keys made, tombstoned, the
    // blind index claimed and released, actions recorded). The events stay append-only.
    await migratePrivacySchema(inner);
    return new PrivateEventStore(inner, keys);
  }

  get pool(): Pool {
    return this.inner.pool;
  }

  // ---- writing ----

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend<unknown>[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (!events.some((e) => personalPaths(e.type, e.data) || personalCommandPaths(e.metadata)))
      return this.inner.appendToStream(streamName, events, options);
    if (!events.some((e) => e.type === 'WorkerRegistered')) {
      // No 身份证号 to claim: the worker's key is read (made on first use) and the append goes
      // alone. An erasure committed in between leaves a ciphertext nobody can open: still erased.
      const encrypted: EventToAppend<unknown>[] = [];
      for (const event of events) encrypted.push(await this.encrypt(this.pool, event));
      return this.inner.appendToStream(streamName, encrypted, options);
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const encrypted: EventToAppend<unknown>[] = [];
      for (const event of events) {
        const workerId = (event.data as { workerId?: unknown }).workerId;
        if (event.type === 'WorkerRegistered' && typeof workerId === 'string') {
          await this.claimIdNumber(client, (event.data as { idNumber: string }).idNumber, workerId);
        }
        encrypted.push(await this.encrypt(client, event));
      }
      const result = await this.inner.appendWith(client, streamName, encrypted, options.expectedRevision);
      await client.query('COMMIT');
      if (!result.replayed) this.inner.notifyAppended();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The event with its personal fields encrypted under the worker's data key. */
  private async encrypt(db: Pool | PoolClient, event: EventToAppend<unknown>): Promise<EventToAppend<unknown>> {
    const personal = personalPaths(event.type, event.data);
    const kept = personalCommandPaths(event.metadata);
    if (!personal && !kept) return event;
    let out = event;
    if (personal) {
      const key = await this.dataKeyForWrite(db, personal.workerId);
      const data = mapFields(event.data, personal.paths, (value, path) =>
        isEncryptedField(value) ? value : encryptField(key, personal.workerId, event.eventId, path, value),
      );
      out = { ...out, data };
    }
    if (kept) {
      // The command a decision keeps (metadata.command) holds the same kind of fields.
      const key = await this.dataKeyForWrite(db, kept.workerId);
      const command = event.metadata.command as { data: unknown };
      const data = mapFields(command.data, kept.paths, (value, path) =>
        isEncryptedField(value) ? value : encryptField(key, kept.workerId, event.eventId, COMMAND_FIELD_PREFIX + path, value),
      );
      out = { ...out, metadata: { ...out.metadata, command: { ...command, data } } };
    }
    return out;
  }

  /** The worker's data key, created (wrapped by the current master key) on first use. */
  private async dataKeyForWrite(client: Pool | PoolClient, workerId: string): Promise<Buffer> {
    const existing = await client.query<KeyRow>('SELECT * FROM privacy.data_keys WHERE worker_id = $1', [workerId]);
    if (existing.rows[0]) {
      const state = this.keyState(existing.rows[0])!;
      if (state.state !== 'open') throw new PersonalDataClosed(workerId, state.state);
      return state.key;
    }
    const dataKey = newDataKey();
    await client.query(
      `INSERT INTO privacy.data_keys (worker_id, master_key_id, wrapped) VALUES ($1, $2, $3) ON CONFLICT (worker_id) DO NOTHING`,
      [workerId, this.keys.currentMasterKeyId, wrapDataKey(this.currentMasterKey(), dataKey, workerId)],
    );
    const { rows } = await client.query<KeyRow>('SELECT * FROM privacy.data_keys WHERE worker_id = $1', [workerId]);
    const state = this.keyState(rows[0]!)!;
    if (state.state !== 'open') throw new PersonalDataClosed(workerId, state.state);
    return state.key;
  }

  /**
   * Takes the number's blind index for the worker. A concurrent registration of the same number
   * waits on the primary key until this transaction ends, then sees the row: exactly one wins.
   */
  private async claimIdNumber(client: PoolClient, idNumber: string, workerId: string): Promise<void> {
    const blind = blindIndex(this.keys.indexKey, idNumber);
    await client.query(
      'INSERT INTO privacy.id_numbers (blind, worker_id) VALUES ($1, $2) ON CONFLICT (blind) DO NOTHING',
      [blind, workerId],
    );
    const { rows } = await client.query<{ worker_id: string }>(
      'SELECT worker_id FROM privacy.id_numbers WHERE blind = $1',
      [blind],
    );
    if (rows[0]!.worker_id !== workerId) throw new IdNumberTaken(rows[0]!.worker_id);
  }

  private currentMasterKey(): Buffer {
    return this.keys.masterKeys.get(this.keys.currentMasterKeyId)!;
  }

  private keyState(row: KeyRow | undefined): KeyState | undefined {
    if (!row) return undefined;
    if (row.erased_at || !row.wrapped) return { state: 'erased' };
    if (row.restricted_at) return { state: 'restricted' };
    const master = this.keys.masterKeys.get(row.master_key_id ?? '');
    if (!master)
      throw new Error(
        `worker ${row.worker_id}'s data key is wrapped by master key ${row.master_key_id}, which is not configured`,
      );
    return { state: 'open', key: unwrapDataKey(master, row.wrapped, row.worker_id) };
  }

  // ---- reading ----

  /** Decrypts a page of events with one query for the keys it needs (keys are not cached: an erase counts at once). */
  async reveal(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const workers = new Set<string>();
    for (const e of events) {
      const p = personalPaths(e.type, e.data);
      if (p) workers.add(p.workerId);
      const c = personalCommandPaths(e.metadata);
      if (c) workers.add(c.workerId);
    }
    if (workers.size === 0) return events;
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM privacy.data_keys WHERE worker_id = ANY($1)', [
      [...workers],
    ]);
    const states = new Map(rows.map((r) => [r.worker_id, this.keyState(r)!]));
    const open = (workerId: string, value: string, path: string) => {
      const state = states.get(workerId);
      if (state?.state === 'erased') return ERASED;
      if (state?.state === 'restricted') return RESTRICTED;
      if (!isEncryptedField(value)) return value; // written before encryption (docs/privacy.md, existing events)
      if (!state) throw new Error(`worker ${workerId} has an encrypted field but no data key row`);
      return decryptField(state.key, workerId, path, value);
    };
    return events.map((e) => {
      const p = personalPaths(e.type, e.data);
      const c = personalCommandPaths(e.metadata);
      if (!p && !c) return e;
      let out = e;
      if (p) out = { ...out, data: mapFields(e.data, p.paths, (value, path) => open(p.workerId, value, path)) as RecordedEvent['data'] };
      if (c) {
        const command = e.metadata.command as { data: unknown };
        const data = mapFields(command.data, c.paths, (value, path) => open(c.workerId, value, COMMAND_FIELD_PREFIX + path));
        out = { ...out, metadata: { ...out.metadata, command: { ...command, data } } };
      }
      return out;
    });
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readStream(streamName, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.reveal(await this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const reveal = (e: RecordedEvent) => this.reveal([e]).then((r) => r[0]!);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of inner) yield await reveal(event);
      },
    };
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  countAfter(position: number, cap: number): Promise<number> {
    return this.inner.countAfter(position, cap);
  }

  verifyStream(streamName: string): Promise<VerificationReport> {
    return this.inner.verifyStream(streamName);
  }

  verifyAll(): Promise<VerificationReport> {
    return this.inner.verifyAll();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  // ---- lookups, restriction, erasure, rotation ----

  /** The worker a 身份证号 is registered to, through the blind index (never a scan of plaintext). */
  async workerByIdNumber(idNumber: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ worker_id: string }>(
      'SELECT worker_id FROM privacy.id_numbers WHERE blind = $1',
      [blindIndex(this.keys.indexKey, idNumber)],
    );
    return rows[0]?.worker_id;
  }

  /** 'open', 'restricted', 'erased', or undefined for a worker with no data key. */
  async stateOf(workerId: string): Promise<'open' | 'restricted' | 'erased' | undefined> {
    const { rows } = await this.pool.query<KeyRow>('SELECT * FROM privacy.data_keys WHERE worker_id = $1', [workerId]);
    const row = rows[0];
    return !row ? undefined : row.erased_at ? 'erased' : row.restricted_at ? 'restricted' : 'open';
  }

  /**
   * PIPL Art. 47 restriction: the data stays stored, nobody reads it (readers get `[restricted]`),
   * no new personal field is stored. The department read model is masked at once.
   */
  async restrict(workerId: string, actor: string): Promise<void> {
    await this.closeWorker(workerId, actor, 'restrict');
  }

  /**
   * Crypto-shredding: the data key is destroyed, the row stays as a tombstone, the blind index
   * entry is deleted (the number may register again, as a new worker), and the department read
   * model's fields become `[erased]`. Events are not touched: every chain and proof still holds.
   */
  async erase(workerId: string, actor: string): Promise<void> {
    // Erasure also blanks the personal fields of the worker's refused commands (audit_log.refusals,
    // outside any hash). That table is the audit log's, made by the owner, perhaps after this
    // store opened: the store's role gets just what erasure needs of it, reading the rows and
    // rewriting their `command`, never inserting or deleting one.
    await this.inner.migrateAsOwner(
      'SELECT 1',
      (role) => `DO $grant$ BEGIN
  IF to_regclass('audit_log.refusals') IS NOT NULL THEN
    GRANT USAGE ON SCHEMA audit_log TO ${role};
    GRANT SELECT (id, subject_id, command), UPDATE (command) ON audit_log.refusals TO ${role};
  END IF;
END $grant$;`,
    );
    await this.closeWorker(workerId, actor, 'erase');
  }

  private async closeWorker(workerId: string, actor: string, action: 'restrict' | 'erase'): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (action === 'erase') {
        await client.query(
          `INSERT INTO privacy.data_keys AS k (worker_id, master_key_id, wrapped, erased_at) VALUES ($1, NULL, NULL, now())
             ON CONFLICT (worker_id) DO UPDATE SET master_key_id = NULL, wrapped = NULL, erased_at = coalesce(k.erased_at, now())`,
          [workerId],
        );
        await client.query('DELETE FROM privacy.id_numbers WHERE worker_id = $1', [workerId]);
        // A refused command is kept as sent in audit_log.refusals (docs/audit.md), outside any
        // hash: its personal fields go too.
        const { rows: t } = await client.query<{ t: string | null }>(
          `SELECT to_regclass('audit_log.refusals')::text AS t`,
        );
        if (t[0]?.t) {
          const { rows: refused } = await client.query<{ id: string; command: unknown }>(
            'SELECT id, command FROM audit_log.refusals WHERE subject_id = $1',
            [workerId],
          );
          for (const r of refused) {
            await client.query('UPDATE audit_log.refusals SET command = $2 WHERE id = $1', [
              r.id,
              JSON.stringify(mapFields(r.command, REFUSED_COMMAND_FIELDS, () => ERASED)),
            ]);
          }
        }
      } else {
        // A worker with no key yet (only events from before encryption) gets one, restricted.
        await client.query(
          `INSERT INTO privacy.data_keys AS k (worker_id, master_key_id, wrapped, restricted_at) VALUES ($1, $2, $3, now())
             ON CONFLICT (worker_id) DO UPDATE SET restricted_at = coalesce(k.restricted_at, now())`,
          [workerId, this.keys.currentMasterKeyId, wrapDataKey(this.currentMasterKey(), newDataKey(), workerId)],
        );
      }
      const marker = action === 'erase' ? ERASED : RESTRICTED;
      const { rows } = await client.query<{ t: string | null }>(
        `SELECT to_regclass('public_security.workers')::text AS t`,
      );
      if (rows[0]?.t) {
        await client.query(
          'UPDATE public_security.workers SET name = $2, id_number = $2, phone = $2 WHERE worker_id = $1',
          [workerId, marker],
        );
      }
      await client.query('INSERT INTO privacy.actions (worker_id, action, actor) VALUES ($1, $2, $3)', [
        workerId,
        action,
        actor,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * For a store that held events before this layer (docs/privacy.md, existing events): takes
   * the blind index of every registration stored in clear, so lookups and "one 身份证号, one
   * worker" cover them too, and counts the events whose personal fields are still plaintext.
   * Events are not rewritten (their hashes cover the plaintext). A number registered to two
   * workers before is reported, and stays with the first.
   */
  async indexExisting(
    actor: string,
  ): Promise<{
    registrations: number;
    indexed: number;
    duplicates: { workerId: string; heldBy: string }[];
    plaintextEvents: number;
  }> {
    const report = {
      registrations: 0,
      indexed: 0,
      duplicates: [] as { workerId: string; heldBy: string }[],
      plaintextEvents: 0,
    };
    for (let after = 0; ;) {
      const page = await this.inner.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      after = page[page.length - 1]!.globalPosition;
      for (const e of page) {
        const p = personalPaths(e.type, e.data);
        if (!p) continue;
        let clear = false;
        mapFields(e.data, p.paths, (v) => ((clear ||= !isEncryptedField(v)), v));
        if (clear) report.plaintextEvents++;
        const idNumber = (e.data as { idNumber?: unknown }).idNumber;
        if (e.type !== 'WorkerRegistered' || typeof idNumber !== 'string' || isEncryptedField(idNumber)) continue;
        report.registrations++;
        const blind = blindIndex(this.keys.indexKey, idNumber);
        const { rowCount } = await this.pool.query(
          'INSERT INTO privacy.id_numbers (blind, worker_id) VALUES ($1, $2) ON CONFLICT (blind) DO NOTHING',
          [blind, p.workerId],
        );
        if (rowCount === 1) {
          report.indexed++;
          continue;
        }
        const { rows } = await this.pool.query<{ worker_id: string }>(
          'SELECT worker_id FROM privacy.id_numbers WHERE blind = $1',
          [blind],
        );
        if (rows[0] && rows[0].worker_id !== p.workerId)
          report.duplicates.push({ workerId: p.workerId, heldBy: rows[0].worker_id });
      }
    }
    await this.pool.query('INSERT INTO privacy.actions (worker_id, action, actor) VALUES (NULL, $1, $2)', [
      'index-existing',
      actor,
    ]);
    return report;
  }

  /**
   * Master-key rotation: every data key still held is unwrapped and wrapped again under the
   * current master key. Events are not rewritten (they are encrypted under the data keys).
   */
  async rewrapDataKeys(keys: PrivacyKeys, actor: string): Promise<number> {
    this.keys = keys;
    const client = await this.pool.connect();
    let n = 0;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<KeyRow>(
        'SELECT * FROM privacy.data_keys WHERE wrapped IS NOT NULL AND master_key_id <> $1 FOR UPDATE',
        [keys.currentMasterKeyId],
      );
      for (const row of rows) {
        const master = keys.masterKeys.get(row.master_key_id!);
        if (!master)
          throw new Error(
            `master key ${row.master_key_id} is not configured: cannot re-wrap worker ${row.worker_id}'s data key`,
          );
        const dataKey = unwrapDataKey(master, row.wrapped!, row.worker_id);
        await client.query('UPDATE privacy.data_keys SET master_key_id = $2, wrapped = $3 WHERE worker_id = $1', [
          row.worker_id,
          keys.currentMasterKeyId,
          wrapDataKey(this.currentMasterKey(), dataKey, row.worker_id),
        ]);
        n++;
      }
      await client.query('INSERT INTO privacy.actions (worker_id, action, actor) VALUES (NULL, $1, $2)', [
        `rotate:${keys.currentMasterKeyId}`,
        actor,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return n;
  }
}

/**
 * The deployment's store for everything that reads or writes personal data: on PostgreSQL the
 * private store over it, with the configured keys (or the development keys `generate` makes in
 * the data folder). The EventStoreDB adapter is returned as it is: its personal fields are not
 * encrypted yet (docs/privacy.md, what is left).
 */
export async function withPersonalDataProtection(
  store: EventStore,
  env: NodeJS.ProcessEnv,
  options: { generate: boolean },
): Promise<EventStore> {
  if (!(store instanceof PostgresEventStoreClass)) return store;
  return PrivateEventStore.open(store, loadPrivacyKeys(env, options));
}
