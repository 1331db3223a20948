import { Query } from '@nestjs/cqrs';
import type { hrssQueries as q } from '@ledger/read-models';

export interface WorkerInsurance {
  workerId: string;
  accounts: q.AccountRow[];
  transfers: q.TransferRow[];
}

/** 人社局: a worker's insurance accounts and every transfer, finished or not. */
export class GetWorkerInsurance extends Query<WorkerInsurance> {
  constructor(readonly workerId: string) {
    super();
  }
}
