import { Query } from '@nestjs/cqrs';
import type { housingQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 住建局: the public-rental waitlist in order. */
export class ListWaitlist extends Query<ResultOf<typeof q.listWaitlist>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listWaitlist>[1]>) {
    super();
  }
}
