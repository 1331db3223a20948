import { Query } from '@nestjs/cqrs';
import type { hrssQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export interface WorkerInsurance {
  workerId: string;
  accounts: ResultOf<typeof q.getAccounts>;
  transfers: ResultOf<typeof q.getTransfers>;
}

/** 人社局: a worker's insurance accounts and every transfer, finished or not. */
export class GetWorkerInsurance extends Query<WorkerInsurance> {
  constructor(readonly workerId: string) {
    super();
  }
}
