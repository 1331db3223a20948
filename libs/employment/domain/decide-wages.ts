import type { Decided } from '@ledger/kernel';
import { decisionRecord, type ResolvedRule } from '@ledger/policy';
import type { MinimumStandardParams } from '@ledger/policy/params/employment';
import type { RecordWagePayment, RegisterSiteWorker } from './employer-commands';
import type { EmployerContext } from './employer-context';
import type { EmployerEvent, WageFinding } from './employer-events';
import type { EmployerState } from './employer-state';
import { PAYMENT_CHANNELS } from './kinds';
import { assertFen, isYearMonth } from './wording';

/** A construction project's real-name roster entry: a fact the site reports. */
export function registerSiteWorker(
  command: RegisterSiteWorker,
  state: EmployerState,
  context: EmployerContext,
): Decided<EmployerEvent> {
  const { employerId, projectId, workerId } = command.data;
  if (!projectId || !workerId) throw new RangeError('a roster entry names the project and the worker');
  if (state.rosters[projectId]?.includes(workerId)) return [];
  return [{ type: 'SiteWorkerRegistered', data: { employerId, projectId, workerId, registeredOn: context.today } }];
}

/**
 * Records a wage payment and what the pack's wage rules find wrong with it: fangshan-2017
 * §五(一)(二) (real-name roster and payment), fengdu-2017-29 §二 (through a bank), shaoxing-2016-11
 * §(六) (not below the minimum). A payment breaching a rule still happened, so it is recorded with
 * its findings rather than refused; a pack without a rule checks nothing under it.
 */
export function recordWagePayment(
  command: RecordWagePayment,
  state: EmployerState,
  context: EmployerContext,
): Decided<EmployerEvent> {
  const { policy, today } = context;
  const d = command.data;
  if (!isYearMonth(d.month)) throw new RangeError(`not a month YYYY-MM: ${d.month}`);
  if (!PAYMENT_CHANNELS.includes(d.channel)) throw new RangeError(`unknown channel ${String(d.channel)}`);
  assertFen(d.amountFen, 'amountFen');
  if (state.payments.includes(d.paymentId)) throw new RangeError(`payment ${d.paymentId} is already recorded`);
  if (d.projectId && context.project?.projectId !== d.projectId)
    throw new RangeError(`attested.project must describe project ${d.projectId}`);

  const applied: ResolvedRule<unknown>[] = [];
  const findings: WageFinding[] = [];

  const site = policy.find('wages.real-name.site', today);
  if (site && d.projectId && context.project?.construction) {
    applied.push(site);
    const roster = state.rosters[d.projectId] ?? [];
    if (!d.workerId || !roster.includes(d.workerId)) {
      findings.push({
        ruleId: site.id,
        code: 'NOT_ON_SITE_ROSTER',
        computed: { projectId: d.projectId, workerId: d.workerId ?? null },
      });
    }
  }
  const pay = policy.find('wages.real-name.pay', today);
  if (pay) {
    applied.push(pay);
    if (!d.workerId) findings.push({ ruleId: pay.id, code: 'UNNAMED_PAYMENT' });
  }
  const bank = policy.find('wages.bank-paid', today);
  if (bank) {
    applied.push(bank);
    if (d.channel !== 'bank')
      findings.push({ ruleId: bank.id, code: 'NOT_BANK_PAID', computed: d.channel, required: 'bank' });
  }
  const minimum = policy.find('wages.minimum', today);
  // The standard in force in the month the wage is for.
  const standard = policy.find<MinimumStandardParams>('wages.minimum-standard', `${d.month}-01`);
  if (minimum && standard && d.fullMonth) {
    applied.push(minimum, standard);
    if (d.amountFen < standard.params.monthlyFen) {
      findings.push({
        ruleId: minimum.id,
        code: 'BELOW_MINIMUM_WAGE',
        computed: d.amountFen,
        required: standard.params.monthlyFen,
      });
    }
  }
  return [
    {
      type: 'WagePaymentRecorded',
      data: {
        employerId: d.employerId,
        paymentId: d.paymentId,
        ...(d.workerId ? { workerId: d.workerId } : {}),
        ...(d.projectId ? { projectId: d.projectId } : {}),
        month: d.month,
        amountFen: d.amountFen,
        channel: d.channel,
        fullMonth: d.fullMonth,
        paidOn: today,
        findings,
        decision: decisionRecord(policy, today, applied, {
          named: d.workerId !== undefined,
          channel: d.channel,
          amountFen: d.amountFen,
          fullMonth: d.fullMonth,
          ...(d.projectId ? { project: context.project } : {}),
        }),
      },
    },
  ];
}
