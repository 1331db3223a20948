import { periodEnd, type Decided, type Refusal } from '@ledger/kernel';
import { decisionRecord, notProvided, refuse, type ResolvedRule } from '@ledger/policy';
import type { SiTransferParams, SiTransferTermsParams } from '@ledger/policy/params/insurance';
import type {
  CompleteTransfer,
  IssueTransferLetter,
  ReceiveTransferFunds,
  RejectTransfer,
  RequestTransfer,
} from './commands';
import type { InsuranceContext } from './context';
import type { InsuranceEvent, TransferCompleted, TransferRequested } from './events';
import { normaliseMonths } from './months';
import { familyOf, isScheme, SCHEME_NAMES } from './schemes';
import { transfersInFlight, type InsuranceState, type Transfer, type TransferStatus } from './state';

/** The rule a pack states for this family of schemes, if any: panzhihua names pension and medical, fangshan every scheme. */
function specificRuleId(scheme: Parameters<typeof familyOf>[0]): string | undefined {
  const family = familyOf(scheme);
  return family === 'pension' ? 'si.transfer.pension' : family === 'medical' ? 'si.transfer.medical' : undefined;
}

function terms(context: InsuranceContext): ResolvedRule<SiTransferTermsParams> | undefined {
  return context.policy.find<SiTransferTermsParams>('si.transfer.terms', context.today);
}

export function requestTransfer(
  command: RequestTransfer,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { policy, today } = context;
  const d = command.data;
  if (!isScheme(d.fromScheme) || !isScheme(d.toScheme)) throw new RangeError('unknown scheme');
  if (familyOf(d.fromScheme) !== familyOf(d.toScheme)) {
    throw new RangeError(`months of ${d.fromScheme} cannot become months of ${d.toScheme}`);
  }
  if (d.fromScheme === d.toScheme && d.fromRegion === d.toRegion)
    throw new RangeError('a transfer must change the place or the scheme');
  if (state.transfers[d.transferId]) throw new RangeError(`transfer ${d.transferId} already exists`);

  const covers = (rule: ResolvedRule<SiTransferParams> | undefined) =>
    rule && rule.params.schemes.includes(d.fromScheme) && rule.params.schemes.includes(d.toScheme) ? rule : undefined;
  const specific = specificRuleId(d.fromScheme);
  const rule =
    (specific ? covers(policy.find<SiTransferParams>(specific, today)) : undefined) ??
    covers(policy.find<SiTransferParams>('si.transfer.any', today));
  if (!rule) {
    return notProvided(policy, specific ?? 'si.transfer.any', `不予办理${SCHEME_NAMES[d.fromScheme]}关系转移接续`);
  }
  const pending = transfersInFlight(state).find((t) => familyOf(t.fromScheme) === familyOf(d.fromScheme));
  if (pending) {
    return refuse(policy, rule, {
      code: 'TRANSFER_IN_FLIGHT',
      reason: `暂不受理：${SCHEME_NAMES[pending.fromScheme]}关系转移（${pending.transferId}）正在办理`,
      computed: { transferId: pending.transferId, status: pending.status },
      wouldChange: `转移 ${pending.transferId} 办结或被退回`,
    });
  }
  const termsRule = terms(context);
  const event: TransferRequested = {
    type: 'TransferRequested',
    data: {
      workerId: d.workerId,
      transferId: d.transferId,
      fromScheme: d.fromScheme,
      toScheme: d.toScheme,
      fromRegion: d.fromRegion,
      toRegion: d.toRegion,
      requestedOn: today,
      ...(termsRule
        ? {
            letterDue: periodEnd(today, termsRule.params.letterWithin),
            completionDue: periodEnd(today, termsRule.params.completeWithin),
          }
        : {}),
      // The accepting rule comes first: evolve reads it as the transfer's governing rule.
      decision: decisionRecord(policy, today, termsRule ? [rule, termsRule] : [rule], {
        fromScheme: d.fromScheme,
        toScheme: d.toScheme,
        fromRegion: d.fromRegion,
        toRegion: d.toRegion,
      }),
    },
  };
  return [event];
}

function transferOf(state: InsuranceState, transferId: string): Transfer {
  const transfer = state.transfers[transferId];
  if (!transfer) throw new RangeError(`no transfer ${transferId}`);
  return transfer;
}

const STATUS_NAMES: Record<TransferStatus, string> = {
  requested: '已受理，待出具联系函',
  'letter-issued': '已出具联系函，待转入资金',
  'funds-received': '资金已到账，待办结',
  completed: '已办结',
  rejected: '已退回',
};

/** A step out of order: refused under the rule that accepted the transfer. */
function outOfOrder(
  context: InsuranceContext,
  transfer: Transfer,
  code: string,
  action: string,
  expected: TransferStatus[],
): Refusal {
  const reason = `不予${action}：转移 ${transfer.transferId} ${STATUS_NAMES[transfer.status]}`;
  const rule = context.policy.find(transfer.ruleId, context.today);
  if (!rule) return notProvided(context.policy, transfer.ruleId, reason);
  return refuse(context.policy, rule, { code, reason, computed: transfer.status, required: expected });
}

export function issueTransferLetter(
  command: IssueTransferLetter,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const transfer = transferOf(state, command.data.transferId);
  if (transfer.status !== 'requested')
    return outOfOrder(context, transfer, 'TRANSFER_NOT_AWAITING_LETTER', '出具联系函', ['requested']);
  return [
    {
      type: 'TransferLetterIssued',
      data: { transferId: transfer.transferId, letterId: command.data.letterId, issuedOn: context.today },
    },
  ];
}

export function receiveTransferFunds(
  command: ReceiveTransferFunds,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const transfer = transferOf(state, command.data.transferId);
  const months = normaliseMonths(command.data.months);
  if (months.length === 0) throw new RangeError('a transfer carries at least one month');
  if (!Number.isInteger(command.data.amountFen) || command.data.amountFen < 0)
    throw new RangeError('amountFen must be whole fen');
  if (transfer.status !== 'letter-issued')
    return outOfOrder(context, transfer, 'TRANSFER_NOT_AWAITING_FUNDS', '登记转入资金', ['letter-issued']);
  return [
    {
      type: 'TransferFundsReceived',
      data: { transferId: transfer.transferId, months, amountFen: command.data.amountFen, receivedOn: context.today },
    },
  ];
}

/**
 * Completion credits the carried months to the destination. A month the destination already
 * holds (paid there too) counts once where the pack says so (si.transfer.terms; docs/policy-rules.md §3).
 */
export function completeTransfer(
  command: CompleteTransfer,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const { policy, today } = context;
  const transfer = transferOf(state, command.data.transferId);
  if (transfer.status !== 'funds-received')
    return outOfOrder(context, transfer, 'TRANSFER_NOT_READY', '办结转移', ['funds-received']);
  const termsRule = terms(context);
  const countOnce = termsRule?.params.monthPaidTwiceCountsOnce ?? true;
  const months = transfer.months ?? [];
  // The source's own entries move with the account; only another place's payment is a second payment.
  const heldElsewhere = (month: string) =>
    (state.contributions[transfer.toScheme]?.[month] ?? []).some(
      (e) => !(transfer.fromScheme === transfer.toScheme && e.region === transfer.fromRegion),
    );
  const alreadyHeld = months.filter(heldElsewhere);
  const credited = countOnce ? months.filter((m) => !heldElsewhere(m)) : months;
  const governing = policy.find(transfer.ruleId, today);
  const rules = [governing, termsRule].filter((r): r is ResolvedRule => r !== undefined);
  const event: TransferCompleted = {
    type: 'TransferCompleted',
    data: {
      workerId: command.data.workerId,
      transferId: transfer.transferId,
      scheme: transfer.toScheme,
      region: transfer.toRegion,
      monthsCredited: credited,
      monthsAlreadyHeld: alreadyHeld,
      completedOn: today,
      decision: decisionRecord(policy, today, rules, {
        months,
        alreadyHeld,
        countOnce,
        requestedOn: transfer.requestedOn,
      }),
    },
  };
  return [event];
}

export function rejectTransfer(
  command: RejectTransfer,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  const transfer = transferOf(state, command.data.transferId);
  if (!command.data.reasonCode) throw new RangeError('a rejection needs a reason code');
  if (transfer.status === 'completed' || transfer.status === 'rejected') {
    return outOfOrder(context, transfer, 'TRANSFER_NOT_IN_FLIGHT', '退回转移', [
      'requested',
      'letter-issued',
      'funds-received',
    ]);
  }
  return [
    {
      type: 'TransferRejected',
      data: { transferId: transfer.transferId, reasonCode: command.data.reasonCode, rejectedOn: context.today },
    },
  ];
}
