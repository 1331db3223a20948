import type { EventStore } from '@ledger/event-store';
import type { PostgresAuditLog, StoredCheckpoint } from './postgres-audit-log';
import type { NoteSigner } from './signer';

export interface AuditLogWriterOptions {
  /** Without a signer the tree grows but no checkpoint is signed (a process that holds no key). */
  signer?: NoteSigner;
  /** A checkpoint once this many events joined the tree since the last one (LEDGER_AUDIT_CHECKPOINT_EVENTS). */
  checkpointEvery?: number;
  /** …or once this many seconds passed with new events (LEDGER_AUDIT_CHECKPOINT_SECONDS). */
  checkpointSeconds?: number;
  batchSize?: number;
  pollMs?: number;
  /** Milliseconds since the epoch, for the age of the last checkpoint. */
  now?: () => number;
  log?: (line: string) => void;
}


/**
 * Follows the store's global order and adds each committed event to the verifiable log. It reads
 * through the port's `readAll`, which stops below the oldest transaction in flight, so a leaf's
 * place never changes once written (docs/event-store.md); the tree therefore trails the head by
 * the in-flight transactions and one poll. Several writers may run: each batch names the size it
 * extends and the loser re-reads.
 */
export class AuditLogWriter {
  private stopped = false;
  private done?: Promise<void>;
  private wake?: () => void;
  private lastCheckpoint?: StoredCheckpoint | null;

  constructor(
    private readonly store: EventStore,
    private readonly log: PostgresAuditLog,
    private readonly options: AuditLogWriterOptions = {},
  ) {}

  /** Adds every event `readAll` shows now; returns how many were added. */
  async catchUp(): Promise<number> {
    let added = 0;
    for (;;) {
      const state = await this.log.state();
      const events = await this.store.readAll({ after: state.lastPosition, maxCount: this.options.batchSize ?? 1000 });
      if (events.length === 0) return added;
      try {
        await this.log.append(state.size, events);
        added += events.length;
      } catch (error) {
        if ((error as { code?: string }).code !== '40001') throw error;
      }
      await this.checkpointIfDue();
    }
  }

  /** Signs a checkpoint when N events or T seconds have passed since the last one. */
  async checkpointIfDue(): Promise<StoredCheckpoint | undefined> {
    const signer = this.options.signer;
    if (!signer) return undefined;
    this.lastCheckpoint ??= (await this.log.latestCheckpoint()) ?? null;
    const { size } = await this.log.state();
    const last = this.lastCheckpoint;
    const grown = size - (last?.treeSize ?? 0);
    if (grown <= 0) return undefined;
    const every = this.options.checkpointEvery ?? 1000;
    const seconds = this.options.checkpointSeconds ?? 60;
    const age = last ? ((this.options.now ?? Date.now)() - Date.parse(last.signedAt)) / 1000 : Infinity;
    if (grown < every && age < seconds) return undefined;
    const made = await this.log.checkpoint(signer);
    this.lastCheckpoint = made ?? (await this.log.latestCheckpoint()) ?? null;
    if (made) this.options.log?.(`audit log: checkpoint signed at tree size ${made.treeSize}`);
    return made;
  }

  start(): Promise<void> {
    this.done ??= this.loop();
    return Promise.resolve();
  }

  /** Waits, unless stopped meanwhile: a shutdown must not wait out a poll (Ctrl-C races PostgreSQL's exit hook). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        const added = await this.catchUp();
        await this.checkpointIfDue();
        if (added === 0) await this.pause(this.options.pollMs ?? 250);
      } catch (error) {
        if (this.stopped) return;
        this.options.log?.(`audit log: ${(error as Error).message}; retrying`);
        await this.pause(1000);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }
}

/** The writer's settings from the environment (docs/audit.md). */
export function writerSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<AuditLogWriterOptions, 'checkpointEvery' | 'checkpointSeconds'> {
  const positive = (name: string, fallback: number): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not ${value}`);
    return n;
  };
  return {
    checkpointEvery: positive('LEDGER_AUDIT_CHECKPOINT_EVENTS', 1000),
    checkpointSeconds: positive('LEDGER_AUDIT_CHECKPOINT_SECONDS', 60),
  };
}
