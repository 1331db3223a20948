import { Query } from '@nestjs/cqrs';
import type { pointsQueries as q } from '@ledger/read-models';

export type WorkerPoints = q.CurrentPointsRow & { adjustments: Record<string, unknown>[] };

/** 流动人口服务管理局: a worker's current points with the breakdown and adjustments, or null. */
export class GetWorkerPoints extends Query<WorkerPoints | null> {
  constructor(readonly workerId: string) {
    super();
  }
}
