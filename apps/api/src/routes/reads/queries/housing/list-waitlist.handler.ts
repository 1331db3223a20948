import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { housingQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListWaitlist } from './list-waitlist.query';

@QueryHandler(ListWaitlist)
export class ListWaitlistHandler implements IQueryHandler<ListWaitlist> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListWaitlist) {
    return q.listWaitlist(this.pool, filter);
  }
}
