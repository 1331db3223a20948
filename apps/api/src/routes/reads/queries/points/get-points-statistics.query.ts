import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

export interface PointsStatistics {
  bands: CountRow[];
  byStatus: CountRow[];
}

/** 统计监测 for points: totals in bands of a width, and assessments by status. */
export class GetPointsStatistics extends Query<PointsStatistics> {
  constructor(
    readonly width?: number,
    readonly roundId?: string,
  ) {
    super();
  }
}
