import { Query } from '@nestjs/cqrs';
import type { healthQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export type ChildVaccinations = NonNullable<ResultOf<typeof q.getChildHealth>> & {
  checks: ResultOf<typeof q.getVaccinationChecks>;
};

/** 卫健委: a child's vaccination record and checks, or null. */
export class GetChildVaccinations extends Query<ChildVaccinations | null> {
  constructor(readonly childId: string) {
    super();
  }
}
