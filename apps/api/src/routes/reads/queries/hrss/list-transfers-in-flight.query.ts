import { Query } from '@nestjs/cqrs';
import type { hrssQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 人社局: social-insurance transfers in flight, with their deadlines. */
export class ListTransfersInFlight extends Query<ResultOf<typeof q.listTransfersInFlight>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listTransfersInFlight>[1]>) {
    super();
  }
}
