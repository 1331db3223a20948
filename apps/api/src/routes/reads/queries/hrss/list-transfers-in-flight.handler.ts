import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { hrssQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { ListTransfersInFlight } from './list-transfers-in-flight.query';

@QueryHandler(ListTransfersInFlight)
export class ListTransfersInFlightHandler implements IQueryHandler<ListTransfersInFlight> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: ListTransfersInFlight) {
    return q.listTransfersInFlight(this.pool, filter);
  }
}
