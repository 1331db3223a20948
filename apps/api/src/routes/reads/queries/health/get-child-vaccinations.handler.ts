import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { healthQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetChildVaccinations } from './get-child-vaccinations.query';

@QueryHandler(GetChildVaccinations)
export class GetChildVaccinationsHandler implements IQueryHandler<GetChildVaccinations> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ childId }: GetChildVaccinations) {
    const row = await q.getChildHealth(this.pool, { childId });
    if (!row) return null;
    return { ...row, checks: await q.getVaccinationChecks(this.pool, { childId }) };
  }
}
