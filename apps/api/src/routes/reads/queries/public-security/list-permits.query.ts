import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { publicSecurityQueries as q } from '@ledger/read-models';

/** 公安局: permits by status and district, keyset-paged by worker id. */
export class ListPermits extends Query<Page<q.PermitRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listPermits>[1]>) {
    super();
  }
}
