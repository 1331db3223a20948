import { Query } from '@nestjs/cqrs';
import type { auditQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export interface AuditStatistics {
  byRule: ResultOf<typeof q.countDecisionsByRule>;
  byPack: ResultOf<typeof q.countDecisionsByPack>;
}

/** 统计监测 for auditors: decisions by rule and by policy pack. */
export class GetAuditStatistics extends Query<AuditStatistics> {
  constructor() {
    super();
  }
}
