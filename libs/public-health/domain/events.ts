import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { PremaritalService } from '@ledger/policy/params/health';

export type PremaritalCheckRecorded = DomainEvent<
  'PremaritalCheckRecorded',
  { workerId: string; service: PremaritalService; checkedOn: IsoDate; feeFen: number; decision: DecisionRecord }
>;

export type WorkerPublicHealthCoverageDecided = DomainEvent<
  'WorkerPublicHealthCoverageDecided',
  { workerId: string; coveredFrom: IsoDate; categories: number; decision: DecisionRecord }
>;

export type HealthRecordOpened = DomainEvent<
  'HealthRecordOpened',
  { workerId: string; openedOn: IsoDate; decision: DecisionRecord }
>;

export type PublicHealthEvent = PremaritalCheckRecorded | WorkerPublicHealthCoverageDecided | HealthRecordOpened;
