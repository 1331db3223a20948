import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { hrssQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetWorkerInsurance } from './get-worker-insurance.query';

@QueryHandler(GetWorkerInsurance)
export class GetWorkerInsuranceHandler implements IQueryHandler<GetWorkerInsurance> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ workerId }: GetWorkerInsurance) {
    const [accounts, transfers] = await Promise.all([
      q.getAccounts(this.pool, { workerId }),
      q.getTransfers(this.pool, { workerId }),
    ]);
    return { workerId, accounts, transfers };
  }
}
