import type { Command } from 'commander';
import { PostgresAuditLog } from '@ledger/audit';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore, PostgresEventStore, type RecordedEvent, type VerificationReport } from '@ledger/event-store';
import { migratePrivacySchema } from '@ledger/privacy';
import { ensureProjectorSchema } from '@ledger/projections';
import { ensureApiSchema } from '../../../api/src/security/api-schema';
import { EXIT } from '../exit-codes';
import { withStore } from '../support/with-store';

/**
 * Every schema the ledger's processes would otherwise create when they start, in one run: the
 * event store's migrations, the privacy schema, the verifiable log (with the pack archive), the
 * API's credentials and idempotency tables and the projector's checkpoints. Each step is
 * idempotent and takes the lock its owner takes, so it is safe beside running pods. A
 * deployment runs it as a Job before rolling out (infra/kubernetes/migrate.yaml).
 */
async function migrateAll(): Promise<string[]> {
  const database = await openRuntimeDatabase();
  const done: string[] = [];
  const pool = createPool(database.url, { max: 2 });
  try {
    const { store, adapter } = await openEventStore(process.env, database.url, { poolSize: 2 });
    try {
      done.push(adapter === 'postgres' ? 'event store (PostgreSQL) migrations' : 'event store: EventStoreDB (no migrations)');
      if (store instanceof PostgresEventStore) {
        await migratePrivacySchema(store);
        done.push('privacy');
      }
    } finally {
      await store.close();
    }
    await PostgresAuditLog.open(pool);
    done.push('audit_log (verifiable log, refusals, pack archive)');
    await ensureApiSchema(pool);
    done.push('api (credentials, idempotency, access log)');
    await ensureProjectorSchema(pool);
    done.push('projector (checkpoints)');
    return done;
  } finally {
    await pool.end();
    await database.close();
  }
}

function printReport(report: VerificationReport, stream?: string): void {
  // A stream that does not exist has no chain to hold: passing it would let a typo pass an audit.
  if (stream !== undefined && report.ok && report.eventsChecked === 0) {
    console.log(`NOT FOUND: stream ${stream} does not exist`);
    process.exitCode = EXIT.NOT_FOUND;
    return;
  }
  if (report.ok) {
    console.log(`verified: ${report.streamsChecked} stream(s), ${report.eventsChecked} event(s), every hash chain holds`);
    return;
  }
  const b = report.firstBreak!;
  console.log(`BROKEN: stream ${b.streamName} at revision ${b.revision}: ${b.reason}`);
  console.log(`(checked ${report.streamsChecked} stream(s), ${report.eventsChecked} event(s) before the break)`);
  process.exitCode = EXIT.BROKEN;
}

function printEvent(e: RecordedEvent, json: boolean, withStream = false): void {
  if (json) {
    console.log(JSON.stringify(e));
    return;
  }
  const effective = e.metadata.effectiveOn ? ` effective ${e.metadata.effectiveOn}` : '';
  console.log(
    `${withStream ? `${e.streamName} ` : ''}#${e.streamRevision} @${e.globalPosition} ${e.recordedAt}${effective} ${e.type} v${e.schemaVersion} ` +
      `by ${e.metadata.actor.department}/${e.metadata.actor.principal} ${JSON.stringify(e.data)}`,
  );
}

/** `ledger store …`: the auditors' verification and reads. */
export function registerStoreCommands(program: Command): void {
  const store = program.command('store').description('event store: verify hash chains, read streams and the global order');

  store
    .command('migrate')
    .description('create or update every schema the ledger needs, then exit (a deployment’s migration Job); safe to run again and beside running processes')
    .action(async () => {
      for (const step of await migrateAll()) console.log(`migrated: ${step}`);
    });

  store
    .command('verify')
    .description('recompute every hash chain (or one stream’s) and report the first break; exit 4 on a break, 5 for a stream that does not exist')
    .option('--stream <name>', 'only this stream')
    .action(async (options: { stream?: string }) => {
      await withStore(async (s) =>
        printReport(options.stream ? await s.verifyStream(options.stream) : await s.verifyAll(), options.stream),
      );
    });

  store
    .command('read <stream>')
    .description('print a stream’s events in revision order')
    .option('--from <revision>', 'first revision', '0')
    .option('--json', 'one JSON object per line')
    .action(async (stream: string, options: { from: string; json?: boolean }) => {
      await withStore(async (s) => {
        const events = await s.readStream(stream, { fromRevision: Number(options.from) });
        if (events.length === 0) {
          console.log(`NOT FOUND: stream ${stream} has no events${Number(options.from) > 0 ? ` from revision ${options.from}` : ''}`);
          process.exitCode = EXIT.NOT_FOUND;
        }
        for (const e of events) printEvent(e, Boolean(options.json));
      });
    });

  store
    .command('tail')
    .description('print the global order after a position, each event with its stream')
    .option('--after <position>', 'exclusive start position', '0')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json', 'one JSON object per line')
    .action(async (options: { after: string; limit: string; json?: boolean }) => {
      await withStore(async (s) => {
        for (const e of await s.readAll({ after: Number(options.after), maxCount: Number(options.limit) })) {
          printEvent(e, Boolean(options.json), true);
        }
      });
    });
}
