import { Query } from '@nestjs/cqrs';
import type { healthQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 卫健委: children whose vaccination needs a catch-up. */
export class ListCatchUp extends Query<ResultOf<typeof q.listChildrenNeedingCatchUp>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listChildrenNeedingCatchUp>[1]>) {
    super();
  }
}
