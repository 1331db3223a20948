import { argValue, cityHistory, EVENTS_PER_WORKER } from './support/city-history';

/**
 * npm run bench:generate -- --workers N [--seed S] [--data DIR]
 *
 * Writes a seeded city (every context: registrations, permits with 签注 and lapses, arrival
 * corrections, contributions in two places with transfers and re-reported months, points,
 * housing, employment, a child's schooling and health; both clocks) by COPY into an embedded
 * PostgreSQL kept in DIR (default .bench-data/city-<N>), with valid hash chains and stream heads.
 * About 26.3 events a worker (seed 1124): 1 M events ≈ 38,000 workers, 10 M ≈ 380,000. Later benches reuse
 * the folder with `--data DIR`.
 */
async function main(): Promise<void> {
  const workers = Number(argValue('workers') ?? 38_000);
  const seed = Number(argValue('seed') ?? 1124);
  const dataDir = argValue('data') ?? `.bench-data/city-${workers}`;
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers must be a positive integer');
  console.log(`bench:generate — ${workers.toLocaleString()} workers ≈ ${Math.round(workers * EVENTS_PER_WORKER).toLocaleString()} events`);
  const city = await cityHistory({ workers, seed, dataDir });
  const verify = process.argv.includes('--verify');
  if (verify) {
    const started = Date.now();
    const report = await city.store.verifyAll();
    console.log(`store verify: ${report.ok ? 'ok' : 'BROKEN'} — ${report.streamsChecked.toLocaleString()} streams, ${report.eventsChecked.toLocaleString()} events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  console.log(`data folder: ${city.dataDir} (npm run bench:projections -- --data ${city.dataDir})`);
  await city.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
