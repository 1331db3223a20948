export default async function globalTeardown() {
  const servers = globalThis.__ledgerPostgres;
  await Promise.all((Array.isArray(servers) ? servers : servers ? [servers] : []).map((s) => s.stop()));
}
