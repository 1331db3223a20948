import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { healthQueries as q } from '@ledger/read-models';

/** 卫健委: children whose vaccination needs a catch-up. */
export class ListCatchUp extends Query<Page<q.ChildHealthRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listChildrenNeedingCatchUp>[1]>) {
    super();
  }
}
