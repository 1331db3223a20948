import { Query } from '@nestjs/cqrs';
import type { healthQueries as q } from '@ledger/read-models';

export interface VaccinationCheck {
  verifiedOn: string;
  certificate: string;
  missingVaccines: string[];
  streamRevision: number;
}

export type ChildVaccinations = q.ChildHealthRow & { checks: VaccinationCheck[] };

/** 卫健委: a child's vaccination record and checks, or null. */
export class GetChildVaccinations extends Query<ChildVaccinations | null> {
  constructor(readonly childId: string) {
    super();
  }
}
