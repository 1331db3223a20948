import { Query } from '@nestjs/cqrs';
import type { ReadCredential } from '../../access';
import type { FeedPage } from '../../feed.service';

/** Integration: the events after a global position that the credential may read (issue 6). */
export class GetFeedPage extends Query<FeedPage> {
  constructor(
    readonly credential: ReadCredential,
    readonly after: number,
    readonly limit: number,
    /** Hold a caught-up request this long for a visible event (long-poll); 0 answers at once. */
    readonly waitMs: number,
    /** Settles when the client goes away, ending a long-poll early. */
    readonly aborted?: Promise<void>,
  ) {
    super();
  }
}
