import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { educationQueries as q } from '@ledger/read-models';

/** 教育局: enrolment applications by district and school year. */
export class ListEnrollments extends Query<Page<q.EnrollmentApplicationRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.listApplications>[1]>) {
    super();
  }
}
