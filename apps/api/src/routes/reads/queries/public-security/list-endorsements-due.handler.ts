import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { publicSecurityQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListEndorsementsDue } from './list-endorsements-due.query';

@QueryHandler(ListEndorsementsDue)
export class ListEndorsementsDueHandler implements IQueryHandler<ListEndorsementsDue> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListEndorsementsDue) {
    return q.listEndorsementsDue(this.pool, filter);
  }
}
