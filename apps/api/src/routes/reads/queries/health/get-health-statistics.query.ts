import { Query } from '@nestjs/cqrs';
import type { CountRow, healthQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export interface HealthStatistics {
  byCertificate: CountRow[];
  coverage: ResultOf<typeof q.coverage>;
}

/** 统计监测 for 卫健委: children by certificate, and coverage on a day. */
export class GetHealthStatistics extends Query<HealthStatistics> {
  constructor(readonly on?: string) {
    super();
  }
}
