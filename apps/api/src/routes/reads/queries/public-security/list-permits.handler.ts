import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { publicSecurityQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListPermits } from './list-permits.query';

@QueryHandler(ListPermits)
export class ListPermitsHandler implements IQueryHandler<ListPermits> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListPermits) {
    return q.listPermits(this.pool, filter);
  }
}
