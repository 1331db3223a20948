import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { educationQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListEnrollments } from './list-enrollments.query';

@QueryHandler(ListEnrollments)
export class ListEnrollmentsHandler implements IQueryHandler<ListEnrollments> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListEnrollments) {
    return q.listApplications(this.pool, filter);
  }
}
