import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { educationQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { GetChildSchooling } from './get-child-schooling.query';

@QueryHandler(GetChildSchooling)
export class GetChildSchoolingHandler implements IQueryHandler<GetChildSchooling> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  async execute({ childId }: GetChildSchooling) {
    return q.getChild(this.pool, { childId });
  }
}
