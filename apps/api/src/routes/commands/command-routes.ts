import { CONTEXTS } from '@ledger/application';
import type { Department } from '@ledger/application';

/** What a command's stream is about, and the path parameter that names it. */
export type Subject = 'worker' | 'child' | 'employer';

export const SUBJECT_PARAM: Readonly<Record<Subject, 'workerId' | 'childId' | 'employerId'>> = {
  worker: 'workerId',
  child: 'childId',
  employer: 'employerId',
};

const SUBJECT_BASE: Readonly<Record<Subject, string>> = {
  worker: '/v1/workers/{workerId}',
  child: '/v1/children/{childId}',
  employer: '/v1/employers/{employerId}',
};

/** One command over HTTP: `POST <path>` with a body shaped like `example`. */
export interface CommandRoute {
  type: string;
  category: string;
  subject: Subject;
  /** The department that owns the stream: the OpenAPI tag. */
  owner: Department;
  /** The sub-resource the command is posted to (docs/architecture.md §3: resources are nouns). */
  noun: string;
  /** Full OpenAPI path, `{workerId}` style. */
  path: string;
  /** Path relative to the subject's base, for the controller. */
  relativePath: string;
  summary: string;
  /** The Chinese term the departments use. */
  term: string;
  /** The command's data carries the subject id (`workerId`…): filled from the path. */
  subjectInData: boolean;
  /** The scope a credential needs (apps/api/src/security/scopes.ts grammar). */
  scope: string;
  /** A valid body, for the OpenAPI document and the docs. */
  example: Record<string, unknown>;
}

interface RouteSpec {
  noun: string;
  summary: string;
  term: string;
  example: Record<string, unknown>;
  /** False where the command's data does not name the stream's subject. */
  subjectInData?: boolean;
}

const ADDRESS = { line: '攀枝花市东区炳草岗大街1号3栋2单元501', districtCode: '510402' };

/** Nouns, wording and an example per command type; the catalog supplies category and owner. */
const ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  // worker-<workerId>: the worker's own record (no category segment: the worker is the resource).
  RegisterWorker: {
    noun: 'registrations',
    summary: 'Register a migrant worker',
    term: '流动人口信息登记',
    example: {
      name: '王小明',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      birthDate: '1949-12-31',
      hukouPlace: { areaCode: '511621', address: '四川省岳池县九龙镇' },
      arrivalOn: '2023-08-31',
    },
  },
  ChangeContactDetails: {
    noun: 'contact-details-changes',
    summary: 'Change the contact phone',
    term: '联系方式变更',
    example: { phone: '13900139000' },
  },
  RecordSkillCertificate: {
    noun: 'skill-certificates',
    summary: 'Record a vocational skill certificate',
    term: '职业资格证书登记',
    example: {
      certificateNumber: 'S2023510400123',
      level: '中级',
      occupation: '焊工',
      issuedOn: '2023-05-10',
      issuer: '攀枝花市职业技能鉴定中心',
    },
  },
  RecordEducation: {
    noun: 'education-records',
    summary: 'Record an education level completed',
    term: '学历登记',
    example: { level: '大专', institution: '攀枝花学院', completedOn: '2015-06-30' },
  },
  RecordViolation: {
    noun: 'violations',
    summary: 'Record a violation found by a competent authority',
    term: '违法违规记录',
    example: {
      violationId: 'V-2024-0001',
      ground: 'public-order',
      occurredOn: '2024-01-15',
      authority: '攀枝花市公安局东区分局',
    },
  },
  ApplyForSettlement: {
    noun: 'settlement-applications',
    summary: 'Apply to move the hukou to town',
    term: '落户申请',
    example: {
      settleAt: '攀枝花市东区炳草岗大街1号',
      conditions: [{ kind: 'document', documentType: '居住证' }],
      homeVillageRights: ['land-contract', 'homestead'],
    },
  },
  RecordHukouMove: {
    noun: 'hukou-moves',
    summary: 'Record that the hukou moved (入户), in any jurisdiction',
    term: '户口迁入登记',
    example: {
      movedOn: '2024-05-06',
      hukouPlace: { areaCode: '500230', address: '重庆市丰都县三合街道某小区3栋' },
      authority: '丰都县公安局三合派出所',
    },
  },
  // public-health-<workerId>
  RecordPremaritalCheck: {
    noun: 'premarital-checks',
    summary: 'Record a free premarital or pre-pregnancy check',
    term: '免费婚前医学检查、孕前检查',
    example: { service: 'premarital', checkedOn: '2024-04-01', chargedFen: 0 },
  },
  DecideWorkerPublicHealthCoverage: {
    noun: 'public-health-coverage-decisions',
    summary: 'Decide whether the worker is in the 12 categories of basic public health services',
    term: '农民工纳入基本公共卫生服务',
    example: { decidedOn: '2024-03-05' },
  },
  OpenHealthRecord: {
    noun: 'health-records',
    summary: 'Open a health record (健康档案) for a worker who bought a home in the county',
    term: '购房进城农民工健康档案',
    example: { openedOn: '2024-03-05' },
  },
  // residence-permit-<workerId>
  RegisterResidence: {
    noun: 'registrations',
    summary: 'Register residence',
    term: '居住登记',
    example: { address: ADDRESS, arrivalOn: '2023-08-31' },
  },
  CorrectArrivalDate: {
    noun: 'arrival-date-corrections',
    summary: 'Correct the registered arrival date on evidence',
    term: '来住日期更正',
    example: { arrivalOn: '2023-07-01', evidenceRef: 'lease-2023-0701' },
  },
  ApplyForPermit: {
    noun: 'applications',
    summary: 'Apply for a residence permit',
    term: '居住证申领',
    example: { ground: 'stable-job', evidenceRef: 'labour-contract-2023-118' },
  },
  IssuePermit: {
    noun: 'issuances',
    summary: 'Issue the residence permit',
    term: '居住证签发',
    example: { permitNumber: '510402202403010001', issuingOfficeCode: '510402' },
  },
  EndorsePermit: {
    noun: 'endorsements',
    summary: 'Endorse the permit for another year',
    term: '居住证签注',
    example: {},
  },
  RecordEndorsementLapse: {
    noun: 'lapses',
    summary: 'Record that an endorsement fell due and was not made',
    term: '逾期未签注',
    example: {},
  },
  ChangeAddress: {
    noun: 'address-changes',
    summary: 'Change the residence address',
    term: '居住地址变更',
    example: { address: { line: '攀枝花市仁和区攀枝花大道南段2号', districtCode: '510411' }, movedOn: '2024-05-01' },
  },
  RevokePermit: {
    noun: 'revocations',
    summary: 'Revoke the residence permit',
    term: '居住证注销',
    example: { reason: 'moved-away' },
  },
  // points-<workerId>
  AssessPoints: {
    noun: 'assessments',
    summary: 'Assess the worker’s points for a round',
    term: '积分评定',
    example: { round: { roundId: '2024-spring', referenceDate: '2024-03-01' }, purpose: 'public-services' },
  },
  AdjustPoints: {
    noun: 'adjustments',
    summary: 'Deduct for a violation, or restore on appeal',
    term: '积分调整',
    example: { kind: 'violation-deduction', violationId: 'V-2024-0001' },
  },
  VetoPoints: {
    noun: 'vetoes',
    summary: 'Veto the worker’s points outright',
    term: '积分一票否决',
    example: { ground: 'fraud', ref: 'case-2024-017' },
  },
  // insurance-<workerId>
  RecordContributions: {
    noun: 'contributions',
    summary: 'Record contributions reported by the fund',
    term: '社保缴费记录',
    example: {
      scheme: 'employee-pension',
      region: '510400',
      months: { from: '2023-09', to: '2024-02' },
      baseFen: 350000,
      employerId: 'e-510400-0001',
    },
  },
  EnrolWorker: {
    noun: 'enrolments',
    summary: 'Enrol the worker in social insurance',
    term: '参保登记',
    example: {
      basis: 'stable-job',
      employerId: 'e-510400-0001',
      attested: { labourRelation: { kind: 'stable', employerId: 'e-510400-0001' } },
    },
  },
  RequestTransfer: {
    noun: 'transfers',
    summary: 'Request a transfer of contribution months',
    term: '社保关系转移申请',
    example: {
      transferId: 'T-2024-0001',
      fromScheme: 'employee-pension',
      toScheme: 'employee-pension',
      fromRegion: '350400',
      toRegion: '510400',
    },
  },
  IssueTransferLetter: {
    noun: 'transfer-letters',
    summary: 'Issue the transfer contact letter',
    term: '转移接续联系函',
    example: { transferId: 'T-2024-0001', letterId: 'L-2024-0001' },
  },
  ReceiveTransferFunds: {
    noun: 'transfer-fund-receipts',
    summary: 'Record the transferred funds as received',
    term: '转移基金到账',
    example: { transferId: 'T-2024-0001', months: { from: '2020-01', to: '2022-12' }, amountFen: 2880000 },
  },
  CompleteTransfer: {
    noun: 'transfer-completions',
    summary: 'Complete a transfer',
    term: '转移接续办结',
    example: { transferId: 'T-2024-0001' },
  },
  RejectTransfer: {
    noun: 'transfer-rejections',
    summary: 'Reject a transfer',
    term: '转移接续不予受理',
    example: { transferId: 'T-2024-0001', reasonCode: 'DUPLICATE_ACCOUNT' },
  },
  // employment-<workerId>
  RegisterEmployment: {
    noun: 'employment-registrations',
    summary: 'Register a job',
    term: '就业登记',
    example: { employerId: 'e-510400-0001', startedOn: '2024-03-01' },
  },
  RegisterUnemployment: {
    noun: 'unemployment-registrations',
    summary: 'Register the worker as unemployed',
    term: '失业登记',
    example: { attested: { employed: false, migrantWorker: true } },
  },
  PlaceOnPublicPost: {
    noun: 'public-post-placements',
    summary: 'Place the worker on a public-interest post',
    term: '公益性岗位安置',
    example: { postId: 'P-2024-0001', employerId: 'e-510400-0002', attested: { cannotFindWorkUnaided: true } },
  },
  GrantPublicPostSubsidy: {
    noun: 'public-post-subsidies',
    summary: 'Grant the public-post subsidy for a month worked',
    term: '公益性岗位补贴',
    example: {
      postId: 'P-2024-0001',
      month: '2024-03',
      attested: { employerContributionsFen: { 'employee-pension': 56000 } },
    },
  },
  GrantStartupSubsidy: {
    noun: 'startup-subsidies',
    summary: 'Grant the one-off start-up subsidy',
    term: '一次性创业补贴',
    example: {
      ventureId: 'V-510400-0001',
      requestedFen: 500000,
      attested: {
        venture: { ventureId: 'V-510400-0001', openedOn: '2023-01-10', operatingNormally: true, earlierVentures: 0 },
      },
    },
  },
  GrantStartupJobsSubsidy: {
    noun: 'startup-jobs-subsidies',
    summary: 'Grant the subsidy for jobs a venture created',
    term: '创业带动就业补贴',
    example: { ventureId: 'V-510400-0001', requestedFen: 200000 },
  },
  ApproveGuaranteedLoan: {
    noun: 'guaranteed-loans',
    summary: 'Approve a guaranteed start-up loan',
    term: '创业担保贷款',
    example: { loanId: 'LN-2024-0001', amountFen: 10000000, attested: { guaranteedLoanEligible: true } },
  },
  GrantAppraisalSubsidy: {
    noun: 'appraisal-subsidies',
    summary: 'Grant the skill-appraisal subsidy',
    term: '职业技能鉴定补贴',
    example: { certificateId: 'S2023510400123', skillLevel: '中级' },
  },
  UpliftTrainingSubsidy: {
    noun: 'training-subsidy-uplifts',
    summary: 'Raise the training subsidy for a shortage occupation',
    term: '紧缺工种培训补贴上浮',
    example: {
      trainingId: 'TR-2024-0001',
      occupation: '焊工',
      standardFen: 120000,
      attested: { shortageOccupation: true },
    },
  },
  GrantTrainingAppraisalSubsidy: {
    noun: 'training-appraisal-subsidies',
    summary: 'Grant the training-and-appraisal subsidy',
    term: '培训鉴定补贴',
    example: { claimId: 'C-2024-0001', requestedFen: 80000 },
  },
  ApplyForLegalAid: {
    noun: 'legal-aid-applications',
    summary: 'Apply for legal aid',
    term: '法律援助申请',
    example: { caseId: 'LA-2024-0001', claim: 'wage-arrears' },
  },
  // employer-<employerId>
  RegisterSiteWorker: {
    noun: 'site-workers',
    summary: 'Put a worker on a project’s roster',
    term: '工地实名制登记',
    example: { projectId: 'PRJ-510400-0001', workerId: 'w-20240001' },
  },
  RecordWagePayment: {
    noun: 'wage-payments',
    summary: 'Record a wage payment',
    term: '工资支付记录',
    example: {
      paymentId: 'PAY-2024-03-0001',
      workerId: 'w-20240001',
      projectId: 'PRJ-510400-0001',
      month: '2024-03',
      amountFen: 650000,
      channel: 'bank',
      fullMonth: true,
      attested: { project: { projectId: 'PRJ-510400-0001', construction: true } },
    },
  },
  AwardAgencyPlacement: {
    noun: 'agency-placements',
    summary: 'Award an agency for a placement',
    term: '职业介绍补贴',
    example: {
      placementId: 'PL-2024-0001',
      workerId: 'w-20240001',
      firmId: 'e-510400-0003',
      attested: { placement: { commercialAgency: true, firmPrivate: true, firmInCity: true } },
    },
  },
  ApproveFirmGuaranteedLoan: {
    noun: 'guaranteed-loans',
    summary: 'Approve a guaranteed loan to a small firm',
    term: '小微企业创业担保贷款',
    example: {
      loanId: 'FL-2024-0001',
      amountFen: 200000000,
      attested: { firm: { staffCount: 40, eligibleHiresThisYear: 6, smallOrMicro: true } },
    },
  },
  // housing-<workerId>
  SubmitRentalApplication: {
    noun: 'rental-applications',
    summary: 'Submit a public-rental housing application',
    term: '公租房申请',
    example: {
      applicationId: 'H-2024-0001',
      submittedOn: '2024-03-01',
      householdSize: 3,
      attested: { employed: true, workSpells: [{ from: '2021-03-01' }], contributionsSince: '2021-03-01' },
    },
  },
  DecideRentalEligibility: {
    noun: 'rental-eligibility-decisions',
    summary: 'Decide a rental application',
    term: '公租房资格审核',
    subjectInData: false,
    example: { applicationId: 'H-2024-0001', attested: { employed: true, workSpells: [{ from: '2021-03-01' }] } },
  },
  ReviewWaitlistEntry: {
    noun: 'waitlist-reviews',
    summary: 'Re-check a waitlisted application',
    term: '轮候资格复核',
    subjectInData: false,
    example: { applicationId: 'H-2024-0001', reviewedOn: '2024-06-01' },
  },
  AllocateUnit: {
    noun: 'unit-allocations',
    summary: 'Allocate a unit',
    term: '公租房配租',
    subjectInData: false,
    example: { applicationId: 'H-2024-0001', unitId: 'U-0102-0304', allocatedOn: '2024-07-01' },
  },
  SignLease: {
    noun: 'leases',
    summary: 'Sign the lease',
    term: '签订租赁合同',
    subjectInData: false,
    example: {
      applicationId: 'H-2024-0001',
      leaseId: 'LS-2024-0001',
      signedOn: '2024-07-05',
      startsOn: '2024-07-10',
      endsOn: '2027-07-09',
      monthlyRentFen: 48000,
    },
  },
  EndTenancy: {
    noun: 'tenancy-endings',
    summary: 'End a tenancy',
    term: '退租',
    subjectInData: false,
    example: { leaseId: 'LS-2024-0001', endedOn: '2027-07-09', reason: 'lease-expired' },
  },
  RecordHomePurchase: {
    noun: 'home-purchases',
    summary: 'Record a home purchase',
    term: '购房登记',
    subjectInData: false,
    example: { purchaseId: 'HP-2024-0001', purchasedOn: '2024-04-18', homeKind: 'commercial' },
  },
  // schooling-<childId>
  RegisterChild: {
    noun: 'registrations',
    summary: 'Register a migrant worker’s child',
    term: '随迁子女登记',
    example: {
      birthDate: '2018-05-20',
      parentWorkerIds: ['w-20240001'],
      disability: 'none',
      registeredOn: '2024-03-01',
    },
  },
  RecordVaccinationCheck: {
    noun: 'vaccination-checks',
    summary: 'Record the vaccination certificate check',
    term: '预防接种证查验',
    subjectInData: false,
    example: { verifiedOn: '2024-05-10', certificate: 'gaps', missingVaccines: ['MMR-2'] },
  },
  OpenVaccinationRecord: {
    noun: 'vaccination-records',
    summary: 'Open a vaccination record for the child',
    term: '建立预防接种档案',
    subjectInData: false,
    example: { openedOn: '2024-03-05' },
  },
  DecidePublicHealthCoverage: {
    noun: 'public-health-coverage-decisions',
    summary: 'Decide basic public-health coverage',
    term: '基本公共卫生服务',
    subjectInData: false,
    example: { decidedOn: '2024-03-05' },
  },
  ApplyForEnrollment: {
    noun: 'enrollment-applications',
    summary: 'Apply for a school place',
    term: '入学申请',
    subjectInData: false,
    example: { applicationId: 'E-2024-0001', appliedOn: '2024-06-01', schoolYear: 2024, grade: 1, area: '东区' },
  },
  DecideEnrollmentEligibility: {
    noun: 'enrollment-eligibility-decisions',
    summary: 'Decide an enrollment application',
    term: '入学资格审核',
    subjectInData: false,
    example: { applicationId: 'E-2024-0001' },
  },
  OfferSeat: {
    noun: 'seat-offers',
    summary: 'Offer a seat at a school',
    term: '学位安排',
    subjectInData: false,
    example: {
      applicationId: 'E-2024-0001',
      schoolId: 'SCH-510402-007',
      schoolType: 'public',
      classComposition: 'mixed',
      fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
      publicSeatAvailable: true,
      governmentFunded: false,
      offeredOn: '2024-07-15',
    },
  },
  DeclineAdmission: {
    noun: 'admission-declines',
    summary: 'Record a school declining the child',
    term: '学校不予接收',
    subjectInData: false,
    example: { applicationId: 'E-2024-0001', schoolId: 'SCH-510402-007', ground: 'capacity', declinedOn: '2024-07-20' },
  },
  Enroll: {
    noun: 'enrollments',
    summary: 'Enroll the child',
    term: '入学注册',
    subjectInData: false,
    example: { applicationId: 'E-2024-0001', enrolledOn: '2024-09-01' },
  },
  DecideExamEligibility: {
    noun: 'exam-eligibility-decisions',
    summary: 'Decide eligibility for the entrance exam where the child studies',
    term: '就地升学考试资格',
    subjectInData: false,
    example: { examYear: 2027, decidedOn: '2027-03-01' },
  },
};

function relativePathOf(category: string, noun: string): string {
  // The worker and employer streams are the subject itself: no category segment.
  return category === 'worker' || category === 'employer' ? noun : `${category}/${noun}`;
}

/**
 * Commands only the ledger's own process managers send, from facts they read off other streams
 * (libs/process-managers). Over HTTP a client could assert those facts (a suspension date, a
 * home purchase) instead of the ledger reading them, so they get no route.
 */
export const PROCESS_MANAGER_COMMANDS: Readonly<Record<string, string>> = {
  SuspendPoints: 'permit-lapse process manager, on PermitSuspended (permit.lapse)',
  ResumePoints: 'permit-lapse process manager, on PermitRestored (permit.restore)',
  RecountContributions: 'transfer-completion process manager, on TransferCompleted',
  GrantSettledBuyerPriority: 'buyer-priority process manager, on HomePurchased and the hukou move (fengdu-2017-29 §四)',
};

/** Every command the catalog declares, as a route (process-manager commands aside); docs, OpenAPI and tests derive from it. */
export const COMMAND_ROUTES: readonly CommandRoute[] = CONTEXTS.flatMap((context) =>
  Object.keys(context.commands)
    .filter((type) => !(type in PROCESS_MANAGER_COMMANDS))
    .map((type): CommandRoute => {
      const spec = ROUTE_SPECS[type];
      if (!spec) throw new Error(`command-routes.ts: no route for ${type}`);
      const relativePath = relativePathOf(context.category, spec.noun);
      return {
        type,
        category: context.category,
        subject: context.subject,
        owner: context.owner,
        noun: spec.noun,
        path: `${SUBJECT_BASE[context.subject]}/${relativePath}`,
        relativePath,
        summary: spec.summary,
        term: spec.term,
        subjectInData: spec.subjectInData ?? true,
        scope: `${context.category}:write:${type}`,
        example: spec.example,
      };
    }),
);

const BY_TYPE = new Map(COMMAND_ROUTES.map((r) => [r.type, r]));

export function commandRoute(type: string): CommandRoute {
  const route = BY_TYPE.get(type);
  if (!route) throw new Error(`no command route for ${type}`);
  return route;
}

/** Route types the table has but the catalog lacks (a renamed command): must stay empty. */
export const UNROUTED_SPECS = Object.keys(ROUTE_SPECS).filter((type) => !BY_TYPE.has(type));
