import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { hrssQueries as q } from '@ledger/read-models';

/** 人社局: social-insurance transfers in flight, with their deadlines. */
export class ListTransfersInFlight extends Query<Page<q.TransferRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listTransfersInFlight>[1]>) {
    super();
  }
}
