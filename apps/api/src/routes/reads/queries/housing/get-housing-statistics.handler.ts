import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { housingQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetHousingStatistics } from './get-housing-statistics.query';

@QueryHandler(GetHousingStatistics)
export class GetHousingStatisticsHandler implements IQueryHandler<GetHousingStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ on }: GetHousingStatistics) {
    const [waitlist, applicationsByStatus, tenanciesAndHomes] = await Promise.all([
      q.countWaitlist(this.pool),
      q.countRentalApplicationsByStatus(this.pool),
      q.countTenanciesAndHomes(this.pool, { on }),
    ]);
    return { on, waitlist, applicationsByStatus, ...tenanciesAndHomes };
  }
}
