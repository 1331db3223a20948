import type { EventStore } from '@ledger/event-store';
import { AuditBundle, BUNDLE_FORMAT, BundleEvent } from './offline/verify-bundle';
import type { PostgresAuditLog } from './postgres-audit-log';

/**
 * A proof bundle (format `entitlement-ledger-audit-bundle/1`, docs/audit.md): the events of the
 * given streams as stored, each with its inclusion proof in the latest signed checkpoint. Events
 * newer than that checkpoint are left out. The export refuses when the store and the log
 * disagree: that is `audit verify`'s finding to make, not a bundle to hand out.
 */
export async function exportBundle(options: {
  store: EventStore;
  log: PostgresAuditLog;
  workerId: string;
  streams: readonly string[];
  exportedAt: string;
}): Promise<AuditBundle> {
  const checkpoint = await options.log.latestCheckpoint();
  if (!checkpoint) throw new Error('no checkpoint is signed yet: nothing to prove inclusion in');
  const size = checkpoint.treeSize;
  const leaves = await options.log.leavesOfStreams(options.streams, size);
  const byId = new Map(leaves.map((l) => [l.eventId, l]));
  const streams: AuditBundle['streams'] = [];
  for (const streamName of options.streams) {
    const events: BundleEvent[] = [];
    for (const e of await options.store.readStream(streamName)) {
      const leaf = byId.get(e.eventId);
      if (!leaf) break; // newer than the checkpoint
      if (leaf.eventHash.toString('hex') !== e.hash || leaf.globalPosition !== e.globalPosition) {
        throw new Error(`stream ${streamName} revision ${e.streamRevision} differs from the log: run \`ledger audit verify\``);
      }
      const inclusion = await options.log.inclusion(leaf.leafIndex, size);
      events.push({
        globalPosition: e.globalPosition,
        leafIndex: leaf.leafIndex,
        streamName: e.streamName,
        streamRevision: e.streamRevision,
        eventId: e.eventId,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt,
        hashFormat: e.hashFormat,
        prevHash: e.prevHash,
        hash: e.hash,
        inclusion: inclusion.map((h) => h.toString('hex')),
      });
    }
    if (events.length > 0) streams.push({ streamName, events });
  }
  if (streams.length === 0) throw new Error(`no event about worker ${options.workerId} is in the tree of size ${size}`);
  return { format: BUNDLE_FORMAT, subject: { workerId: options.workerId }, exportedAt: options.exportedAt, checkpoint: checkpoint.note, streams };
}
