import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { pointsQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetPointsStatistics } from './get-points-statistics.query';

@QueryHandler(GetPointsStatistics)
export class GetPointsStatisticsHandler implements IQueryHandler<GetPointsStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ width, roundId }: GetPointsStatistics) {
    const [bands, byStatus] = await Promise.all([
      q.countPointsBands(this.pool, { width, roundId }),
      q.countPointsByStatus(this.pool),
    ]);
    return { bands, byStatus };
  }
}
