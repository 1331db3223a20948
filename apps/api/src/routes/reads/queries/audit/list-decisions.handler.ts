import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { auditQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListDecisions } from './list-decisions.query';

@QueryHandler(ListDecisions)
export class ListDecisionsHandler implements IQueryHandler<ListDecisions> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListDecisions) {
    const { ruleId } = filter;
    return ruleId ? q.decisionsUsingRule(this.pool, { ...filter, ruleId }) : q.listDecisions(this.pool, filter);
  }
}
