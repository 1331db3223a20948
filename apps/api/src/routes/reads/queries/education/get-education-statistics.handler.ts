import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { educationQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetEducationStatistics } from './get-education-statistics.query';

@QueryHandler(GetEducationStatistics)
export class GetEducationStatisticsHandler implements IQueryHandler<GetEducationStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ schoolYear }: GetEducationStatistics) {
    const [enrolmentsByDistrict, applicationsByStatus] = await Promise.all([
      q.countEnrolmentsByDistrict(this.pool, { schoolYear }),
      schoolYear === undefined ? Promise.resolve(null) : q.countApplicationsByStatus(this.pool, { schoolYear }),
    ]);
    return { schoolYear: schoolYear ?? null, enrolmentsByDistrict, applicationsByStatus };
  }
}
