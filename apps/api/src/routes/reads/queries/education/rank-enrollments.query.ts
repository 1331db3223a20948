import { Query } from '@nestjs/cqrs';
import type { educationQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 教育局: enrolment applications of a district and school year, ranked. */
export class RankEnrollments extends Query<ResultOf<typeof q.rankApplications>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.rankApplications>[1]>) {
    super();
  }
}
