import { compareDates } from '@ledger/kernel';
import type { Decided, IsoDate } from '@ledger/kernel';
import type {
  ChangeContactDetails,
  RecordEducation,
  RecordHukouMove,
  RecordSkillCertificate,
  RecordViolation,
  RegisterWorker,
} from './commands';
import type { WorkerContext } from './context';
import type {
  ContactDetailsChanged,
  EducationRecorded,
  HukouMoved,
  SkillCertificateRecorded,
  ViolationRecorded,
  WorkerRegistered,
} from './events';
import { WorkerStateError } from './refusals';
import type { WorkerState } from './state';

// 18-digit 居民身份证号码 (GB 11643): 17 digits and a check digit or X.
const ID_NUMBER = /^\d{17}[\dX]$/;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidIdNumber(idNumber: string): boolean {
  if (!ID_NUMBER.test(idNumber)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(idNumber[i]), 0);
  return ID_CHECK[sum % 11] === idNumber[17];
}

function notAfter(date: IsoDate, today: IsoDate, what: string): void {
  if (compareDates(date, today) > 0)
    throw new WorkerStateError('DATE_IN_FUTURE', `${what} ${date} is after today ${today}`);
}

function registered(state: WorkerState): void {
  if (!state.registered) throw new WorkerStateError('NOT_REGISTERED', 'the worker is not registered');
}

export function registerWorker(
  command: RegisterWorker,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<WorkerRegistered> {
  if (state.registered)
    throw new WorkerStateError('ALREADY_REGISTERED', `worker ${state.workerId} is already registered`);
  if (!isValidIdNumber(command.data.idNumber))
    throw new WorkerStateError('BAD_ID_NUMBER', 'not a valid 18-digit 身份证号');
  notAfter(command.data.arrivalOn, today, 'arrival');
  notAfter(command.data.birthDate, command.data.arrivalOn, 'birth');
  return [
    { type: 'WorkerRegistered', effectiveOn: command.data.arrivalOn, data: { ...command.data, registeredOn: today } },
  ];
}

export function changeContactDetails(
  command: ChangeContactDetails,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<ContactDetailsChanged> {
  registered(state);
  if (command.data.phone === state.phone) return [];
  return [
    {
      type: 'ContactDetailsChanged',
      data: { workerId: command.data.workerId, phone: command.data.phone, changedOn: today },
    },
  ];
}

export function recordSkillCertificate(
  command: RecordSkillCertificate,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<SkillCertificateRecorded> {
  registered(state);
  notAfter(command.data.issuedOn, today, 'certificate');
  if (state.certificates.includes(command.data.certificateNumber)) return [];
  return [{ type: 'SkillCertificateRecorded', effectiveOn: command.data.issuedOn, data: { ...command.data } }];
}

export function recordEducation(
  command: RecordEducation,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<EducationRecorded> {
  registered(state);
  notAfter(command.data.completedOn, today, 'completion');
  return [{ type: 'EducationRecorded', effectiveOn: command.data.completedOn, data: { ...command.data } }];
}

export function recordViolation(
  command: RecordViolation,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<ViolationRecorded> {
  registered(state);
  notAfter(command.data.occurredOn, today, 'violation');
  if (state.violations.some((v) => v.violationId === command.data.violationId)) return [];
  return [
    { type: 'ViolationRecorded', effectiveOn: command.data.occurredOn, data: { ...command.data, recordedOn: today } },
  ];
}

/**
 * 入户 (fengdu-2017-29 §四, 购房入户): public security records the hukou's move as a fact, in any
 * jurisdiction; it is dated when it happened, never after today, and not before the last move.
 */
export function recordHukouMove(
  command: RecordHukouMove,
  state: WorkerState,
  { today }: WorkerContext,
): Decided<HukouMoved> {
  registered(state);
  const { movedOn, hukouPlace, authority } = command.data;
  notAfter(movedOn, today, 'hukou move');
  if (state.hukouMovedOn && compareDates(movedOn, state.hukouMovedOn) <= 0)
    throw new WorkerStateError('HUKOU_MOVE_OUT_OF_ORDER', `the hukou last moved on ${state.hukouMovedOn}`);
  if (state.hukouPlace?.areaCode === hukouPlace.areaCode && state.hukouPlace.address === hukouPlace.address)
    throw new WorkerStateError('HUKOU_ALREADY_THERE', 'the hukou is already registered at that place');
  return [
    {
      type: 'HukouMoved',
      ...(movedOn === today ? {} : { effectiveOn: movedOn }),
      data: {
        workerId: command.data.workerId,
        movedOn,
        hukouPlace,
        previousHukouPlace: state.hukouPlace!,
        authority,
        recordedOn: today,
      },
    },
  ];
}
