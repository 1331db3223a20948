import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { pointsQueries as q } from '@ledger/read-models';
import { READ_POOL } from '../../../../tokens';
import { RankPointsRound } from './rank-points-round.query';

@QueryHandler(RankPointsRound)
export class RankPointsRoundHandler implements IQueryHandler<RankPointsRound> {
  constructor(@Inject(READ_POOL) private readonly pool: Pool) {}

  execute({ filter }: RankPointsRound) {
    return q.rankRound(this.pool, filter);
  }
}
