import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@ledger/event-store';
import { ALL_CATEGORIES, categoryOf, ReadCredential, readableBy, seesPersonalData } from './access';
import { EventView, toEventView } from './event-view';

/** One page of the feed: `next` is the position to resume after (the last one scanned, seen or not). */
export interface FeedPage {
  events: EventView[];
  next: number;
}

/** Invisible events are skipped this many pages at most per request, so a request stays bounded. */
const MAX_SCANS = 10;

/** What a caller sees of the global order: its categories only, personal fields masked. */
export class FeedFilter {
  private readonly readable: Set<string>;
  private readonly seesPersonal: boolean;

  constructor(credential: ReadCredential) {
    this.readable = readableBy(credential);
    this.seesPersonal = seesPersonalData(credential.department);
  }

  get seesEverything(): boolean {
    return ALL_CATEGORIES.every((c) => this.readable.has(c));
  }

  view(event: RecordedEvent): EventView | undefined {
    const category = categoryOf(event.streamName);
    return category && this.readable.has(category) ? toEventView(event, this.seesPersonal) : undefined;
  }
}

/**
 * The integration feed over the store's gap-free global order (principle 4): pages by
 * position, a long-poll that sleeps on the store's subscription until something arrives, and
 * open subscriptions closed on shutdown.
 */
@Injectable()
export class FeedService implements OnModuleDestroy {
  private readonly open = new Set<Subscription>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The next page after `after`; with `waitMs`, waits for a visible event when caught up. */
  async page(filter: FeedFilter, after: number, limit: number, waitMs = 0, aborted?: Promise<void>): Promise<FeedPage> {
    let scanned = after;
    let caughtUp = false;
    for (let scan = 0; scan < MAX_SCANS && !caughtUp; scan++) {
      const batch = await this.store.readAll({ after: scanned, maxCount: limit });
      const events = this.visible(filter, batch, limit);
      if (events.length > 0) return { events, next: events[events.length - 1]!.globalPosition };
      if (batch.length > 0) scanned = batch[batch.length - 1]!.globalPosition;
      caughtUp = batch.length < limit;
    }
    // Not caught up (pages of events this caller may not see): answer now, the client goes on from `next`.
    if (waitMs <= 0 || !caughtUp) return { events: [], next: scanned };
    const first = await this.waitForVisible(filter, scanned, limit, waitMs, aborted);
    if (!first.event) return { events: [], next: first.scanned };
    const rest = limit > 1 ? await this.store.readAll({ after: first.event.globalPosition, maxCount: limit - 1 }) : [];
    const events = this.visible(filter, [first.event, ...rest], limit);
    return { events, next: events[events.length - 1]!.globalPosition };
  }

  /** A live subscription, tracked so shutdown can end it; the caller closes it when done. */
  subscribe(after: number, batchSize = 100): Subscription {
    const subscription = this.store.subscribeToAll({ after, batchSize });
    this.open.add(subscription);
    const close = subscription.close.bind(subscription);
    subscription.close = async () => {
      this.open.delete(subscription);
      await close();
    };
    return subscription;
  }

  /** Before the HTTP server closes (which waits for open connections): ends every SSE and long-poll. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.close()));
  }

  private visible(filter: FeedFilter, batch: RecordedEvent[], limit: number): EventView[] {
    const out: EventView[] = [];
    for (const event of batch) {
      const view = filter.view(event);
      if (view) out.push(view);
      if (out.length === limit) break;
    }
    return out;
  }

  /**
   * Sleeps on the store's subscription (woken by its append notifications, never a busy
   * loop) until a visible event arrives, the time is up, or the client goes away.
   */
  private async waitForVisible(
    filter: FeedFilter,
    after: number,
    batchSize: number,
    waitMs: number,
    aborted?: Promise<void>,
  ): Promise<{ event?: RecordedEvent; scanned: number }> {
    const subscription = this.subscribe(after, batchSize);
    const iterator = subscription[Symbol.asyncIterator]();
    let scanned = after;
    let timer: NodeJS.Timeout | undefined;
    const stop = new Promise<'stop'>((resolve) => {
      timer = setTimeout(() => resolve('stop'), waitMs);
      void aborted?.then(() => resolve('stop'));
    });
    try {
      for (;;) {
        const next = await Promise.race([iterator.next(), stop]);
        if (next === 'stop' || next.done) return { scanned };
        scanned = next.value.globalPosition;
        if (filter.view(next.value)) return { event: next.value, scanned };
      }
    } finally {
      clearTimeout(timer);
      await subscription.close();
      // Let a pending pull end now that the subscription is closed, so it holds no connection.
      void iterator.return?.(undefined);
    }
  }
}
