import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { publicSecurityQueries as q } from '@ledger/read-models';

/** 公安局: the counter's 签注 work list, windows open on a day, soonest due first. */
export class ListEndorsementsDue extends Query<Page<q.PermitRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listEndorsementsDue>[1]>) {
    super();
  }
}
