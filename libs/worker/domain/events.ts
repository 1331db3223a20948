import type { DecisionRecord, DomainEvent, IsoDate } from '@ledger/kernel';
import type { HukouPlace, SettlementCondition } from './commands';
import type { EducationLevel, LandRight, SkillLevel } from './levels';

export type WorkerRegistered = DomainEvent<
  'WorkerRegistered',
  {
    workerId: string;
    name: string;
    idNumber: string;
    phone: string;
    birthDate: IsoDate;
    hukouPlace: HukouPlace;
    arrivalOn: IsoDate;
    registeredOn: IsoDate;
  }
>;

export type ContactDetailsChanged = DomainEvent<
  'ContactDetailsChanged',
  { workerId: string; phone: string; changedOn: IsoDate }
>;

export type SkillCertificateRecorded = DomainEvent<
  'SkillCertificateRecorded',
  {
    workerId: string;
    certificateNumber: string;
    level: SkillLevel;
    occupation: string;
    issuedOn: IsoDate;
    issuer: string;
  }
>;

export type EducationRecorded = DomainEvent<
  'EducationRecorded',
  { workerId: string; level: EducationLevel; institution: string; completedOn: IsoDate }
>;

export type ViolationRecorded = DomainEvent<
  'ViolationRecorded',
  { workerId: string; violationId: string; ground: string; occurredOn: IsoDate; authority: string; recordedOn: IsoDate }
>;

/** 落户 granted: the hukou moves to town and every home-village right is kept (panzhihua-2016-10 §(十七)). */
export type WorkerSettled = DomainEvent<
  'WorkerSettled',
  {
    workerId: string;
    settledOn: IsoDate;
    settleAt: string;
    previousHukouPlace: HukouPlace;
    /** Only ordinary documents remain: no threshold, no surrender. */
    conditions: SettlementCondition[];
    landRightsKept: LandRight[];
    decision: DecisionRecord;
  }
>;

/** 入户 recorded by public security: the hukou is now at `hukouPlace` (fengdu-2017-29 §四 购房入户). */
export type HukouMoved = DomainEvent<
  'HukouMoved',
  {
    workerId: string;
    movedOn: IsoDate;
    hukouPlace: HukouPlace;
    previousHukouPlace: HukouPlace;
    authority: string;
    recordedOn: IsoDate;
  }
>;

export type WorkerEvent =
  | WorkerRegistered
  | ContactDetailsChanged
  | SkillCertificateRecorded
  | EducationRecorded
  | ViolationRecorded
  | WorkerSettled
  | HukouMoved;

export const workerStreamName = (workerId: string): string => `worker-${workerId}`;
