import type { Command } from 'commander';
import { openRuntimeDatabase } from '@ledger/database';
import { openEventStore, PostgresEventStore } from '@ledger/event-store';
import { addMasterKey, loadPrivacyKeys, PrivateEventStore } from '@ledger/privacy';

/** Runs `work` with the deployment's private store (docs/privacy.md); PostgreSQL only. */
async function withPrivateStore<T>(work: (store: PrivateEventStore) => Promise<T>): Promise<T> {
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 2 });
  try {
    if (!(store instanceof PostgresEventStore))
      throw new Error('ledger privacy works on the PostgreSQL store only (docs/privacy.md, limits)');
    return await work(await PrivateEventStore.open(store, loadPrivacyKeys(process.env, { generate: false })));
  } finally {
    await store.close();
    await database.close();
  }
}

const BY = ['--by <principal>', 'who orders it (kept in privacy.actions)'] as const;

/** `ledger privacy …`: PIPL Art. 47 restriction and erasure, master-key rotation (docs/privacy.md). */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('personal data: restrict, erase (crypto-shredding), rotate the master key, status');

  privacy
    .command('restrict <workerId>')
    .description('storage only (PIPL Art. 47): every read shows [restricted]; new personal data is refused')
    .requiredOption(...BY)
    .action(async (workerId: string, options: { by: string }) => {
      await withPrivateStore(async (s) => {
        await s.restrict(workerId, options.by);
        console.log(`restricted: worker ${workerId}'s personal fields read [restricted]; no event was changed`);
      });
    });

  privacy
    .command('erase <workerId>')
    .description(
      'destroy the worker’s data key (a tombstone keeps it from being made again); every proof still verifies',
    )
    .requiredOption(...BY)
    .action(async (workerId: string, options: { by: string }) => {
      await withPrivateStore(async (s) => {
        await s.erase(workerId, options.by);
        console.log(
          `erased: worker ${workerId}'s data key is destroyed; its personal fields read [erased]; no event was changed`,
        );
      });
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
    .requiredOption(...BY)
    .action(async (options: { by: string }) => {
      await withPrivateStore(async (s) => {
        const r = await s.indexExisting(options.by);
        console.log(
          `indexed ${r.indexed} of ${r.registrations} registration(s) stored in clear; ${r.plaintextEvents} event(s) hold personal fields in clear`,
        );
        for (const d of r.duplicates)
          console.log(`DUPLICATE: worker ${d.workerId} was registered with the 身份证号 of worker ${d.heldBy}`);
        if (r.duplicates.length > 0) process.exitCode = 2;
      });
    });

  privacy
    .command('rotate-master-key')
    .description(
      'add a new current master key to the key file and re-wrap every data key under it (no event is rewritten)',
    )
    .requiredOption(...BY)
    .action(async (options: { by: string }) => {
      await withPrivateStore(async (s) => {
        const keys = addMasterKey(process.env, loadPrivacyKeys(process.env, { generate: false }));
        const n = await s.rewrapDataKeys(keys, options.by);
        console.log(
          `rotated: ${n} data key(s) now wrapped by master key ${keys.currentMasterKeyId}; the older keys may be removed from the file`,
        );
      });
    });
}
