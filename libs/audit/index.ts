export * from './merkle';
export * from './signer';
export * from './postgres-audit-log';
export * from './audit-log-writer';
export { migrateAuditLog } from './migrations';
export {
  BUNDLE_FORMAT,
  encodeVerifierKey,
  formatCheckpoint,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  verifyBundle,
} from './offline/verify-bundle';
export type { AuditBundle, BundleEvent, BundleVerdict, Checkpoint, VerifierKey } from './offline/verify-bundle';
export * from './runtime';
export * from './audit-verify';
export * from './bundle-export';
export * from './explain';
export * from './refusals';
export * from './pack-archive';
