import { Query } from '@nestjs/cqrs';
import type { publicSecurityQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 公安局: the counter's 签注 work list, windows open on a day, soonest due first. */
export class ListEndorsementsDue extends Query<ResultOf<typeof q.listEndorsementsDue>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listEndorsementsDue>[1]>) {
    super();
  }
}
