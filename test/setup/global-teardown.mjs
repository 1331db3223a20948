export default async function globalTeardown() {
  await globalThis.__ledgerPostgres?.stop();
}
