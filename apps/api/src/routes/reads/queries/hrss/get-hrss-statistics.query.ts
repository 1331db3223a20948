import { Query } from '@nestjs/cqrs';
import type { CountRow, hrssQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export interface HrssStatistics {
  on: string;
  transfers: ResultOf<typeof q.countTransfers>;
  transfersByStatus: CountRow[];
  openUnemployment: number;
  subsidies: ResultOf<typeof q.sumSubsidiesByKind>;
}

/** 统计监测 for 人社局: transfers in flight and overdue on a day, by status, open unemployment registrations, subsidies. */
export class GetHrssStatistics extends Query<HrssStatistics> {
  constructor(readonly on: string) {
    super();
  }
}
