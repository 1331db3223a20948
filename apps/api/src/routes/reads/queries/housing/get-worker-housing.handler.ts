import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { housingQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetWorkerHousing } from './get-worker-housing.query';

@QueryHandler(GetWorkerHousing)
export class GetWorkerHousingHandler implements IQueryHandler<GetWorkerHousing> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ workerId }: GetWorkerHousing) {
    return { workerId, ...(await q.getHousing(this.pool, { workerId })) };
  }
}
