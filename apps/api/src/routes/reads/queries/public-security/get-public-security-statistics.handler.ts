import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { publicSecurityQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetPublicSecurityStatistics, PublicSecurityStatistics } from './get-public-security-statistics.query';

@QueryHandler(GetPublicSecurityStatistics)
export class GetPublicSecurityStatisticsHandler implements IQueryHandler<GetPublicSecurityStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ on, district }: GetPublicSecurityStatistics): Promise<PublicSecurityStatistics> {
    const [byStatus, byDistrict] = await Promise.all([
      q.countPermitsByStatus(this.pool, { on, district }),
      q.countPermitsByDistrict(this.pool),
    ]);
    return { on, byStatus, byDistrict };
  }
}
