import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { educationQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { RankEnrollments } from './rank-enrollments.query';

@QueryHandler(RankEnrollments)
export class RankEnrollmentsHandler implements IQueryHandler<RankEnrollments> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: RankEnrollments) {
    return q.rankApplications(this.pool, filter);
  }
}
