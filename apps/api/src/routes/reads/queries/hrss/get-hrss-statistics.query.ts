import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface HrssStatistics {
  on: string;
  transfers: { inFlight: number; overdue: number };
  transfersByStatus: CountRow[];
  openUnemployment: number;
  subsidies: { kind: string; count: number; amountFen: number }[];
}

/** 统计监测 for 人社局: transfers in flight and overdue on a day, by status, open unemployment registrations, subsidies. */
export class GetHrssStatistics extends Query<HrssStatistics> {
  constructor(readonly on: string) {
    super();
  }
}
