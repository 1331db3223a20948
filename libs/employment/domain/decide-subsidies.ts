import { compareDates, completionDate, describeElapsed, describePeriod, elapsed, type Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type {
  AppraisalGradesParams,
  AppraisalParams,
  PersonLoanParams,
  ShortageUpliftParams,
  StartupJobsParams,
  StartupSubsidyParams,
  TrainingAppraisalParams,
} from '@ledger/policy/params/employment';
import type {
  ApproveGuaranteedLoan,
  GrantAppraisalSubsidy,
  GrantStartupJobsSubsidy,
  GrantStartupSubsidy,
  GrantTrainingAppraisalSubsidy,
  UpliftTrainingSubsidy,
} from './commands';
import type { EmploymentContext } from './context';
import type { EmploymentEvent } from './events';
import { guaranteedLoansTotal, type EmploymentState } from './state';
import { assertFen, yuan } from './wording';

/** sanming-draft §4: once, for a first venture running normally for a year or more; at most the cap. */
export function grantStartupSubsidy(
  command: GrantStartupSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, ventureId, requestedFen } = command.data;
  assertFen(requestedFen, 'requestedFen');
  const rule = policy.find<StartupSubsidyParams>('subsidy.startup', today);
  if (!rule) return notProvided(policy, 'subsidy.startup', '不予发放一次性创业补贴');
  const venture = context.venture;
  if (!venture || venture.ventureId !== ventureId)
    throw new Error(`context.venture must describe venture ${ventureId}`);
  const { minRunning, inclusive, maxFen, firstVentureOnly } = rule.params;
  if (state.startupSubsidy) {
    return refuse(policy, rule, {
      code: 'ALREADY_GRANTED',
      reason: `不予发放：一次性创业补贴已于${state.startupSubsidy.grantedOn}发放`,
      computed: state.startupSubsidy,
    });
  }
  if (firstVentureOnly && venture.earlierVentures > 0) {
    return refuse(policy, rule, {
      code: 'NOT_FIRST_VENTURE',
      reason: `不予发放一次性创业补贴：非首次创业（此前已创业${venture.earlierVentures}次）`,
      computed: { earlierVentures: venture.earlierVentures },
      required: { earlierVentures: 0 },
    });
  }
  if (!venture.operatingNormally) {
    return refuse(policy, rule, {
      code: 'NOT_OPERATING_NORMALLY',
      reason: '不予发放一次性创业补贴：未正常经营',
      computed: { operatingNormally: false },
      wouldChange: '恢复正常经营',
    });
  }
  const eligibleFrom = completionDate(venture.openedOn, minRunning, inclusive);
  if (compareDates(today, eligibleFrom) < 0) {
    const span = elapsed(venture.openedOn, today);
    return refuse(policy, rule, {
      code: 'RUNNING_TOO_SHORT',
      reason: `不予发放一次性创业补贴：正常经营${describeElapsed(span)}，不满${describePeriod(minRunning)}`,
      computed: { openedOn: venture.openedOn, elapsed: span },
      required: minRunning,
      eligibleFrom,
    });
  }
  return [
    {
      type: 'StartupSubsidyGranted',
      data: {
        workerId,
        ventureId,
        requestedFen,
        amountFen: Math.min(requestedFen, maxFen),
        decision: decisionRecord(policy, today, [rule], { venture, requestedFen, maxFen }),
      },
    },
  ];
}

/** sanming-draft §4: job-creation grants add up to at most the total cap; the last grant is cut to fit. */
export function grantStartupJobsSubsidy(
  command: GrantStartupJobsSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, ventureId, requestedFen } = command.data;
  assertFen(requestedFen, 'requestedFen');
  const rule = policy.find<StartupJobsParams>('subsidy.startup-jobs', today);
  if (!rule) return notProvided(policy, 'subsidy.startup-jobs', '不予发放创业带动就业补贴');
  const remaining = rule.params.totalMaxFen - state.startupJobsTotalFen;
  if (remaining <= 0) {
    return refuse(policy, rule, {
      code: 'CAP_REACHED',
      reason: `不予发放创业带动就业补贴：已累计发放${yuan(state.startupJobsTotalFen)}，达到总额上限${yuan(rule.params.totalMaxFen)}`,
      computed: state.startupJobsTotalFen,
      required: rule.params.totalMaxFen,
    });
  }
  return [
    {
      type: 'StartupJobsSubsidyGranted',
      data: {
        workerId,
        ventureId,
        requestedFen,
        amountFen: Math.min(requestedFen, remaining),
        decision: decisionRecord(policy, today, [rule], { requestedFen, grantedBeforeFen: state.startupJobsTotalFen }),
      },
    },
  ];
}

/** sanming-draft §4: guaranteed start-up loans for an eligible person, at most the cap in total. */
export function approveGuaranteedLoan(
  command: ApproveGuaranteedLoan,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, loanId, amountFen } = command.data;
  assertFen(amountFen, 'amountFen');
  if (state.guaranteedLoans[loanId] !== undefined) throw new RangeError(`loan ${loanId} is already recorded`);
  const rule = policy.find<PersonLoanParams>('loan.guarantee.person', today);
  if (!rule) return notProvided(policy, 'loan.guarantee.person', '不予受理创业担保贷款');
  if (context.guaranteedLoanEligible !== true) {
    return refuse(policy, rule, {
      code: 'NOT_ELIGIBLE',
      reason: '不予受理创业担保贷款：不符合创业担保贷款申请条件',
      computed: { guaranteedLoanEligible: context.guaranteedLoanEligible ?? false },
      wouldChange: '符合创业担保贷款申请条件',
    });
  }
  const before = guaranteedLoansTotal(state);
  const { maxFen } = rule.params;
  if (before + amountFen > maxFen) {
    const left = Math.max(0, maxFen - before);
    return refuse(policy, rule, {
      code: 'OVER_LIMIT',
      reason: `不予受理创业担保贷款：申请${yuan(amountFen)}，连同已贷${yuan(before)}超过最高${yuan(maxFen)}`,
      computed: before + amountFen,
      required: maxFen,
      wouldChange: left > 0 ? `申请金额不超过${yuan(left)}` : '已达最高额度',
    });
  }
  return [
    {
      type: 'GuaranteedLoanApproved',
      data: {
        workerId,
        loanId,
        amountFen,
        decision: decisionRecord(policy, today, [rule], {
          amountFen,
          approvedBeforeFen: before,
          guaranteedLoanEligible: true,
        }),
      },
    },
  ];
}

/** sanming-draft §6: 700–3,000 元 by grade, once per certificate; the grade table is illustrative. */
export function grantAppraisalSubsidy(
  command: GrantAppraisalSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, certificateId, skillLevel } = command.data;
  const rule = policy.find<AppraisalParams>('subsidy.appraisal', today);
  if (!rule) return notProvided(policy, 'subsidy.appraisal', '不予发放职业技能鉴定补贴');
  if (state.appraisalCertificates.includes(certificateId)) {
    return refuse(policy, rule, {
      code: 'ALREADY_GRANTED',
      reason: '不予重复发放：该证书的鉴定补贴已发放',
      computed: certificateId,
    });
  }
  const grades = policy.find<AppraisalGradesParams>('subsidy.appraisal.grades', today);
  if (!grades) {
    return refuse(policy, rule, {
      code: 'GRADE_TABLE_NOT_SET',
      reason: '不予发放职业技能鉴定补贴：本辖区政策包未设定各等级补贴标准',
      wouldChange: '在政策包中设定 subsidy.appraisal.grades',
    });
  }
  const amountFen = grades.params.bySkillLevel[skillLevel];
  if (amountFen === undefined) {
    return refuse(policy, grades, {
      code: 'GRADE_NOT_SUBSIDISED',
      reason: `不予发放职业技能鉴定补贴：${skillLevel}不在补贴等级之列`,
      computed: skillLevel,
      required: Object.keys(grades.params.bySkillLevel),
    });
  }
  if (amountFen < rule.params.minFen || amountFen > rule.params.maxFen) {
    // The pack contradicts itself: a bug in the data, not a refusal.
    throw new Error(
      `${grades.file}: subsidy.appraisal.grades ${skillLevel} ${amountFen} fen is outside subsidy.appraisal ${rule.params.minFen}–${rule.params.maxFen}`,
    );
  }
  return [
    {
      type: 'AppraisalSubsidyGranted',
      data: {
        workerId,
        certificateId,
        skillLevel,
        amountFen,
        decision: decisionRecord(policy, today, [rule, grades], { certificateId, skillLevel }),
      },
    },
  ];
}

/** sanming-draft §6: a shortage occupation's training subsidy is the standard × (100 + 30) / 100, rounded down to the fen. */
export function upliftTrainingSubsidy(
  command: UpliftTrainingSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, trainingId, occupation, standardFen } = command.data;
  assertFen(standardFen, 'standardFen');
  const rule = policy.find<ShortageUpliftParams>('subsidy.shortage-uplift', today);
  if (!rule) return notProvided(policy, 'subsidy.shortage-uplift', '不予提高就业技能培训补贴标准');
  if (state.upliftedTrainings.includes(trainingId)) {
    return refuse(policy, rule, {
      code: 'ALREADY_GRANTED',
      reason: '不予重复提高：该培训的补贴标准已提高',
      computed: trainingId,
    });
  }
  if (context.shortageOccupation !== true) {
    return refuse(policy, rule, {
      code: 'NOT_SHORTAGE_OCCUPATION',
      reason: `不予提高就业技能培训补贴标准：${occupation}未列入急需紧缺目录`,
      computed: { occupation, shortageOccupation: false },
      wouldChange: '职业（工种）列入急需紧缺目录',
    });
  }
  const amountFen = Math.floor((standardFen * (100 + rule.params.upliftPercent)) / 100);
  return [
    {
      type: 'TrainingSubsidyUplifted',
      data: {
        workerId,
        trainingId,
        occupation,
        standardFen,
        amountFen,
        decision: decisionRecord(policy, today, [rule], { occupation, standardFen, shortageOccupation: true }),
      },
    },
  ];
}

/** sanming-draft §6: training (appraisal) subsidies add up to at most the cap per person. */
export function grantTrainingAppraisalSubsidy(
  command: GrantTrainingAppraisalSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, claimId, requestedFen } = command.data;
  assertFen(requestedFen, 'requestedFen');
  if (state.trainingAppraisalClaims.includes(claimId)) throw new RangeError(`claim ${claimId} is already recorded`);
  const rule = policy.find<TrainingAppraisalParams>('subsidy.training-appraisal', today);
  if (!rule) return notProvided(policy, 'subsidy.training-appraisal', '不予发放职业技能培训（鉴定）补贴');
  const remaining = rule.params.maxFenPerPerson - state.trainingAppraisalTotalFen;
  if (remaining <= 0) {
    return refuse(policy, rule, {
      code: 'CAP_REACHED',
      reason: `不予发放职业技能培训（鉴定）补贴：已领取${yuan(state.trainingAppraisalTotalFen)}，达到每人${yuan(rule.params.maxFenPerPerson)}上限`,
      computed: state.trainingAppraisalTotalFen,
      required: rule.params.maxFenPerPerson,
    });
  }
  return [
    {
      type: 'TrainingAppraisalSubsidyGranted',
      data: {
        workerId,
        claimId,
        requestedFen,
        amountFen: Math.min(requestedFen, remaining),
        decision: decisionRecord(policy, today, [rule], {
          requestedFen,
          grantedBeforeFen: state.trainingAppraisalTotalFen,
        }),
      },
    },
  ];
}
