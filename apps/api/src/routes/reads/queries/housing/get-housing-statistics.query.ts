import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface HousingStatistics {
  on: string;
  waitlist: number;
  applicationsByStatus: CountRow[];
  tenancies: number;
  homes: CountRow[];
}

/** 统计监测 for 住建局: waitlist length, rental applications by status, tenancies on a day, homes by kind. */
export class GetHousingStatistics extends Query<HousingStatistics> {
  constructor(readonly on: string) {
    super();
  }
}
