import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface AuditStatistics {
  byRule: (CountRow & { source: string })[];
  byPack: CountRow[];
}

/** 统计监测 for auditors: decisions by rule and by policy pack. */
export class GetAuditStatistics extends Query<AuditStatistics> {
  constructor() {
    super();
  }
}
