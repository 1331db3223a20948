import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { PostgresEventStore, type RecordedEvent } from '@ledger/event-store';
import { BUILT_IN_PACKS_DIR, loadPack, PolicyView, type PolicyPack } from '@ledger/policy';
import { hasDecision, packsAvailable, redecide, type Redecision } from '@ledger/application';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { buildHistory, HISTORY } from '../read-models/testing/history';
import { PackArchive, packArchiveText, PackVersionChanged } from './pack-archive';

const TODAY = '2026-11-24';
const shipped = () => new PolicyView(loadPack('panzhihua'));

/** The city's pack moved on: the minimum residence raised to 12 months, under a new version. */
function nextVersion(pack: PolicyPack, version: string): PolicyPack {
  const rules = new Map(pack.rules);
  const rule = rules.get('permit.apply.conditions')!;
  rules.set('permit.apply.conditions', { ...rule, versions: rule.versions.map((v) => ({ ...v, params: { ...v.params, minResidence: { months: 12 } } })) });
  return { ...pack, manifest: { ...pack.manifest, version }, rules };
}

describe('the pack archive: every pack version a decision was made under, kept as it was (docs/audit.md)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let archive: PackArchive;
  let applied: RecordedEvent;

  beforeAll(async () => {
    db = await createTestDatabase('packs');
    pool = createPool(db.url, { max: 4 });
    store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    archive = await PackArchive.open(pool);
    // Two workers registered, resident and applying: PermitApplied records its decision.
    await buildHistory(store, HISTORY.slice(0, 6));
    applied = (await store.readAll({ maxCount: 1_000 })).find((e) => e.type === 'PermitApplied' && hasDecision(e.data))!;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('writes a version the first time and knows it after; where the files lay does not change its digest', async () => {
    expect(await archive.keep(shipped())).toBe('archived');
    expect(await archive.keep(shipped())).toBe('known');
    // The same pack read from another folder (another machine's checkout) is the same archived text.
    const elsewhere = mkdtempSync(join(tmpdir(), 'packs-'));
    try {
      cpSync(BUILT_IN_PACKS_DIR, elsewhere, { recursive: true });
      const copy = new PolicyView(loadPack('panzhihua', { dirs: [elsewhere] }));
      expect(packArchiveText(copy.pack).digest).toBe(packArchiveText(shipped().pack).digest);
      expect(await archive.keep(copy)).toBe('known');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect((await archive.list()).map((r) => [r.packId, r.packVersion])).toEqual([['panzhihua', shipped().packVersion]]);
  });

  it('refuses a pack changed under a version it already decided under, naming the rule and the field', async () => {
    await archive.keep(shipped());
    const pack = shipped().pack;
    const rules = new Map(pack.rules);
    const rule = rules.get('permit.apply.conditions')!;
    rules.set('permit.apply.conditions', { ...rule, quote: '居住一个月以上' });
    const edited = new PolicyView({ ...pack, rules });
    const refused = await archive.keep(edited).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PackVersionChanged);
    expect((refused as Error).message).toBe(
      `policy pack panzhihua version ${pack.manifest.version} is not the one this ledger decided under ` +
        `(rule permit.apply.conditions: quote was "居住半年以上", is now "居住一个月以上"); ` +
        `decisions recorded under ${pack.manifest.version} must stay reproducible: give the changed pack a new version in its pack.yaml`,
    );
  });

  it('lets a decision made under last year’s version be re-decided exactly after the city moved to a new one', async () => {
    await archive.keep(shipped());
    const recordedUnder = (applied.data as unknown as { decision: { packVersion: string } }).decision.packVersion;
    expect(recordedUnder).toBe(shipped().packVersion);
    const today = new PolicyView(nextVersion(shipped().pack, `${recordedUnder}-next`));
    await archive.keep(today);

    // Without the archive the ledger only has today's version: the old decision cannot be run.
    const without = (await redecide({ store, event: applied, packAt: packsAvailable(today, { load: () => today.pack }), policy: today, today: TODAY })) as Redecision;
    expect([without.verdict, without.ownPack.reason]).toEqual(['not-replayable', `pack panzhihua version ${recordedUnder} is not available to this ledger`]);

    // With it: reproduced under its own version, and today's version says what it would change.
    const answer = (await redecide({ store, event: applied, packAt: packsAvailable(today, { load: () => today.pack, archive }), policy: today, today: TODAY })) as Redecision;
    expect([answer.verdict, answer.ownPack.packVersion, answer.ownPack.outcome, answer.ownPack.differences]).toEqual(['reproduced', recordedUnder, 'same', []]);
    expect(answer.todaysPack.packVersion).toBe(`${recordedUnder}-next`);
    expect(answer.todaysPack.rules.find((r) => r.ruleId === 'permit.apply.conditions')).toMatchObject({
      ruleId: 'permit.apply.conditions',
      change: 'changed',
      fields: [{ path: 'params.minResidence.months', recorded: 6, redecided: 12 }],
      then: { params: { minResidence: { months: 6 } } },
      today: { params: { minResidence: { months: 12 } } },
    });
  });

  it('will not serve an archived version whose row was altered by SQL', async () => {
    await archive.keep(shipped());
    await pool.query(`UPDATE audit_log.pack_versions SET content = replace(content, '居住半年以上', '居住一年以上') WHERE pack_id = 'panzhihua' AND pack_version = $1`, [shipped().packVersion]);
    const fresh = await PackArchive.open(pool);
    await expect(fresh.get('panzhihua', shipped().packVersion)).rejects.toThrow(`the archived pack panzhihua@${shipped().packVersion} does not match its digest: the archive was altered`);
  });
});

describe('a deciding process archives its pack before it decides', () => {
  it('the API keeps its pack when it starts, and refuses to start on a pack changed under an archived version', async () => {
    const db = await createTestDatabase('packs_api');
    const store = await PostgresEventStore.connect(db.url, { poolSize: 4 });
    const deps = (policy: PolicyView) => ({
      store,
      readPool: store.pool,
      execute: { store, policy, today: () => TODAY },
      runtime: { adapter: 'postgres' as const, embeddedDatabase: true, jurisdiction: 'panzhihua' },
    });
    try {
      const app = await createApp(deps(shipped()), { logger: false });
      await app.close();
      const { rows } = await store.pool.query('SELECT pack_id, pack_version FROM audit_log.pack_versions');
      expect(rows).toEqual([{ pack_id: 'panzhihua', pack_version: shipped().packVersion }]);

      const pack = shipped().pack;
      const changed = new PolicyView(nextVersion(pack, pack.manifest.version)); // new numbers, same version
      await expect(createApp(deps(changed), { logger: false })).rejects.toThrow(
        `policy pack panzhihua version ${pack.manifest.version} is not the one this ledger decided under (rule permit.apply.conditions: versions was`,
      );
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
