import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { AgencyPlacementParams, FirmLoanParams } from '@ledger/policy/params/employment';
import type { ApproveFirmGuaranteedLoan, AwardAgencyPlacement } from './employer-commands';
import type { EmployerContext } from './employer-context';
import type { EmployerEvent } from './employer-events';
import { firmLoansTotal, type EmployerState } from './employer-state';
import { assertFen, yuan } from './wording';

/** sanming-draft §3: a commercial HR agency earns a set sum per worker sent to a private firm in the city, up to a total. */
export function awardAgencyPlacement(
  command: AwardAgencyPlacement,
  state: EmployerState,
  context: EmployerContext,
): Decided<EmployerEvent> {
  const { policy, today } = context;
  const { employerId, placementId, workerId, firmId } = command.data;
  const rule = policy.find<AgencyPlacementParams>('subsidy.agency-placement', today);
  if (!rule) return notProvided(policy, 'subsidy.agency-placement', '不予发放一次性用工服务奖补');
  const facts = context.placement;
  if (!facts) throw new Error('context.placement is required');
  if (!facts.commercialAgency) {
    return refuse(policy, rule, {
      code: 'NOT_COMMERCIAL_AGENCY',
      reason: '不予发放一次性用工服务奖补：申请机构不是经营性人力资源服务机构',
      computed: { commercialAgency: false },
    });
  }
  if (!facts.firmPrivate || !facts.firmInCity) {
    return refuse(policy, rule, {
      code: 'NOT_PRIVATE_FIRM_IN_CITY',
      reason: '不予发放一次性用工服务奖补：用工单位不是本市民营企业',
      computed: { firmPrivate: facts.firmPrivate, firmInCity: facts.firmInCity },
      required: { firmPrivate: true, firmInCity: true },
    });
  }
  if (state.placements[workerId]) {
    return refuse(policy, rule, {
      code: 'ALREADY_AWARDED',
      reason: '不予重复发放：该员工的用工服务奖补已发放',
      computed: { placementId: state.placements[workerId] },
    });
  }
  const remaining = rule.params.totalMaxFen - state.placementTotalFen;
  if (remaining <= 0) {
    return refuse(policy, rule, {
      code: 'CAP_REACHED',
      reason: `不予发放一次性用工服务奖补：已累计发放${yuan(state.placementTotalFen)}，达到总额上限${yuan(rule.params.totalMaxFen)}`,
      computed: state.placementTotalFen,
      required: rule.params.totalMaxFen,
    });
  }
  return [
    {
      type: 'AgencyPlacementAwarded',
      data: {
        employerId,
        placementId,
        workerId,
        firmId,
        amountFen: Math.min(rule.params.perPersonFen, remaining),
        decision: decisionRecord(policy, today, [rule], {
          ...facts,
          firmId,
          awardedBeforeFen: state.placementTotalFen,
        }),
      },
    },
  ];
}

/** Hires are whole people: the share of staff is rounded up (7 staff × 15% = 1.05 → 2). */
export function requiredHires(staffCount: number, percent: number): number {
  return Math.ceil((staffCount * percent) / 100);
}

/**
 * sanming-draft §4: a small firm whose eligible hires this year reach 15% of its staff (8% when
 * the staff exceed 100; 超 excludes 100 itself) may borrow up to the cap.
 */
export function approveFirmGuaranteedLoan(
  command: ApproveFirmGuaranteedLoan,
  state: EmployerState,
  context: EmployerContext,
): Decided<EmployerEvent> {
  const { policy, today } = context;
  const { employerId, loanId, amountFen } = command.data;
  assertFen(amountFen, 'amountFen');
  if (state.firmLoans[loanId] !== undefined) throw new RangeError(`loan ${loanId} is already recorded`);
  const rule = policy.find<FirmLoanParams>('loan.guarantee.firm', today);
  if (!rule) return notProvided(policy, 'loan.guarantee.firm', '不予受理小微企业创业担保贷款');
  const firm = context.firm;
  if (!firm) throw new Error('context.firm is required');
  if (!Number.isInteger(firm.staffCount) || firm.staffCount < 1)
    throw new RangeError('staffCount must be a whole number of at least 1');
  if (!firm.smallOrMicro) {
    return refuse(policy, rule, {
      code: 'NOT_SMALL_OR_MICRO',
      reason: '不予受理创业担保贷款：申请单位不是小微企业',
      computed: { smallOrMicro: false },
    });
  }
  const { hirePercent, largeFirmStaffAbove, largeFirmHirePercent, maxFen } = rule.params;
  const percent = firm.staffCount > largeFirmStaffAbove ? largeFirmHirePercent : hirePercent;
  const needed = requiredHires(firm.staffCount, percent);
  if (firm.eligibleHiresThisYear < needed) {
    return refuse(policy, rule, {
      code: 'TOO_FEW_ELIGIBLE_HIRES',
      reason: `不予受理创业担保贷款：当年新招用符合条件人员${firm.eligibleHiresThisYear}人，不足在职职工${firm.staffCount}人的${percent}%（需${needed}人）`,
      computed: { eligibleHires: firm.eligibleHiresThisYear, staffCount: firm.staffCount },
      required: { eligibleHires: needed, percent },
      wouldChange: `再招用符合条件人员${needed - firm.eligibleHiresThisYear}人`,
    });
  }
  const before = firmLoansTotal(state);
  if (before + amountFen > maxFen) {
    return refuse(policy, rule, {
      code: 'OVER_LIMIT',
      reason: `不予受理创业担保贷款：申请${yuan(amountFen)}，连同已贷${yuan(before)}超过最高${yuan(maxFen)}`,
      computed: before + amountFen,
      required: maxFen,
      wouldChange: maxFen > before ? `申请金额不超过${yuan(maxFen - before)}` : '已达最高额度',
    });
  }
  return [
    {
      type: 'FirmGuaranteedLoanApproved',
      data: {
        employerId,
        loanId,
        amountFen,
        requiredHires: needed,
        decision: decisionRecord(policy, today, [rule], {
          ...firm,
          percent,
          requiredHires: needed,
          approvedBeforeFen: before,
        }),
      },
    },
  ];
}
