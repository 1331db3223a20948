import { Query } from '@nestjs/cqrs';
import type { CountRow } from '@ledger/read-models';

/** Children registered, checked, with a record opened, covered by basic public health, referred. */
export interface VaccinationCoverage {
  children: number;
  checked: number;
  recordsOpened: number;
  publicHealthCovered: number;
  catchUpReferred: number;
}

export interface HealthStatistics {
  byCertificate: CountRow[];
  coverage: VaccinationCoverage;
}

/** 统计监测 for 卫健委: children by certificate, and coverage on a day. */
export class GetHealthStatistics extends Query<HealthStatistics> {
  constructor(readonly on?: string) {
    super();
  }
}
