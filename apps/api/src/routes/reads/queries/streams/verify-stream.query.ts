import { Query } from '@nestjs/cqrs';
import type { ReadCredential } from '../../access';

export interface StreamVerification {
  streamName: string;
  revision: number;
  ok: boolean;
  eventsChecked: number;
  /** The first event whose hash does not hold, when one does not. */
  firstBreak?: { streamName: string; revision: number; reason: string };
}

/** Auditors: checks a stream's hash chain and reports the first break (principle 10). */
export class VerifyStream extends Query<StreamVerification> {
  constructor(
    readonly streamName: string,
    readonly credential: ReadCredential,
  ) {
    super();
  }
}
