import { Query } from '@nestjs/cqrs';
import type { ReadCredential } from '../../access';
import type { EventView } from '../../event-view';

export interface StreamEvents {
  streamName: string;
  /** The stream's head revision (the ETag). */
  revision: number;
  events: EventView[];
  /** The following page's fromRevision, null on the last page. */
  next: number | null;
}

/** Auditors: a stream's events in revision order, with both clocks, causation and hashes. */
export class GetStreamEvents extends Query<StreamEvents> {
  constructor(
    readonly streamName: string,
    readonly credential: ReadCredential,
    readonly fromRevision: number,
    readonly limit: number,
  ) {
    super();
  }
}
