import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import canonicalize from 'canonicalize';
import { PolicyView, type PackManifest, type PolicyPack, type RuleDefinition } from '@ledger/policy';
import { migrateAuditLog } from './migrations';

/**
 * The policy packs a ledger has decided under, each version kept as it was (docs/audit.md,
 * "Pack archive"). A decision records its pack id and version; re-deciding it years later needs
 * that version's rules, quotes and numbers, not today's. So every process that decides (the
 * API, the projector's process managers, the CLI) keeps its pack here when it starts: the first
 * time a version is seen it is written, byte for byte as canonical JSON with its SHA-256; after
 * that, the same version must come back with the same digest. A pack changed without a new
 * version would make every decision recorded under that version unreproducible, so that is
 * refused at start-up, naming the first rule that differs.
 */

/** What is archived of a pack: what decides, nothing of where its files lay on this machine. */
interface ArchivedPack {
  manifest: PackManifest;
  lineage: string[];
  rules: Omit<RuleDefinition, never>[];
}

function archived(pack: PolicyPack): ArchivedPack {
  const rules = [...pack.rules.values()]
    .map(({ file: _file, ...rule }) => rule)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { manifest: pack.manifest, lineage: pack.lineage, rules };
}

/** The canonical (RFC 8785) text of a pack as archived, and its SHA-256. */
export function packArchiveText(pack: PolicyPack): { text: string; digest: string } {
  // A round trip through JSON drops what JSON does not keep (undefined fields) before hashing.
  const text = canonicalize(JSON.parse(JSON.stringify(archived(pack)))) as string;
  return { text, digest: createHash('sha256').update(text).digest('hex') };
}

/** A pack back from its archived text; its rules name the archive as their file. */
export function packFromArchive(text: string): PolicyPack {
  const value = JSON.parse(text) as ArchivedPack;
  const file = `archive:${value.manifest.id}@${value.manifest.version}`;
  return {
    manifest: value.manifest,
    lineage: value.lineage,
    rules: new Map(value.rules.map((rule) => [rule.id, { ...rule, file }])),
  };
}

/** Where two packs of the same id and version differ, in words: the first differing rule or field. */
export function firstDifference(kept: PolicyPack, loaded: PolicyPack): string {
  const a = archived(kept);
  const b = archived(loaded);
  if (canonicalize(a.manifest) !== canonicalize(b.manifest)) return 'its manifest (pack.yaml) differs';
  const keptRules = new Map(a.rules.map((r) => [r.id, r]));
  const loadedRules = new Map(b.rules.map((r) => [r.id, r]));
  for (const id of [...new Set([...keptRules.keys(), ...loadedRules.keys()])].sort()) {
    const x = keptRules.get(id);
    const y = loadedRules.get(id);
    if (!x) return `rule ${id} was added`;
    if (!y) return `rule ${id} was removed`;
    for (const field of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      const before = canonicalize((x as Record<string, unknown>)[field] ?? null);
      const after = canonicalize((y as Record<string, unknown>)[field] ?? null);
      if (before !== after) return `rule ${id}: ${field} was ${before}, is now ${after}`;
    }
  }
  return 'its lineage differs';
}

/** A pack whose version is archived with other content: the ledger must not decide under it. */
export class PackVersionChanged extends Error {
  constructor(
    readonly packId: string,
    readonly packVersion: string,
    readonly difference: string,
  ) {
    super(
      `policy pack ${packId} version ${packVersion} is not the one this ledger decided under (${difference}); ` +
        `decisions recorded under ${packVersion} must stay reproducible: give the changed pack a new version in its pack.yaml`,
    );
  }
}

export class PackArchive {
  private readonly views = new Map<string, PolicyView | null>();

  private constructor(private readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PackArchive> {
    await migrateAuditLog(pool);
    return new PackArchive(pool);
  }

  /**
   * Keeps the pack the process is about to decide under: written the first time its version is
   * seen, checked against the archive after that. Throws PackVersionChanged when the archive holds
   * other content under the same id and version.
   */
  async keep(view: PolicyView): Promise<'archived' | 'known'> {
    const { text, digest } = packArchiveText(view.pack);
    const { rows } = await this.pool.query<{ inserted: boolean; digest: string; content: string }>(
      `WITH ins AS (
         INSERT INTO audit_log.pack_versions (pack_id, pack_version, digest, content)
         VALUES ($1, $2, $3, $4) ON CONFLICT (pack_id, pack_version) DO NOTHING
         RETURNING true AS inserted, digest, content)
       SELECT inserted, digest, content FROM ins
       UNION ALL
       SELECT false, digest, content FROM audit_log.pack_versions
        WHERE pack_id = $1 AND pack_version = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [view.packId, view.packVersion, digest, text],
    );
    const row = rows[0]!;
    if (row.digest !== digest) {
      throw new PackVersionChanged(view.packId, view.packVersion, firstDifference(packFromArchive(row.content), view.pack));
    }
    this.views.set(`${view.packId}@${view.packVersion}`, view);
    return row.inserted ? 'archived' : 'known';
  }

  /** A pack version as it was kept, or undefined when this ledger never decided under it. */
  async get(packId: string, packVersion: string): Promise<PolicyView | undefined> {
    const key = `${packId}@${packVersion}`;
    if (!this.views.has(key)) {
      const { rows } = await this.pool.query<{ content: string; digest: string }>(
        'SELECT content, digest FROM audit_log.pack_versions WHERE pack_id = $1 AND pack_version = $2',
        [packId, packVersion],
      );
      const row = rows[0];
      if (row && createHash('sha256').update(row.content).digest('hex') !== row.digest) {
        // The archive row itself was edited: using it would make any re-decision meaningless.
        throw new Error(`the archived pack ${key} does not match its digest: the archive was altered`);
      }
      this.views.set(key, row ? new PolicyView(packFromArchive(row.content)) : null);
    }
    return this.views.get(key) ?? undefined;
  }

  /** Every archived version, oldest first. */
  async list(): Promise<{ packId: string; packVersion: string; digest: string; archivedAt: string }[]> {
    const { rows } = await this.pool.query<{ pack_id: string; pack_version: string; digest: string; archived_at: Date }>(
      'SELECT pack_id, pack_version, digest, archived_at FROM audit_log.pack_versions ORDER BY archived_at, pack_id, pack_version',
    );
    return rows.map((r) => ({ packId: r.pack_id, packVersion: r.pack_version, digest: r.digest, archivedAt: r.archived_at.toISOString() }));
  }
}
