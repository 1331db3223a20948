import { DuplicateEventId, InvalidAppend, WrongExpectedVersion } from '../errors';
import type { EventStore, EventToAppend, RecordedEvent } from '../port';
import { actor, anEvent, aStream, seeded, sleep } from './fixtures';
import type { ContractHarness, HarnessFactory } from './harness';

async function streamLength(store: EventStore, stream: string): Promise<number> {
  return (await store.readStream(stream)).length;
}

async function rejects<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected ${type.name}, but the call succeeded`);
}

/** Collects `count` events from a live subscription, or fails after `timeoutMs`. */
async function collect(
  store: EventStore,
  after: number,
  count: number,
  timeoutMs: number,
): Promise<RecordedEvent[]> {
  const subscription = store.subscribeToAll({ after });
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length >= count) break;
  }
  clearTimeout(timer);
  await subscription.close();
  return seen;
}

/**
 * The one suite every adapter must pass (docs/architecture.md principles 2–4, 9, 10). An adapter's spec
 * calls this with a factory that gives a fresh, empty store.
 */
export function describeEventStoreContract(
  adapter: string,
  makeHarness: HarnessFactory,
  capabilities: { tamper: boolean },
): void {
  describe(`${adapter}: the event store contract`, () => {
    let h: ContractHarness;
    let store: EventStore;
    beforeAll(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterAll(async () => h?.dispose());

    describe('appending and reading a stream', () => {
      it('stores events with consecutive revisions, increasing positions and the store’s clock', async () => {
        const stream = aStream();
        const before = Date.now();
        const first = await store.appendToStream(stream, [anEvent('A'), anEvent('B')], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream, [anEvent('C')], { expectedRevision: 1 });
        expect(first).toMatchObject({ nextExpectedRevision: 1, replayed: false });
        expect(second.nextExpectedRevision).toBe(2);
        expect(second.position).toBeGreaterThan(first.position);
        const events = await store.readStream(stream);
        expect(events.map((e) => [e.type, e.streamRevision])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
        expect(events[1]!.globalPosition).toBe(first.position);
        expect(events[2]!.globalPosition).toBe(second.position);
        const recorded = Date.parse(events[0]!.recordedAt);
        expect(recorded).toBeGreaterThanOrEqual(before - 5_000);
        expect(recorded).toBeLessThanOrEqual(Date.now() + 5_000);
        expect(events[0]!.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      });

      it('keeps metadata: actor, correlation, causation and the effective date', async () => {
        const stream = aStream();
        const event = anEvent('AddressChanged');
        event.metadata = { actor, correlationId: 'corr-1', causationId: 'cause-1', effectiveOn: '2024-02-29' };
        await store.appendToStream(stream, [event], { expectedRevision: 'any' });
        const [stored] = await store.readStream(stream);
        expect(stored!.metadata).toEqual({ actor, correlationId: 'corr-1', causationId: 'cause-1', effectiveOn: '2024-02-29' });
        expect(stored!.schemaVersion).toBe(1);
      });

      it('defaults the correlation id to the event id when the writer gives none', async () => {
        const stream = aStream();
        const event = anEvent();
        await store.appendToStream(stream, [event], { expectedRevision: 'any' });
        const [stored] = await store.readStream(stream);
        expect(stored!.metadata.correlationId).toBe(event.eventId);
      });

      it('reads forwards from a revision, backwards from the end, and at most maxCount', async () => {
        const stream = aStream();
        await store.appendToStream(stream, ['A', 'B', 'C', 'D'].map((t) => anEvent(t)), { expectedRevision: 'no_stream' });
        expect((await store.readStream(stream, { fromRevision: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
        expect((await store.readStream(stream, { direction: 'backwards', maxCount: 2 })).map((e) => e.type)).toEqual(['D', 'C']);
        expect((await store.readStream(stream, { direction: 'backwards', fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'A']);
        expect(await store.readStream(aStream())).toEqual([]);
      });

      it('chains each event to the hash of the one before it', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const events = await store.readStream(stream);
        expect(events[0]!.prevHash).toBeNull();
        expect(events[1]!.prevHash).toBe(events[0]!.hash);
        expect(events[2]!.prevHash).toBe(events[1]!.hash);
        expect(new Set(events.map((e) => e.hash)).size).toBe(3);
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true, eventsChecked: 3 });
      });
    });

    describe('optimistic concurrency', () => {
      it('refuses no_stream when the stream exists', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const error = await rejects(store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' }), WrongExpectedVersion);
        expect(error).toMatchObject({ streamName: stream, expected: 'no_stream', actual: 0 });
      });

      it('refuses stream_exists when the stream does not exist', async () => {
        const error = await rejects(
          store.appendToStream(aStream(), [anEvent()], { expectedRevision: 'stream_exists' }),
          WrongExpectedVersion,
        );
        expect(error.actual).toBe('no_stream');
      });

      it('refuses a stale revision, carrying expected and actual', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const error = await rejects(store.appendToStream(stream, [anEvent()], { expectedRevision: 0 }), WrongExpectedVersion);
        expect(error).toMatchObject({ expected: 0, actual: 1 });
        expect(await streamLength(store, stream)).toBe(2);
      });

      it('appends at any revision with "any", and at the head with "stream_exists"', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('lets exactly one of 50 concurrent appenders at the same revision win', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => store.appendToStream(stream, [anEvent('Racer', { i })], { expectedRevision: 0 })),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedVersion);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.streamRevision)).toEqual([0, 1]);
      });

      it('serialises 20 concurrent "any" appenders into one unbroken chain', async () => {
        const stream = aStream();
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.appendToStream(stream, [anEvent('Any', { i })], { expectedRevision: 'any' })),
        );
        const events = await store.readStream(stream);
        expect(events.map((e) => e.streamRevision)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(await store.verifyStream(stream)).toMatchObject({ ok: true });
      });

      it('writes a batch all or nothing', async () => {
        const stream = aStream();
        const taken = anEvent();
        await store.appendToStream(aStream(), [taken], { expectedRevision: 'no_stream' });
        await rejects(
          store.appendToStream(stream, [anEvent(), anEvent(), { ...taken, data: { other: true } }], { expectedRevision: 'no_stream' }),
          DuplicateEventId,
        );
        expect(await streamLength(store, stream)).toBe(0);
      });
    });

    describe('idempotency', () => {
      it('answers a retried append with the first result and writes nothing', async () => {
        const stream = aStream();
        const events = [anEvent('A'), anEvent('B')];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual({ ...first, replayed: true });
        expect(await streamLength(store, stream)).toBe(2);
      });

      it('recognises a retry even after the stream has moved on', async () => {
        const stream = aStream();
        const events = [anEvent('A')];
        const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, [anEvent('B')], { expectedRevision: 0 });
        const retry = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
        expect(retry).toEqual({ ...first, replayed: true });
        expect(await streamLength(store, stream)).toBe(2);
      });

      it('refuses the same id with other content', async () => {
        const stream = aStream();
        const event = anEvent('A', { amount: 1 });
        await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
        const error = await rejects(
          store.appendToStream(stream, [{ ...event, data: { amount: 2 } }], { expectedRevision: 'no_stream' }),
          DuplicateEventId,
        );
        expect(error.message).toContain(event.eventId);
        expect(await streamLength(store, stream)).toBe(1);
      });

      it('refuses the same id in another stream', async () => {
        const event = anEvent();
        await store.appendToStream(aStream(), [event], { expectedRevision: 'no_stream' });
        const other = aStream();
        await rejects(store.appendToStream(other, [event], { expectedRevision: 'any' }), DuplicateEventId);
        expect(await streamLength(store, other)).toBe(0);
      });

      it('refuses the same id at another revision of the same stream', async () => {
        const stream = aStream();
        const event = anEvent();
        await store.appendToStream(stream, [anEvent(), event], { expectedRevision: 'no_stream' });
        await rejects(store.appendToStream(stream, [event], { expectedRevision: 'no_stream' }), DuplicateEventId);
      });
    });

    describe('bad input gets a typed error and appends nothing', () => {
      const cases: [string, () => [string, EventToAppend<unknown>[], unknown]][] = [
        ['an empty stream name', () => ['', [anEvent()], 'any']],
        ['an over-long stream name', () => [`s-${'x'.repeat(300)}`, [anEvent()], 'any']],
        ['a stream name with spaces', () => ['worker 1', [anEvent()], 'any']],
        ['a non-UUID event id', () => [aStream(), [{ ...anEvent(), eventId: 'not-a-uuid' }], 'any']],
        ['data that is a string, not an object', () => [aStream(), [{ ...anEvent(), data: 'text' }], 'any']],
        ['data holding a function', () => [aStream(), [{ ...anEvent(), data: { f: () => 1 } }], 'any']],
        ['data holding NaN', () => [aStream(), [{ ...anEvent(), data: { n: Number.NaN } }], 'any']],
        ['data holding a BigInt', () => [aStream(), [{ ...anEvent(), data: { n: 1n } }], 'any']],
        ['data holding a Date object', () => [aStream(), [{ ...anEvent(), data: { d: new Date() } }], 'any']],
        ['data holding \\u0000', () => [aStream(), [{ ...anEvent(), data: { s: 'a\u0000b' } }], 'any']],
        ['circular data', () => {
          const data: Record<string, unknown> = {};
          data.self = data;
          return [aStream(), [{ ...anEvent(), data }], 'any'];
        }],
        ['an event over 1 MiB', () => [aStream(), [{ ...anEvent(), data: { blob: 'x'.repeat(1024 * 1024) } }], 'any']],
        ['an unknown expectedRevision', () => [aStream(), [anEvent()], 'latest']],
        ['a negative expectedRevision', () => [aStream(), [anEvent()], -1]],
        ['a fractional expectedRevision', () => [aStream(), [anEvent()], 1.5]],
        ['no events', () => [aStream(), [], 'any']],
        ['metadata without an actor', () => [aStream(), [{ ...anEvent(), metadata: {} as never }], 'any']],
        ['an effectiveOn that is no calendar date', () => [aStream(), [{ ...anEvent(), metadata: { actor, effectiveOn: '2023-02-29' } }], 'any']],
        ['the same event id twice in one batch', () => {
          const e = anEvent();
          return [aStream(), [e, e], 'any'];
        }],
      ];
      it.each(cases)('rejects %s', async (_name, make) => {
        const [stream, events, expected] = make();
        const headBefore = await store.headPosition();
        await rejects(store.appendToStream(stream, events, { expectedRevision: expected as never }), InvalidAppend);
        if (stream.length > 0 && stream.length <= 200 && !stream.includes(' ')) {
          expect(await streamLength(store, stream)).toBe(0);
        }
        expect(await store.headPosition()).toBe(headBefore);
      });

      it('rejects a bad event in the middle of a batch and stores none of the batch', async () => {
        const stream = aStream();
        await rejects(
          store.appendToStream(stream, [anEvent(), { ...anEvent(), eventId: 'nope' }, anEvent()], { expectedRevision: 'any' }),
          InvalidAppend,
        );
        expect(await streamLength(store, stream)).toBe(0);
      });
    });
  });

  describe(`${adapter}: the global order`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => h?.dispose());

    it('reads all events in increasing position, after a position, a page at a time', async () => {
      const start = await h.store.headPosition();
      const streams = [aStream(), aStream()];
      for (let i = 0; i < 6; i++) {
        await h.store.appendToStream(streams[i % 2]!, [anEvent('E', { i })], { expectedRevision: 'any' });
      }
      const all = await h.store.readAll({ after: start });
      expect(all.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5]);
      const page = await h.store.readAll({ after: all[1]!.globalPosition, maxCount: 2 });
      expect(page.map((e) => e.data.i)).toEqual([2, 3]);
      expect(await h.store.headPosition()).toBe(all[5]!.globalPosition);
      expect(await h.store.countAfter(start, 100)).toBe(6);
      expect(await h.store.countAfter(start, 4)).toBe(4);
      expect(await h.store.countAfter(all[5]!.globalPosition, 100)).toBe(0);
      // The verifier's lean read, where the adapter has one: the same events, places and hashes.
      if (h.store.readAllPlaces) {
        const places = await h.store.readAllPlaces({ after: all[1]!.globalPosition, maxCount: 3 });
        expect(places).toEqual(
          all.slice(2, 5).map((e) => ({
            eventId: e.eventId,
            streamName: e.streamName,
            streamRevision: e.streamRevision,
            globalPosition: e.globalPosition,
            hash: Buffer.from(e.hash, 'hex'),
          })),
        );
      }
    });

    it('resumes a subscription from its checkpoint with the next event, none lost or doubled', async () => {
      const start = await h.store.headPosition();
      const stream = aStream();
      await h.store.appendToStream(stream, Array.from({ length: 10 }, (_, i) => anEvent('E', { i })), { expectedRevision: 'no_stream' });
      const firstPart = await collect(h.store, start, 4, 10_000);
      const checkpoint = firstPart[3]!.globalPosition;
      await h.store.appendToStream(stream, Array.from({ length: 5 }, (_, i) => anEvent('E', { i: 10 + i })), { expectedRevision: 9 });
      const rest = await collect(h.store, checkpoint, 11, 10_000);
      expect([...firstPart, ...rest].map((e) => e.data.i)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    });

    it('wakes a caught-up subscriber when an event is appended', async () => {
      const start = await h.store.headPosition();
      const waiting = collect(h.store, start, 1, 10_000);
      await sleep(200);
      const event = anEvent('Late');
      await h.store.appendToStream(aStream(), [event], { expectedRevision: 'no_stream' });
      const [received] = await waiting;
      expect(received?.eventId).toBe(event.eventId);
    });

    // docs/architecture.md principle 4. Writers hold their transactions open for random times before and
    // after appending, so transactions commit in another order than they took positions; a
    // subscriber that handed out a position while an older transaction was still in flight
    // would skip or reorder an event here.
    it.each([1, 2, 3])(
      'delivers every event of 8 concurrent writers × 1,000 exactly once, in increasing position (round %i)',
      async (round) => {
        const writers = 8;
        const perWriter = 1_000;
        const start = await h.store.headPosition();
        const expected = new Set<string>();
        const received = collect(h.store, start, writers * perWriter, 120_000);
        const shared = aStream('shared');
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const random = seeded(round * 100 + w);
            const own = aStream(`writer${w}`);
            for (let i = 0; i < perWriter; i++) {
              const event = anEvent('Tick', { w, i });
              expected.add(event.eventId);
              const delay = { before: random() < 0.3 ? Math.floor(random() * 3) : 0, after: Math.floor(random() * 3) };
              await h.appendHoldingTransaction(random() < 0.2 ? shared : own, [event], 'any', delay);
            }
          }),
        );
        const events = await received;
        const ids = events.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length); // exactly once
        expect(ids.filter((id) => !expected.has(id))).toEqual([]);
        expect(ids.length).toBe(writers * perWriter); // none skipped
        for (let i = 1; i < events.length; i++) {
          if (events[i]!.globalPosition <= events[i - 1]!.globalPosition) {
            throw new Error(`position ${events[i]!.globalPosition} after ${events[i - 1]!.globalPosition}`);
          }
        }
        // within a stream, the global order is the revision order
        const lastRevision = new Map<string, number>();
        for (const e of events) {
          expect(e.streamRevision).toBe((lastRevision.get(e.streamName) ?? -1) + 1);
          lastRevision.set(e.streamName, e.streamRevision);
        }
      },
      180_000,
    );
  });

  describe(`${adapter}: tamper evidence`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await makeHarness();
    });
    afterAll(async () => h?.dispose());

    async function chainOf(length: number): Promise<string> {
      const stream = aStream('chain');
      await h.store.appendToStream(stream, Array.from({ length }, (_, i) => anEvent('E', { i })), { expectedRevision: 'no_stream' });
      return stream;
    }

    it('verifies untouched streams', async () => {
      await chainOf(3);
      expect(await h.store.verifyAll()).toMatchObject({ ok: true });
    });

    // EventStoreDB's log cannot be edited in place, so only adapters with direct access run these.
    const tamperIt = (name: string, fn: (t: NonNullable<ContractHarness['tamper']>) => Promise<void>) => {
      if (capabilities.tamper) it(name, async () => fn(h.tamper!));
    };

    tamperIt('names the stream and revision whose data was altered', async (t) => {
      const stream = await chainOf(5);
      await t.alterData(stream, 2);
      expect(await h.store.verifyStream(stream)).toMatchObject({
        ok: false,
        firstBreak: { streamName: stream, revision: 2, reason: expect.stringContaining('hash') },
      });
    });

    tamperIt('names the first missing revision when an event is deleted', async (t) => {
      const stream = await chainOf(5);
      await t.deleteEvent(stream, 1);
      expect((await h.store.verifyStream(stream)).firstBreak).toMatchObject({ streamName: stream, revision: 1 });
    });

    tamperIt('notices a deleted last event', async (t) => {
      const stream = await chainOf(3);
      await t.deleteEvent(stream, 2);
      expect((await h.store.verifyStream(stream)).firstBreak).toMatchObject({ streamName: stream, revision: 2 });
    });

    tamperIt('names the first reordered revision', async (t) => {
      const stream = await chainOf(5);
      await t.swapRevisions(stream, 3, 4);
      expect((await h.store.verifyStream(stream)).firstBreak).toMatchObject({ streamName: stream, revision: 3 });
    });

    tamperIt('reports the first break across the whole store', async (t) => {
      const stream = await chainOf(4);
      await t.alterData(stream, 3);
      const report = await h.store.verifyAll();
      expect(report.ok).toBe(false);
      expect(report.firstBreak?.streamName).toMatch(/^chain-/);
    });
  });
}

