import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { EVENT_UPCASTERS } from '@ledger/application';
import type { EventStore, PostgresEventStore, RecordedEvent } from '@ledger/event-store';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import type { ProcessManager } from './process-manager';

/** Test support: histories appended as the domains' events, and a PM run until it is idle. */
export const clerk = { department: 'test', principal: 'pm-spec' };

export interface Given {
  type: string;
  data: Record<string, unknown>;
  effectiveOn?: string;
}

/** Appends events as a command handler would have (current schema version, an actor). */
export async function given(store: EventStore, stream: string, events: Given[]): Promise<RecordedEvent[]> {
  await store.appendToStream(
    stream,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: EVENT_UPCASTERS.currentVersion(e.type),
      data: e.data,
      metadata: { actor: clerk, correlationId: randomUUID(), ...(e.effectiveOn ? { effectiveOn: e.effectiveOn } : {}) },
    })),
    { expectedRevision: 'any' },
  );
  return (await store.readStream(stream)).slice(-events.length);
}

export const decision = (ruleId = 'test.rule', inputs: Record<string, unknown> = {}) => ({
  packId: 'test',
  packVersion: '0',
  jurisdiction: 'test',
  decidedOn: '2020-01-01',
  rules: [{ ruleId }],
  inputs,
  provisional: false,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The last position committed in this database. Not `headPosition()`: that stops below the
 * oldest transaction in flight anywhere on the server (xids are cluster-wide), and the other
 * spec files running beside this one hold it back.
 */
export async function lastPosition(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ head: string | null }>(
    'SELECT max(global_position) AS head FROM event_store.events',
  );
  return Number(rows[0]?.head ?? 0);
}

/**
 * Runs the PM over the whole history under a checkpoint (and schema) of its own, until its
 * checkpoint has stood at the head twice in a row: the follow-ups it appends are events too,
 * and they become visible only after the batch that appended them commits.
 */
export async function runToIdle(
  store: PostgresEventStore,
  pool: Pool,
  pm: ProcessManager,
  target = pm.name,
): Promise<void> {
  await ensureProjectorSchema(pool);
  const runner = new ProjectionRunner(store, pool, pm, {
    target: { checkpoint: target, schema: target },
    batchSize: 50,
  });
  const done = runner.start();
  const started = Date.now();
  let stable = 0;
  try {
    while (stable < 3) {
      if (Date.now() - started > 20_000) throw new Error(`${target} did not catch up (state ${runner.state})`);
      await sleep(60);
      const head = await lastPosition(pool);
      const { rows } = await pool.query<{ position: string }>(
        'SELECT position FROM projector.checkpoints WHERE name = $1',
        [target],
      );
      stable = rows.length > 0 && Number(rows[0]!.position) === head ? stable + 1 : 0;
    }
  } finally {
    await runner.stop();
    await done.catch(() => undefined);
  }
  if (runner.state === 'failed') throw new Error(`${target} failed`);
}

/** A stream as the comparison of two runs sees it: ids, types, data, causation. */
export async function snapshot(store: EventStore, streams: string[]): Promise<unknown[]> {
  const all = await Promise.all(streams.map((s) => store.readStream(s)));
  return all.flat().map((e) => ({
    stream: e.streamName,
    revision: e.streamRevision,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    causationId: e.metadata.causationId ?? null,
    hash: e.hash,
  }));
}

export async function outcomes(pool: Pool, processManager: string) {
  const { rows } = await pool.query<{
    idempotency_key: string;
    target_stream: string;
    command_type: string;
    outcome: string;
    detail: Record<string, unknown> | null;
  }>(
    `SELECT idempotency_key, target_stream, command_type, outcome, detail FROM process_managers.outcomes
      WHERE process_manager = $1 ORDER BY decided_at, idempotency_key`,
    [processManager],
  );
  return rows;
}

/**
 * "Run each twice over the same history, the same events result" (issue 5): from position 0
 * under a fresh checkpoint and schema, once with the recorded outcomes and once without them.
 */
export async function expectReplayAppendsNothing(
  store: PostgresEventStore,
  makePm: () => ProcessManager,
  streams: string[],
  afterEachRun: (pm: ProcessManager, schema: string) => Promise<void> = async () => undefined,
): Promise<void> {
  const first = await snapshot(store, streams);
  const head = await lastPosition(store.pool);
  for (const [i, forget] of [false, true].entries()) {
    if (forget) await store.pool.query('TRUNCATE process_managers.outcomes');
    const pm = makePm();
    const schema = `${pm.name}_replay${i}`;
    await runToIdle(store, store.pool, pm, schema);
    await afterEachRun(pm, schema);
    expect(await lastPosition(store.pool)).toBe(head);
    expect(await snapshot(store, streams)).toEqual(first);
  }
}
