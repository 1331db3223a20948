import { Query } from '@nestjs/cqrs';
import type { educationQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export type ChildSchooling = NonNullable<ResultOf<typeof q.getChild>>;

/** 教育局: a child with its parents, applications, offers, enrolments and exam eligibility, or null. */
export class GetChildSchooling extends Query<ChildSchooling | null> {
  constructor(readonly childId: string) {
    super();
  }
}
