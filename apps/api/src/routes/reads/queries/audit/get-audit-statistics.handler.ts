import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { auditQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetAuditStatistics } from './get-audit-statistics.query';

@QueryHandler(GetAuditStatistics)
export class GetAuditStatisticsHandler implements IQueryHandler<GetAuditStatistics> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute(_query: GetAuditStatistics) {
    const [byRule, byPack] = await Promise.all([q.countDecisionsByRule(this.pool), q.countDecisionsByPack(this.pool)]);
    return { byRule, byPack };
  }
}
