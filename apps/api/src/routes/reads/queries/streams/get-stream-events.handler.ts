import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { seesPersonalData } from '../../access';
import { toEventView } from '../../event-view';
import { GetStreamEvents, StreamEvents } from './get-stream-events.query';
import { streamHead } from './stream-head';

@QueryHandler(GetStreamEvents)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEvents> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamName, credential, fromRevision, limit }: GetStreamEvents): Promise<StreamEvents> {
    const revision = await streamHead(this.store, streamName, credential);
    const events = await this.store.readStream(streamName, { fromRevision, maxCount: limit });
    const last = events[events.length - 1];
    const seesPersonal = seesPersonalData(credential.department);
    return {
      streamName,
      revision,
      events: events.map((event) => toEventView(event, seesPersonal)),
      next: last && last.streamRevision < revision ? last.streamRevision + 1 : null,
    };
  }
}
