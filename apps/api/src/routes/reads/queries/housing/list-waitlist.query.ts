import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { housingQueries as q } from '@ledger/read-models';

/** 住建局: the public-rental waitlist in order. */
export class ListWaitlist extends Query<Page<q.WaitlistRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listWaitlist>[1]>) {
    super();
  }
}
