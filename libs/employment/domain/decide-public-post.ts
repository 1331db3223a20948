import { isScheme, type Scheme } from '@ledger/insurance/domain/schemes';
import type { Decided } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse } from '@ledger/policy';
import type { MinimumStandardParams, PublicPostParams } from '@ledger/policy/params/employment';
import type { GrantPublicPostSubsidy, PlaceOnPublicPost } from './commands';
import type { EmploymentContext } from './context';
import type { EmploymentEvent } from './events';
import type { EmploymentState } from './state';
import { assertFen, isYearMonth } from './wording';

const PUBLIC_POST = 'unemployment.public-post';

/** sanming-draft §2: a registered jobless worker who cannot find work unaided is placed on a public post. */
export function placeOnPublicPost(
  command: PlaceOnPublicPost,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, postId, employerId } = command.data;
  const rule = policy.find<PublicPostParams>(PUBLIC_POST, today);
  if (!rule) return notProvided(policy, PUBLIC_POST, '不予公益性岗位安置');
  if (state.publicPosts[postId]) throw new RangeError(`post ${postId} is already recorded`);
  if (!state.unemployment?.open) {
    return refuse(policy, rule, {
      code: 'NOT_REGISTERED_UNEMPLOYED',
      reason: '不予公益性岗位安置：未办理失业登记',
      computed: { registeredUnemployed: false },
      required: { registeredUnemployed: true },
      wouldChange: '先办理失业登记',
    });
  }
  if (context.cannotFindWorkUnaided !== true) {
    return refuse(policy, rule, {
      code: 'CAN_FIND_WORK_UNAIDED',
      reason: '不予公益性岗位安置：未认定为无法自主实现就业',
      computed: { cannotFindWorkUnaided: context.cannotFindWorkUnaided ?? false },
      required: { cannotFindWorkUnaided: true },
      wouldChange: '经认定为无法自主实现就业',
    });
  }
  return [
    {
      type: 'PlacedOnPublicPost',
      data: {
        workerId,
        postId,
        employerId,
        startedOn: today,
        decision: decisionRecord(policy, today, [rule], {
          registeredOn: state.unemployment.registeredOn,
          cannotFindWorkUnaided: true,
        }),
      },
    },
  ];
}

/**
 * A month on the post earns the local minimum wage (wages.minimum-standard, in force on the
 * month's first day) plus what the employer actually paid into the subsidised schemes.
 */
export function grantPublicPostSubsidy(
  command: GrantPublicPostSubsidy,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  const { policy, today } = context;
  const { workerId, postId, month } = command.data;
  if (!isYearMonth(month)) throw new RangeError(`not a month YYYY-MM: ${month}`);
  if (month > today.slice(0, 7)) throw new RangeError(`the month ${month} has not begun on ${today}`);
  const rule = policy.find<PublicPostParams>(PUBLIC_POST, today);
  if (!rule) return notProvided(policy, PUBLIC_POST, '不予发放公益性岗位补贴');
  const post = state.publicPosts[postId];
  if (!post || month < post.startedOn.slice(0, 7)) {
    return refuse(policy, rule, {
      code: 'NOT_ON_PUBLIC_POST',
      reason: `不予发放公益性岗位补贴：${month}未在该公益性岗位安置`,
      computed: post ? { startedOn: post.startedOn } : null,
      wouldChange: '经公益性岗位安置',
    });
  }
  if (post.monthsPaid.includes(month)) {
    return refuse(policy, rule, {
      code: 'ALREADY_GRANTED',
      reason: `不予重复发放：${month}岗位补贴已发放`,
      computed: month,
    });
  }
  const standard = policy.find<MinimumStandardParams>('wages.minimum-standard', `${month}-01`);
  if (!standard) {
    return refuse(policy, rule, {
      code: 'MINIMUM_WAGE_NOT_SET',
      reason: '不予发放公益性岗位补贴：本辖区政策包未设定当地最低工资标准',
      wouldChange: '在政策包中设定 wages.minimum-standard',
    });
  }
  const paid = context.employerContributionsFen ?? {};
  const contributionsFen: Partial<Record<Scheme, number>> = {};
  for (const [scheme, fen] of Object.entries(paid)) {
    if (!isScheme(scheme) || fen === undefined) continue;
    assertFen(fen, `employerContributionsFen.${scheme}`, false);
    // Only the pension, medical and unemployment contributions are refunded; others stay the employer's.
    if (rule.params.subsidisedContributions.includes(scheme)) contributionsFen[scheme] = fen;
  }
  const wageFen = standard.params.monthlyFen;
  const totalFen = wageFen + Object.values(contributionsFen).reduce((a, b) => a + b, 0);
  return [
    {
      type: 'PublicPostSubsidyGranted',
      data: {
        workerId,
        postId,
        month,
        wageFen,
        contributionsFen,
        totalFen,
        decision: decisionRecord(policy, today, [rule, standard], {
          month,
          employerContributionsFen: paid,
          startedOn: post.startedOn,
        }),
      },
    },
  ];
}
