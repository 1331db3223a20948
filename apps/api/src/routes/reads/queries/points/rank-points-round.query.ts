import { Query } from '@nestjs/cqrs';
import type { Page } from '@ledger/read-models';
import type { pointsQueries as q } from '@ledger/read-models';

/** 流动人口服务管理局: a points round's ranking, highest first. */
export class RankPointsRound extends Query<Page<q.RankedRow>> {
  constructor(readonly filter: NonNullable<Parameters<typeof q.rankRound>[1]>) {
    super();
  }
}
