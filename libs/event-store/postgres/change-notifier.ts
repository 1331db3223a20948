import { Client, Pool } from 'pg';

export const NOTIFY_CHANNEL = 'event_store_appended';
/** The least time between two NOTIFYs of one store. */
const NOTIFY_INTERVAL_MS = 50;

/**
 * Wakes subscribers when events are appended: at once in this process, and through
 * LISTEN/NOTIFY in others. NOTIFY is sent after commit, from a separate statement, because a
 * NOTIFY inside the append transaction takes a cluster-wide lock at commit and would
 * serialise every writer; bursts coalesce into one NOTIFY.
 */
export class ChangeNotifier {
  private generation = 0;
  private waiters = new Set<() => void>();
  private listener?: Client;
  private listening?: Promise<void>;
  private notifyInFlight?: Promise<void>;
  private notifyPending = false;
  private notifyTimer?: NodeJS.Timeout;
  private lastNotifyAt = 0;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string | undefined,
  ) {}

  /** A token to pass to `wait`, taken before reading so no wake-up falls between. */
  current(): number {
    return this.generation;
  }

  /** Resolves when anything is appended after `since`, or after `timeoutMs`. */
  async wait(since: number, timeoutMs: number): Promise<void> {
    await this.listen();
    if (this.generation !== since || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Called after an append has committed. */
  published(): void {
    this.wake();
    if (this.notifyInFlight || this.notifyTimer) {
      this.notifyPending = true;
      return;
    }
    const wait = this.lastNotifyAt + NOTIFY_INTERVAL_MS - Date.now();
    if (wait > 0 && !this.closed) {
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = undefined;
        this.sendNotify();
      }, wait);
      return;
    }
    this.sendNotify();
  }

  /**
   * One NOTIFY at a time, and at most one per NOTIFY_INTERVAL_MS: under load every append would
   * otherwise cost a second transaction (issue 13: a third of the store's append rate). Other
   * processes hear of a burst at most that much later; this process is woken at once (wake).
   */
  private sendNotify(): void {
    const sentAt = Date.now();
    this.lastNotifyAt = sentAt;
    // A NOTIFY takes an xid, so its commit would wait for a WAL flush like an append's: it need
    // not (a lost wake-up costs a subscriber one fallback poll, never an event), so it commits
    // without waiting (a transaction-local setting, read at commit).
    this.notifyInFlight = this.pool
      .query(`SELECT set_config('synchronous_commit', 'off', true), pg_notify('${NOTIFY_CHANNEL}', '')`)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.notifyInFlight = undefined;
        if (!this.notifyPending) return;
        this.notifyPending = false;
        const wait = sentAt + NOTIFY_INTERVAL_MS - Date.now();
        if (wait <= 0 || this.closed) return this.sendNotify();
        this.notifyTimer = setTimeout(() => {
          this.notifyTimer = undefined;
          this.sendNotify();
        }, wait);
      });
  }

  async close(): Promise<void> {
    // A process that appends and exits (the CLI) must still tell the others: send what is owed.
    if (this.notifyTimer) {
      clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      this.sendNotify();
    }
    this.closed = true;
    while (this.notifyInFlight) await this.notifyInFlight;
    this.wake();
    // A listener still connecting ends itself once it sees `closed`; wait for it, or the
    // server may be stopped under it (issue 14: a FATAL line on Ctrl-C).
    await this.listening;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private wake(): void {
    this.generation++;
    for (const waiter of [...this.waiters]) waiter();
  }

  private listen(): Promise<void> {
    if (this.closed || !this.connectionString) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: 'event-store-listener' });
      client.on('notification', () => this.wake());
      client.on('error', () => {
        // Lost the listener: forget it so the next wait reconnects; subscribers still poll slowly.
        this.listener = undefined;
        this.listening = undefined;
        client.end().catch(() => undefined);
      });
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.listener = client;
    })().catch(() => {
      this.listening = undefined;
    });
    return this.listening;
  }
}
