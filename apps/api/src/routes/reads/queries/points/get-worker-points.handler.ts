import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { pointsQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetWorkerPoints } from './get-worker-points.query';

@QueryHandler(GetWorkerPoints)
export class GetWorkerPointsHandler implements IQueryHandler<GetWorkerPoints> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ workerId }: GetWorkerPoints) {
    const row = await q.getPoints(this.pool, { workerId });
    if (!row) return null;
    return { ...row, adjustments: await q.getAdjustments(this.pool, { workerId }) };
  }
}
