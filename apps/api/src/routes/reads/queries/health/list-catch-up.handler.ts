import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { healthQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListCatchUp } from './list-catch-up.query';

@QueryHandler(ListCatchUp)
export class ListCatchUpHandler implements IQueryHandler<ListCatchUp> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListCatchUp) {
    return q.listChildrenNeedingCatchUp(this.pool, filter);
  }
}
