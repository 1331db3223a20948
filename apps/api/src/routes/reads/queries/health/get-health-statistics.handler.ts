import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { healthQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetHealthStatistics } from './get-health-statistics.query';

@QueryHandler(GetHealthStatistics)
export class GetHealthStatisticsHandler implements IQueryHandler<GetHealthStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ on }: GetHealthStatistics) {
    const [byCertificate, coverage] = await Promise.all([
      q.countByCertificate(this.pool),
      q.coverage(this.pool, { on }),
    ]);
    return { byCertificate, coverage };
  }
}
