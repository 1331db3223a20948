import { Query } from '@nestjs/cqrs';
import type { pointsQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export type WorkerPoints = NonNullable<ResultOf<typeof q.getPoints>> & {
  adjustments: ResultOf<typeof q.getAdjustments>;
};

/** 流动人口服务管理局: a worker's current points with the breakdown and adjustments, or null. */
export class GetWorkerPoints extends Query<WorkerPoints | null> {
  constructor(readonly workerId: string) {
    super();
  }
}
