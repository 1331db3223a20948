import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { hrssQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetHrssStatistics } from './get-hrss-statistics.query';

@QueryHandler(GetHrssStatistics)
export class GetHrssStatisticsHandler implements IQueryHandler<GetHrssStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ on }: GetHrssStatistics) {
    const [transfers, transfersByStatus, openUnemployment, subsidies] = await Promise.all([
      q.countTransfers(this.pool, { on }),
      q.countTransfersByStatus(this.pool),
      q.countOpenUnemployment(this.pool),
      q.sumSubsidiesByKind(this.pool),
    ]);
    return { on, transfers, transfersByStatus, openUnemployment, subsidies };
  }
}
