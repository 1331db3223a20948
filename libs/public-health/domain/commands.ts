import type { IsoDate } from '@ledger/kernel';
import type { PremaritalService } from '@ledger/policy/params/health';

/** 婚前医学检查 / 孕前检查 done for a migrant worker, and what was charged (卫健委 records it). */
export interface RecordPremaritalCheck {
  type: 'RecordPremaritalCheck';
  data: { workerId: string; service: PremaritalService; checkedOn: IsoDate; chargedFen: number };
}

/** Whether the worker is in the 12 categories of basic public health services (the worker, not a child). */
export interface DecideWorkerPublicHealthCoverage {
  type: 'DecideWorkerPublicHealthCoverage';
  data: { workerId: string; decidedOn: IsoDate };
}

/** 健康档案 opened for the worker (fengdu-2017-29 §三, home buyers), on the hukou residents' standard. */
export interface OpenHealthRecord {
  type: 'OpenHealthRecord';
  data: { workerId: string; openedOn: IsoDate };
}

export type PublicHealthCommand = RecordPremaritalCheck | DecideWorkerPublicHealthCoverage | OpenHealthRecord;
