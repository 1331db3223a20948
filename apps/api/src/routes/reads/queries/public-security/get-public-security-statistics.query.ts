import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface PublicSecurityStatistics {
  on: string;
  byStatus: CountRow[];
  byDistrict: CountRow[];
}

/** 统计监测 for 公安局: workers by permit status (overdue counted on a day) and by district. */
export class GetPublicSecurityStatistics extends Query<PublicSecurityStatistics> {
  constructor(
    readonly on: string,
    readonly district?: string,
  ) {
    super();
  }
}
