import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface EducationStatistics {
  schoolYear: number | null;
  enrolmentsByDistrict: CountRow[];
  /** Only for one school year. */
  applicationsByStatus: CountRow[] | null;
}

/** 统计监测 for 教育局: enrolments by district and, for one school year, applications by status. */
export class GetEducationStatistics extends Query<EducationStatistics> {
  constructor(readonly schoolYear?: number) {
    super();
  }
}
