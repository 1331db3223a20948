import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { streamHead } from './stream-head';
import { StreamVerification, VerifyStream } from './verify-stream.query';

@QueryHandler(VerifyStream)
export class VerifyStreamHandler implements IQueryHandler<VerifyStream> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ streamName, credential }: VerifyStream): Promise<StreamVerification> {
    const revision = await streamHead(this.store, streamName, credential);
    const report = await this.store.verifyStream(streamName);
    return {
      streamName,
      revision,
      ok: report.ok,
      eventsChecked: report.eventsChecked,
      ...(report.firstBreak ? { firstBreak: report.firstBreak } : {}),
    };
  }
}
