import { Query } from '@nestjs/cqrs';
import type { housingQueries as q } from '@ledger/read-models';

export interface WorkerHousing {
  workerId: string;
  applications: q.RentalApplicationRow[];
  tenancies: Record<string, unknown>[];
  homes: Record<string, unknown>[];
}

/** 住建局: a worker's rental applications, tenancies and homes. */
export class GetWorkerHousing extends Query<WorkerHousing> {
  constructor(readonly workerId: string) {
    super();
  }
}
