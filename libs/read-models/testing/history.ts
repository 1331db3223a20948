import type { EventStore } from '@ledger/event-store';
import { COMMAND_SPECS } from '@ledger/application/catalog';
import { executeCommand } from '@ledger/application/execute-command';
import type { CommandEnvelope } from '@ledger/application/execute-command';
import { loadPack, PolicyView } from '@ledger/policy';

const packs = new Map<string, PolicyView>();
function pack(id: string): PolicyView {
  let view = packs.get(id);
  if (!view) packs.set(id, (view = new PolicyView(loadPack(id))));
  return view;
}

/** Districts of 攀枝花 (行政区划代码) and the two other cities contributions were paid in. */
export const EAST = '510402';
export const RENHE = '510411';
export const CHENGDU = '510100';
export const PANZHIHUA = '510400';

export type Step = [today: string, type: string, subjectId: string, data: Record<string, unknown>, extra?: Partial<CommandEnvelope> & { pack?: string }];

const zhangParent = { facts: { parents: [{ workerId: 'w-zhang', permitStatus: 'valid' }] } };

const office = { department: 'residence-office', principal: 'counter-1' };

/**
 * A small city's history, every event through `executeCommand` as the counter and departments
 * would send it, each on its own day (panzhihua unless a step names another pack):
 * - w-zhang: permit issued 2022-07-20, 签注 on time (2023, 2024), moved 东区 → 仁和区 (backdated), pension
 *   paid in 成都 then 攀枝花, a transfer completed, a public-rental application waitlisted, points 2025-H1;
 * - w-li: permit issued, the 签注 missed → suspended, a late 签注 restored it; a transfer still in
 *   flight (no 联系函), a home bought, points 2025-H1 (37, above w-zhang's 26);
 * - w-wang: registered, applied (no permit yet), unemployed then in work;
 * - c-1 (w-zhang's child): vaccination checked, basic public health, grade-3 enrollment, seat, enrolled;
 * - c-2 (w-li's child): vaccination with gaps, applied for 2025 in 仁和区, found eligible.
 */
export const HISTORY: Step[] = [
  ['2022-01-10', 'RegisterWorker', 'w-zhang', { name: '张伟', idNumber: '510402199001011234', phone: '13800000001', birthDate: '1990-01-01', hukouPlace: { areaCode: '513401', address: '西昌市某村' }, arrivalOn: '2022-01-05' }],
  ['2022-01-10', 'RegisterResidence', 'w-zhang', { address: { line: '东区炳草岗大街1号', districtCode: EAST }, arrivalOn: '2022-01-05' }],
  ['2022-01-12', 'RegisterWorker', 'w-li', { name: '李娜', idNumber: '510411198805052228', phone: '13800000002', birthDate: '1988-05-05', hukouPlace: { areaCode: '513401', address: '会理市某村' }, arrivalOn: '2022-01-02' }],
  ['2022-01-12', 'RegisterResidence', 'w-li', { address: { line: '仁和区某路2号', districtCode: RENHE }, arrivalOn: '2022-01-02' }],
  ['2022-07-06', 'ApplyForPermit', 'w-li', { ground: 'stable-job' }],
  ['2022-07-10', 'ApplyForPermit', 'w-zhang', { ground: 'stable-job' }],
  ['2022-07-12', 'IssuePermit', 'w-li', { permitNumber: '510411000000000001', issuingOfficeCode: RENHE }],
  ['2022-07-20', 'IssuePermit', 'w-zhang', { permitNumber: '510402000000000002', issuingOfficeCode: EAST }],
  ['2023-07-01', 'EndorsePermit', 'w-zhang', {}],
  ['2023-07-20', 'RecordEndorsementLapse', 'w-li', {}],
  ['2023-08-01', 'EndorsePermit', 'w-li', {}],
  ['2023-09-15', 'ChangeAddress', 'w-zhang', { address: { line: '仁和区新街3号', districtCode: RENHE }, movedOn: '2023-09-01' }],
  ['2023-10-08', 'ChangeContactDetails', 'w-zhang', { phone: '13900000001' }],
  // The second year's 签注, on time: without it the permit is overdue from 2024-07-20 and every
  // later service reads it as suspended (national-663 第十条).
  ['2024-07-01', 'EndorsePermit', 'w-zhang', {}],
  ['2024-07-20', 'EndorsePermit', 'w-li', {}],
  ['2023-03-01', 'RegisterWorker', 'w-wang', { name: '王强', idNumber: '510402199505053331', phone: '13800000003', birthDate: '1995-05-05', hukouPlace: { areaCode: '513401', address: '盐源县某村' }, arrivalOn: '2023-02-20' }],
  ['2023-03-01', 'RegisterResidence', 'w-wang', { address: { line: '东区某巷4号', districtCode: EAST }, arrivalOn: '2023-02-20' }],
  ['2023-09-01', 'ApplyForPermit', 'w-wang', { ground: 'stable-home' }],
  ['2023-09-05', 'RegisterUnemployment', 'w-wang', {}, { attested: { employed: false } }],
  ['2023-11-01', 'RegisterEmployment', 'w-wang', { employerId: 'e-steel', startedOn: '2023-11-01' }],
  // social insurance: pension in 成都 then 攀枝花, a transfer completed; w-li's transfer waits for its 联系函
  ['2024-01-05', 'RecordContributions', 'w-zhang', { scheme: 'employee-pension', region: CHENGDU, months: { from: '2020-01', to: '2021-12' }, baseFen: 400_000 }],
  ['2024-01-05', 'RecordContributions', 'w-zhang', { scheme: 'employee-pension', region: PANZHIHUA, months: { from: '2022-02', to: '2023-12' }, baseFen: 450_000 }],
  ['2024-01-05', 'RecordContributions', 'w-zhang', { scheme: 'employee-medical', region: PANZHIHUA, months: { from: '2022-02', to: '2023-12' }, baseFen: 450_000 }],
  ['2024-01-06', 'RecordContributions', 'w-li', { scheme: 'employee-pension', region: CHENGDU, months: { from: '2019-01', to: '2021-06' }, baseFen: 380_000 }],
  ['2024-01-06', 'RecordContributions', 'w-li', { scheme: 'employee-pension', region: PANZHIHUA, months: { from: '2022-02', to: '2023-12' }, baseFen: 420_000 }],
  ['2024-03-01', 'RequestTransfer', 'w-zhang', { transferId: 't-1', fromScheme: 'employee-pension', toScheme: 'employee-pension', fromRegion: CHENGDU, toRegion: PANZHIHUA }],
  ['2024-03-05', 'IssueTransferLetter', 'w-zhang', { transferId: 't-1', letterId: 'L-1' }],
  ['2024-03-20', 'ReceiveTransferFunds', 'w-zhang', { transferId: 't-1', months: { from: '2020-01', to: '2021-12' }, amountFen: 2_400_000 }],
  ['2024-03-25', 'CompleteTransfer', 'w-zhang', { transferId: 't-1' }],
  ['2024-04-01', 'RequestTransfer', 'w-li', { transferId: 't-2', fromScheme: 'employee-pension', toScheme: 'employee-pension', fromRegion: CHENGDU, toRegion: PANZHIHUA }],
  // housing: w-zhang's public rental (employment attested by 住建局), w-li's home
  ['2025-03-01', 'SubmitRentalApplication', 'w-zhang', { applicationId: 'a-1', submittedOn: '2025-03-01', householdSize: 3 }],
  ['2025-03-01', 'DecideRentalEligibility', 'w-zhang', { applicationId: 'a-1' }, { attested: { facts: { employed: true, contributionsSince: '2022-02-01' } } }],
  ['2024-05-20', 'RecordHomePurchase', 'w-li', { purchaseId: 'p-1', purchasedOn: '2024-05-20', homeKind: 'commercial' }],
  ['2024-06-10', 'RecordEducation', 'w-zhang', { level: '高中', institution: '西昌一中', completedOn: '2008-07-01' }],
  ['2024-06-10', 'RecordSkillCertificate', 'w-zhang', { certificateNumber: 'SK-1', level: '中级', occupation: '焊工', issuedOn: '2021-05-01', issuer: '四川省人社厅' }],
  ['2024-06-11', 'RecordEducation', 'w-li', { level: '大专', institution: '攀枝花学院', completedOn: '2009-07-01' }],
  ['2024-06-11', 'RecordSkillCertificate', 'w-li', { certificateNumber: 'SK-2', level: '初级', occupation: '育婴员', issuedOn: '2020-05-01', issuer: '四川省人社厅' }],
  // points (shaoxing ranks by points; panzhihua's pack has no points rule)
  ['2025-07-05', 'AssessPoints', 'w-zhang', { round: { roundId: '2025-H1', referenceDate: '2025-06-30' }, purpose: 'public-services' }, { pack: 'shaoxing' }],
  ['2025-07-05', 'AssessPoints', 'w-li', { round: { roundId: '2025-H1', referenceDate: '2025-06-30' }, purpose: 'public-services' }, { pack: 'shaoxing' }],
  // schooling and health
  ['2024-03-01', 'RegisterChild', 'c-1', { birthDate: '2016-05-10', parentWorkerIds: ['w-zhang'], disability: 'none', registeredOn: '2024-03-01' }],
  ['2024-03-02', 'RecordVaccinationCheck', 'c-1', { verifiedOn: '2024-03-02', certificate: 'complete', missingVaccines: [] }],
  ['2024-03-03', 'DecidePublicHealthCoverage', 'c-1', { decidedOn: '2024-03-03' }],
  ['2024-06-01', 'ApplyForEnrollment', 'c-1', { applicationId: 'e-1', appliedOn: '2024-06-01', schoolYear: 2024, grade: 3, area: RENHE }],
  // the facts loader leaves homePurchasedOn undefined for a parent without a home, which the store refuses as not JSON: attested instead
  ['2024-06-01', 'DecideEnrollmentEligibility', 'c-1', { applicationId: 'e-1' }, { attested: zhangParent }],
  ['2024-07-01', 'OfferSeat', 'c-1', { applicationId: 'e-1', schoolId: 's-renhe-1', schoolType: 'public', classComposition: 'mixed', fees: { schoolChoiceFen: 0, guestStudyFen: 0 }, publicSeatAvailable: true, governmentFunded: true, offeredOn: '2024-07-01' }, { attested: zhangParent }],
  ['2024-09-01', 'Enroll', 'c-1', { applicationId: 'e-1', enrolledOn: '2024-09-01' }, { attested: zhangParent }],
  ['2025-04-01', 'RegisterChild', 'c-2', { birthDate: '2018-03-03', parentWorkerIds: ['w-li'], disability: 'none', registeredOn: '2025-04-01' }],
  ['2025-04-02', 'RecordVaccinationCheck', 'c-2', { verifiedOn: '2025-04-02', certificate: 'gaps', missingVaccines: ['MMR-2'] }],
  ['2025-06-01', 'ApplyForEnrollment', 'c-2', { applicationId: 'e-2', appliedOn: '2025-06-01', schoolYear: 2025, grade: 2, area: RENHE }],
  ['2025-06-01', 'DecideEnrollmentEligibility', 'c-2', { applicationId: 'e-2' }],
];

/** Which id field a command's data carries for its subject. */
function withSubject(type: string, subjectId: string, data: Record<string, unknown>): Record<string, unknown> {
  const spec = COMMAND_SPECS.get(type);
  if (!spec) throw new Error(`unknown command ${type}`);
  switch (spec.context.subject) {
    case 'worker':
      return { workerId: subjectId, ...data };
    case 'child':
      return type === 'RegisterChild' ? { childId: subjectId, ...data } : data;
    case 'employer':
      return { employerId: subjectId, ...data };
    default: {
      const unexpected: never = spec.context.subject;
      throw new Error(`unknown subject ${String(unexpected)}`);
    }
  }
}

/**
 * Runs `steps` in order through the application layer; throws on the first refusal, naming the
 * step. Returns the global position of the last event appended: what a projection must reach.
 */
export async function buildHistory(store: EventStore, steps: Step[] = HISTORY): Promise<number> {
  let last = 0;
  // Housing and schooling commands carry no worker id: they name the stream by subject alone.
  const housingOrSchooling = (type: string) => ['housing', 'schooling'].includes(COMMAND_SPECS.get(type)?.category ?? '');
  for (const [today, type, subjectId, data, extra = {}] of steps) {
    const spec = COMMAND_SPECS.get(type)!;
    const { pack: packId = 'panzhihua', ...envelope } = extra;
    const payload = housingOrSchooling(type) && type !== 'SubmitRentalApplication' ? (type === 'RegisterChild' ? { childId: subjectId, ...data } : data) : withSubject(type, subjectId, data);
    try {
      const outcome = await executeCommand({ store, policy: pack(packId), today: () => today }, spec, {
        command: { type, data: payload },
        subjectId,
        actor: office,
        ...envelope,
      });
      last = Math.max(last, outcome.position);
    } catch (error) {
      throw new Error(`${type} for ${subjectId} on ${today}: ${(error as Error).message} ${JSON.stringify((error as { refusal?: unknown }).refusal ?? '')}`);
    }
  }
  return last;
}
