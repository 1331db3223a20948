import type { Command } from 'commander';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { openEventStore, PostgresEventStore } from '@ledger/event-store';
import { addMasterKey, loadPrivacyKeys, PrivateEventStore } from '@ledger/privacy';
import { writeScope } from '../../../api/src/security/scopes';
import { actingCredential, tokenOf, TOKEN_OPTION } from '../support/credential';

/**
 * Runs `work` with the deployment's private store (docs/privacy.md); PostgreSQL only. With
 * `acting`, under the credential of LEDGER_TOKEN or --token, which must hold `worker:write` (the
 * department that owns workers' records, as over HTTP); `by`, kept in privacy.actions, is that
 * credential's `department/principal`, never a name typed on the command line.
 */
async function withPrivateStore<T>(
  work: (store: PrivateEventStore, by: string) => Promise<T>,
  acting?: { token?: unknown },
): Promise<T> {
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 2 });
  try {
    if (!(store instanceof PostgresEventStore))
      throw new Error('ledger privacy works on the PostgreSQL store only (docs/privacy.md, limits)');
    let by = '';
    if (acting) {
      // The credential table, read as the owner (the store's pool appends as a narrower role).
      const pool = createPool(database.url, { max: 1 });
      try {
        const credential = await actingCredential(pool, tokenOf(acting), writeScope('worker'));
        by = `${credential.department}/${credential.principal}`;
      } finally {
        await pool.end();
      }
    }
    return await work(await PrivateEventStore.open(store, loadPrivacyKeys(process.env, { generate: false })), by);
  } finally {
    await store.close();
    await database.close();
  }
}

/** `ledger privacy …`: PIPL Art. 47 restriction and erasure, master-key rotation (docs/privacy.md). */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('personal data: restrict, erase (crypto-shredding), rotate the master key, status');

  privacy
    .command('restrict <workerId>')
    .description('storage only (PIPL Art. 47): every read shows [restricted]; new personal data is refused')
    .option(...TOKEN_OPTION)
    .action(async (workerId: string, options: { token?: string }) => {
      await withPrivateStore(async (s, by) => {
        await s.restrict(workerId, by);
        console.log(`restricted: worker ${workerId}'s personal fields read [restricted]; no event was changed`);
      }, options);
    });

  privacy
    .command('erase <workerId>')
    .description(
      'destroy the worker’s data key (a tombstone keeps it from being made again); every proof still verifies',
    )
    .option(...TOKEN_OPTION)
    .action(async (workerId: string, options: { token?: string }) => {
      await withPrivateStore(async (s, by) => {
        await s.erase(workerId, by);
        console.log(
          `erased: worker ${workerId}'s data key is destroyed; its personal fields read [erased]; no event was changed`,
        );
      }, options);
    });

  privacy
    .command('status <workerId>')
    .description('open, restricted, erased, or no data key')
    .action(async (workerId: string) => {
      await withPrivateStore(async (s) => console.log((await s.stateOf(workerId)) ?? 'no data key'));
    });

  privacy
    .command('index-existing')
    .description(
      'take the blind index of registrations stored before encryption; count the events still in clear (none is rewritten)',
    )
    .option(...TOKEN_OPTION)
    .action(async (options: { token?: string }) => {
      await withPrivateStore(async (s, by) => {
        const r = await s.indexExisting(by);
        console.log(
          `indexed ${r.indexed} of ${r.registrations} registration(s) stored in clear; ${r.plaintextEvents} event(s) hold personal fields in clear`,
        );
        for (const d of r.duplicates)
          console.log(`DUPLICATE: worker ${d.workerId} was registered with the 身份证号 of worker ${d.heldBy}`);
        if (r.duplicates.length > 0) process.exitCode = 2;
      }, options);
    });

  privacy
    .command('rotate-master-key')
    .description(
      'add a new current master key to the key file and re-wrap every data key under it (no event is rewritten)',
    )
    .option(...TOKEN_OPTION)
    .action(async (options: { token?: string }) => {
      await withPrivateStore(async (s, by) => {
        const keys = addMasterKey(process.env, loadPrivacyKeys(process.env, { generate: false }));
        const n = await s.rewrapDataKeys(keys, by);
        console.log(
          `rotated: ${n} data key(s) now wrapped by master key ${keys.currentMasterKeyId}; the older keys may be removed from the file`,
        );
      }, options);
    });
}
