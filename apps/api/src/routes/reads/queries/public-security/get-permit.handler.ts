import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { publicSecurityQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetPermit, PermitWithEndorsements } from './get-permit.query';

@QueryHandler(GetPermit)
export class GetPermitHandler implements IQueryHandler<GetPermit> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ workerId }: GetPermit): Promise<PermitWithEndorsements | null> {
    const row = await q.getPermit(this.pool, { workerId });
    if (!row) return null;
    return { ...row, endorsements: await q.listEndorsements(this.pool, { workerId }) };
  }
}
