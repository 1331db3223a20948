import { Query } from '@nestjs/cqrs';
import type { educationQueries as q } from '@ledger/read-models';

export interface ChildSchooling {
  child: Record<string, unknown>;
  applications: q.EnrollmentApplicationRow[];
  offers: Record<string, unknown>[];
  enrolments: Record<string, unknown>[];
  exams: Record<string, unknown>[];
}

/** 教育局: a child with its parents, applications, offers, enrolments and exam eligibility, or null. */
export class GetChildSchooling extends Query<ChildSchooling | null> {
  constructor(readonly childId: string) {
    super();
  }
}
