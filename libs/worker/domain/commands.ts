import type { IsoDate } from '@ledger/kernel';
import type { EducationLevel, LandRight, SkillLevel } from './levels';

/** 户籍地: the place of household registration the worker came from. */
export interface HukouPlace {
  /** 行政区划代码. */
  areaCode: string;
  /** As written on the 户口簿. */
  address: string;
}

/**
 * A condition the settling office attached to a 落户 application, as the clerk records it.
 * `surrender-right`: giving up a home-village right; `threshold`: a restriction on who may
 * settle; `document`: an ordinary paper to bring.
 */
export type SettlementCondition =
  | { kind: 'surrender-right'; right: LandRight }
  | { kind: 'threshold'; what: 'residence' | 'contributions' | 'employment' | 'home-purchase' }
  | { kind: 'document'; documentType: string };

export interface RegisterWorker {
  type: 'RegisterWorker';
  data: {
    workerId: string;
    name: string;
    /** 身份证号; plain here, encrypted by the store's writers. */
    idNumber: string;
    phone: string;
    birthDate: IsoDate;
    hukouPlace: HukouPlace;
    arrivalOn: IsoDate;
  };
}

export interface ChangeContactDetails {
  type: 'ChangeContactDetails';
  data: { workerId: string; phone: string };
}

export interface RecordSkillCertificate {
  type: 'RecordSkillCertificate';
  data: {
    workerId: string;
    certificateNumber: string;
    level: SkillLevel;
    occupation: string;
    issuedOn: IsoDate;
    issuer: string;
  };
}

export interface RecordEducation {
  type: 'RecordEducation';
  data: { workerId: string; level: EducationLevel; institution: string; completedOn: IsoDate };
}

/** A violation a competent authority found; points deduct for it, some grounds veto outright. */
export interface RecordViolation {
  type: 'RecordViolation';
  data: { workerId: string; violationId: string; ground: string; occurredOn: IsoDate; authority: string };
}

/** 落户: the worker asks to move the hukou to town, with the conditions the office set. */
export interface ApplyForSettlement {
  type: 'ApplyForSettlement';
  data: {
    workerId: string;
    /** The town address the hukou moves to. */
    settleAt: string;
    conditions: SettlementCondition[];
    /** The home-village rights the worker holds, which settling must not end. */
    homeVillageRights: LandRight[];
  };
}

/**
 * 入户: public security records that the worker's hukou moved, in any jurisdiction (a fact, not
 * a decision: where a pack has a settlement rule, ApplyForSettlement decides a 落户 application).
 * fengdu-2017-29 §四 gives 购房入户 workers' children priority school places.
 */
export interface RecordHukouMove {
  type: 'RecordHukouMove';
  data: {
    workerId: string;
    /** The day the hukou was registered at the new place. */
    movedOn: IsoDate;
    /** The new place of household registration. */
    hukouPlace: HukouPlace;
    /** The public security office that registered it. */
    authority: string;
  };
}

export type WorkerCommand =
  | RegisterWorker
  | ChangeContactDetails
  | RecordSkillCertificate
  | RecordEducation
  | RecordViolation
  | ApplyForSettlement
  | RecordHukouMove;
