import { Query } from '@nestjs/cqrs';
import type { educationQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** 教育局: enrolment applications by district and school year. */
export class ListEnrollments extends Query<ResultOf<typeof q.listApplications>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listApplications>[1]>) {
    super();
  }
}
