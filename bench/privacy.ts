import { randomUUID } from 'node:crypto';
import { EventStore, PostgresEventStore } from '@ledger/event-store';
import { generatePrivacyKeys, PrivateEventStore } from '@ledger/privacy';
import { benchDatabase, runFor } from './support/bench-database';
import { loadAverage, machine, writeResults } from './support/results';

/**
 * npm run bench:privacy — append and read with the personal fields encrypted (docs/privacy.md)
 * beside the same without, on one embedded PostgreSQL in one run. BENCH_SECONDS per
 * measurement (default 2: eight measurements, about 16 s). Printed as a table and written to
 * bench/results/privacy.json (BENCH_JSON names another file) with the machine and load average.
 */
const actor = { department: 'bench', principal: 'bench' };
const CLIENTS = 4;

const registered = (workerId: string, n: number) => ({
  eventId: randomUUID(),
  type: 'WorkerRegistered',
  data: {
    workerId,
    name: '张伟',
    idNumber: `5104021990${String(n).padStart(8, '0')}`,
    phone: '13800000001',
    birthDate: '1990-01-01',
    hukouPlace: { areaCode: '513401', address: '西昌市某村' },
    arrivalOn: '2024-01-05',
    registeredOn: '2024-01-05',
  },
  metadata: { actor },
});
const phoneChanged = (workerId: string) => ({
  eventId: randomUUID(),
  type: 'ContactDetailsChanged',
  data: { workerId, phone: '13900000002', changedOn: '2024-02-01' },
  metadata: { actor },
});

async function main(): Promise<void> {
  const ms = Number(process.env.BENCH_SECONDS ?? 2) * 1000;
  const db = await benchDatabase('bench_privacy');
  const plain = await PostgresEventStore.connect(db.url, { poolSize: 12 });
  const sealed = await PrivateEventStore.open(plain, generatePrivacyKeys());
  const at = new Date().toISOString();
  const loadBefore = loadAverage();
  console.log(`bench:privacy — ${ms / 1000} s per measurement, ${CLIENTS} clients, embedded PostgreSQL, ${at}`);
  console.log(
    `${'operation'.padEnd(44)} ${'clear/s'.padStart(9)} ${'encrypted/s'.padStart(12)} ${'ratio'.padStart(6)}`,
  );
  const rows: { operation: string; clearPerSecond: number; encryptedPerSecond: number; ratio: number }[] = [];
  const line = (name: string, a: number, b: number) => {
    rows.push({ operation: name, clearPerSecond: a, encryptedPerSecond: b, ratio: b / a });
    console.log(`${name.padEnd(44)} ${a.toFixed(0).padStart(9)} ${b.toFixed(0).padStart(12)} ${(b / a).toFixed(2).padStart(6)}`);
  };

  const workers: Record<'clear' | 'sealed', string[]> = { clear: [], sealed: [] };
  let serial = 0;
  const register = (store: EventStore, side: 'clear' | 'sealed') => async (c: number, i: number) => {
    const id = `${side}-${c}-${i}`;
    await store.appendToStream(`worker-${id}`, [registered(id, serial++)], { expectedRevision: 'no_stream' });
    workers[side].push(id);
    return 1;
  };
  line(
    'register a worker (new stream, 4 fields)',
    await runFor(CLIENTS, ms, register(plain, 'clear')),
    await runFor(CLIENTS, ms, register(sealed, 'sealed')),
  );

  const change = (store: EventStore, side: 'clear' | 'sealed') => async (c: number, i: number) => {
    const list = workers[side];
    const id = list[(i * CLIENTS + c) % list.length]!;
    await store.appendToStream(`worker-${id}`, [phoneChanged(id)], { expectedRevision: 'any' });
    return 1;
  };
  line(
    'change a phone (existing worker)',
    await runFor(CLIENTS, ms, change(plain, 'clear')),
    await runFor(CLIENTS, ms, change(sealed, 'sealed')),
  );

  const readOne = (store: EventStore, side: 'clear' | 'sealed') => async (c: number, i: number) => {
    const list = workers[side];
    const id = list[(i * CLIENTS + c) % list.length]!;
    return (await store.readStream(`worker-${id}`)).length > 0 ? 1 : 0;
  };
  // The clear store reads the clear workers' streams; the private store reads the encrypted ones.
  line(
    'read a worker stream (events decrypted)',
    await runFor(CLIENTS, ms, readOne(plain, 'clear')),
    await runFor(CLIENTS, ms, readOne(sealed, 'sealed')),
  );

  const head = await plain.headPosition();
  const page = (store: EventStore) => async () => {
    let n = 0;
    for (let after = 0; after < head;) {
      const events = await store.readAll({ after, maxCount: 1000 });
      if (events.length === 0) break;
      n += events.length;
      after = events[events.length - 1]!.globalPosition;
    }
    return n;
  };
  const total = await page(plain)();
  line(
    `read the log, pages of 1,000 (${total} events; ev/s)`,
    await runFor(1, ms, page(plain)),
    await runFor(1, ms, page(sealed)),
  );
  console.log("(read the log: both sides' events; the private store decrypts the encrypted ones)");
  const loadAfter = loadAverage();
  console.log(`load average before ${loadBefore.join(', ')}, after ${loadAfter.join(', ')}`);
  writeResults(process.env.BENCH_JSON ?? 'bench/results/privacy.json', {
    bench: 'privacy',
    at,
    seconds: ms / 1000,
    clients: CLIENTS,
    machine: machine(),
    loadAverage: { before: loadBefore, after: loadAfter },
    rows,
  });
  await plain.close();
  await db.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
