import { Query } from '@nestjs/cqrs';
import type { publicSecurityQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 公安局: permits by status and district, keyset-paged by worker id. */
export class ListPermits extends Query<ResultOf<typeof q.listPermits>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listPermits>[1]>) {
    super();
  }
}
