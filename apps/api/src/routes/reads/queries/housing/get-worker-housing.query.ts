import { Query } from '@nestjs/cqrs';
import type { housingQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export type WorkerHousing = { workerId: string } & ResultOf<typeof q.getHousing>;

/** 住建局: a worker's rental applications, tenancies and homes. */
export class GetWorkerHousing extends Query<WorkerHousing> {
  constructor(readonly workerId: string) {
    super();
  }
}
