import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { educationQueries as q } from '@ledger/read-models';

/** 教育局: enrolment applications of a district and school year, ranked. */
export class RankEnrollments extends Query<Page<q.RankedApplicationRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.rankApplications>[1]>) {
    super();
  }
}
