import type { RecordedEvent, Subscription } from './port';
import { StopSignal } from './stop-signal';

/** What a subscription needs from its store. */
export interface SubscriptionSource {
  after: number;
  batchSize: number;
  read(after: number, maxCount: number): Promise<RecordedEvent[]>;
  /** True when committed events wait behind an in-flight transaction. */
  blockedAfter(position: number): Promise<boolean>;
  notifier: { current(): number; wait(since: number, timeoutMs: number): Promise<void> };
}

/** While caught up, wake on a notification; this long fallback only covers a lost listener. */
const IDLE_FALLBACK_MS = 2_000;
/** While an older transaction is still in flight, look again soon: it may end without appending. */
const BLOCKED_RETRY_MS = 15;

/**
 * Pull-based: a page is read only when the consumer has taken the previous one, so a slow
 * consumer holds back reading (backpressure) and memory stays at one page.
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private readonly closing = new StopSignal();

  constructor(private readonly source: SubscriptionSource) {}

  async close(): Promise<void> {
    this.closed = true;
    this.closing.stop();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let after = this.source.after;
    while (!this.closed) {
      const token = this.source.notifier.current();
      const page = await this.source.read(after, this.source.batchSize);
      for (const event of page) {
        if (this.closed) return;
        yield event;
        after = event.globalPosition;
      }
      if (page.length === this.source.batchSize) continue;
      const blocked = await this.source.blockedAfter(after);
      await this.closing.race(this.source.notifier.wait(token, blocked ? BLOCKED_RETRY_MS : IDLE_FALLBACK_MS), undefined);
    }
  }
}
