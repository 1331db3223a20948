import { fold } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import { requiredHires } from './decide-firm';
import type { EmployerCommand, RecordWagePayment } from './employer-commands';
import { employerDecider } from './employer-decide';
import type { EmployerEvent, WagePaymentRecorded } from './employer-events';
import { firmContext, like, packsWithout, type PackId } from './spec-support';

const F = 'firm-1';
const cmd = <T extends EmployerCommand['type']>(
  type: T,
  data: Omit<Extract<EmployerCommand, { type: T }>['data'], 'employerId'>,
) => ({ type, data: { employerId: F, ...data } }) as unknown as EmployerCommand;

function history(
  pack: PackId,
  steps: [string, EmployerCommand, Parameters<typeof firmContext>[2]?][],
): EmployerEvent[] {
  return steps.reduce<EmployerEvent[]>((events, [today, command, extra]) => {
    const out = employerDecider.decide(command, fold(employerDecider, events), firmContext(pack, today, extra));
    if (!Array.isArray(out)) throw new Error(`${command.type} refused: ${out.detail}`);
    return [...events, ...out];
  }, []);
}

describe('subsidy.agency-placement [sanming] (draft): 50,000 fen per person, ≤ 20,000,000 fen in total', () => {
  const ok = { placement: { commercialAgency: true, firmPrivate: true, firmInCity: true } };
  const place = (n: number) =>
    cmd('AwardAgencyPlacement', { placementId: `p-${n}`, workerId: `w-${n}`, firmId: 'private-1' });

  it('awards 50,000 fen for a worker sent to a private firm in the city on 2024-03-01', () => {
    spec(employerDecider)
      .given([])
      .when(place(1), firmContext('sanming', '2024-03-01', ok))
      .then(
        like([
          {
            type: 'AgencyPlacementAwarded',
            data: {
              workerId: 'w-1',
              amountFen: 50000,
              decision: {
                provisional: true,
                rules: [{ ruleId: 'subsidy.agency-placement', source: 'sanming-draft §3', status: 'draft' }],
              },
            },
          },
        ]),
      );
  });

  it('awards the 400th worker and refuses the 401st on 2024-12-01: the 20,000,000 fen cap', () => {
    const given = history(
      'sanming',
      Array.from({ length: 400 }, (_, i) => ['2024-06-01', place(i + 1), ok] as [string, EmployerCommand, typeof ok]),
    );
    expect(fold(employerDecider, given).placementTotalFen).toBe(20000000);
    spec(employerDecider)
      .given(given)
      .when(place(401), firmContext('sanming', '2024-12-01', ok))
      .thenRefuses({ ruleId: 'subsidy.agency-placement', code: 'CAP_REACHED', computed: 20000000, required: 20000000 });
  });

  it('refuses the same worker twice, a non-commercial agency, and a firm that is not private (2024-03-01)', () => {
    spec(employerDecider)
      .given(history('sanming', [['2024-03-01', place(1), ok]]))
      .when(place(1), firmContext('sanming', '2024-03-02', ok))
      .thenRefuses({ code: 'ALREADY_AWARDED' });
    spec(employerDecider)
      .given([])
      .when(place(1), firmContext('sanming', '2024-03-01', { placement: { ...ok.placement, commercialAgency: false } }))
      .thenRefuses({ code: 'NOT_COMMERCIAL_AGENCY' });
    spec(employerDecider)
      .given([])
      .when(place(1), firmContext('sanming', '2024-03-01', { placement: { ...ok.placement, firmPrivate: false } }))
      .thenRefuses({ code: 'NOT_PRIVATE_FIRM_IN_CITY' });
  });
});

describe('loan.guarantee.firm [sanming] (draft): eligible hires ≥ 15% of staff (8% above 100), ≤ 300,000,000 fen', () => {
  const loan = (loanId: string, amountFen = 100000000) => cmd('ApproveFirmGuaranteedLoan', { loanId, amountFen });
  const firm = (staffCount: number, eligibleHiresThisYear: number, smallOrMicro = true) => ({
    firm: { staffCount, eligibleHiresThisYear, smallOrMicro },
  });

  it('needs 2 hires from 7 staff (15% of 7 = 1.05, rounded up to whole people)', () => {
    expect(requiredHires(7, 15)).toBe(2);
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(7, 2)))
      .then(like([{ type: 'FirmGuaranteedLoanApproved', data: { requiredHires: 2 } }]));
    const refusal = spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(7, 1)))
      .thenRefuses({
        ruleId: 'loan.guarantee.firm',
        code: 'TOO_FEW_ELIGIBLE_HIRES',
        required: { eligibleHires: 2, percent: 15 },
        wouldChange: '再招用符合条件人员1人',
      });
    expect(refusal.detail).toBe(
      '不予受理创业担保贷款：当年新招用符合条件人员1人，不足在职职工7人的15%（需2人）（`loan.guarantee.firm`，sanming-draft §4，征求意见稿）',
    );
  });

  it('uses 15% for a firm of exactly 100 staff on 2024-03-01 (超100人 excludes 100): 15 hires', () => {
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(100, 14)))
      .thenRefuses({ required: { eligibleHires: 15, percent: 15 } });
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(100, 15)))
      .then(like([{ data: { requiredHires: 15 } }]));
  });

  it('uses 8% for a firm of 101 staff on 2024-03-01: 9 hires (8.08 rounded up)', () => {
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(101, 8)))
      .thenRefuses({ required: { eligibleHires: 9, percent: 8 } });
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(101, 9)))
      .then(like([{ data: { requiredHires: 9, decision: { inputs: { percent: 8 } } } }]));
  });

  it('approves up to 300,000,000 fen in total and refuses beyond it (2024)', () => {
    const given = history('sanming', [['2024-03-01', loan('l-1', 250000000), firm(20, 3)]]);
    spec(employerDecider)
      .given(given)
      .when(loan('l-2', 60000000), firmContext('sanming', '2024-06-01', firm(20, 3)))
      .thenRefuses({ code: 'OVER_LIMIT', required: 300000000, wouldChange: '申请金额不超过500000元' });
    spec(employerDecider)
      .given(given)
      .when(loan('l-2', 50000000), firmContext('sanming', '2024-06-01', firm(20, 3)))
      .then(like([{ data: { amountFen: 50000000 } }]));
  });

  it('refuses a firm that is not small or micro on 2024-03-01', () => {
    spec(employerDecider)
      .given([])
      .when(loan('l-1'), firmContext('sanming', '2024-03-01', firm(20, 10, false)))
      .thenRefuses({ code: 'NOT_SMALL_OR_MICRO' });
  });
});

describe.each(packsWithout('sanming'))('the sanming firm rules in the %s pack: not provided', (pack) => {
  it(`subsidy.agency-placement [${pack}] refuses with notProvided on 2024-03-01`, () => {
    spec(employerDecider)
      .given([])
      .when(
        cmd('AwardAgencyPlacement', { placementId: 'p-1', workerId: 'w-1', firmId: 'f' }),
        firmContext(pack, '2024-03-01', { placement: { commercialAgency: true, firmPrivate: true, firmInCity: true } }),
      )
      .thenRefuses({ ruleId: 'subsidy.agency-placement', code: 'NOT_PROVIDED_BY_PACK' });
  });
  it(`loan.guarantee.firm [${pack}] refuses with notProvided on 2024-03-01`, () => {
    spec(employerDecider)
      .given([])
      .when(
        cmd('ApproveFirmGuaranteedLoan', { loanId: 'l-1', amountFen: 100 }),
        firmContext(pack, '2024-03-01', { firm: { staffCount: 7, eligibleHiresThisYear: 7, smallOrMicro: true } }),
      )
      .thenRefuses({ ruleId: 'loan.guarantee.firm', code: 'NOT_PROVIDED_BY_PACK' });
  });
});

const payment = (over: Partial<RecordWagePayment['data']> = {}): EmployerCommand =>
  cmd('RecordWagePayment', {
    paymentId: 'pay-1',
    workerId: 'w-1',
    month: '2024-02',
    amountFen: 500000,
    channel: 'bank',
    fullMonth: true,
    ...over,
  });
const findingsOf = (
  pack: PackId,
  command: EmployerCommand,
  given: EmployerEvent[] = [],
  extra: Parameters<typeof firmContext>[2] = {},
) => {
  const out = spec(employerDecider)
    .given(given)
    .when(command, firmContext(pack, '2024-03-05', extra))
    .then(like([{ type: 'WagePaymentRecorded' }]));
  return (out[0] as WagePaymentRecorded).data;
};

describe('wages.real-name.pay [fangshan]: every payment names the worker', () => {
  it('records an unnamed payment on 2024-03-05 with an UNNAMED_PAYMENT finding', () => {
    const data = findingsOf('fangshan', payment({ workerId: undefined }));
    expect(data.findings).toEqual([{ ruleId: 'wages.real-name.pay', code: 'UNNAMED_PAYMENT' }]);
    expect(data).not.toHaveProperty('workerId');
    expect(data.decision.rules.map((r) => r.ruleId)).toEqual(['wages.real-name.pay']);
  });

  it('records a named payment on 2024-03-05 with no finding', () => {
    expect(findingsOf('fangshan', payment()).findings).toEqual([]);
  });
});

describe('wages.real-name.site [fangshan]: construction pays only workers on the real-name roster', () => {
  const site = { project: { projectId: 'site-1', construction: true } };

  it('flags on 2024-03-05 a construction payment to a worker not on the site roster, and not one on it', () => {
    expect(findingsOf('fangshan', payment({ projectId: 'site-1' }), [], site).findings).toEqual([
      {
        ruleId: 'wages.real-name.site',
        code: 'NOT_ON_SITE_ROSTER',
        computed: { projectId: 'site-1', workerId: 'w-1' },
      },
    ]);
    const roster = history('fangshan', [
      ['2024-01-02', cmd('RegisterSiteWorker', { projectId: 'site-1', workerId: 'w-1' })],
    ]);
    const data = findingsOf('fangshan', payment({ projectId: 'site-1' }), roster, site);
    expect(data.findings).toEqual([]);
    expect(data.decision.rules.map((r) => r.ruleId)).toEqual(['wages.real-name.site', 'wages.real-name.pay']);
  });

  it('does not apply the roster to a project outside construction (2024-03-05)', () => {
    const data = findingsOf('fangshan', payment({ projectId: 'shop-1' }), [], {
      project: { projectId: 'shop-1', construction: false },
    });
    expect(data.findings).toEqual([]);
    expect(data.decision.rules.map((r) => r.ruleId)).toEqual(['wages.real-name.pay']);
  });

  it('registers a worker on a roster once: a repeat appends nothing', () => {
    const roster = history('fangshan', [
      ['2024-01-02', cmd('RegisterSiteWorker', { projectId: 'site-1', workerId: 'w-1' })],
    ]);
    expect(roster).toEqual([
      {
        type: 'SiteWorkerRegistered',
        data: { employerId: F, projectId: 'site-1', workerId: 'w-1', registeredOn: '2024-01-02' },
      },
    ]);
    spec(employerDecider)
      .given(roster)
      .when(cmd('RegisterSiteWorker', { projectId: 'site-1', workerId: 'w-1' }), firmContext('fangshan', '2024-01-03'))
      .then([]);
  });
});

describe('wages.bank-paid [fengdu]: wages through a bank', () => {
  it('flags a cash payment on 2024-03-05 and not a bank one', () => {
    expect(findingsOf('fengdu', payment({ channel: 'cash' })).findings).toEqual([
      { ruleId: 'wages.bank-paid', code: 'NOT_BANK_PAID', computed: 'cash', required: 'bank' },
    ]);
    expect(findingsOf('fengdu', payment()).findings).toEqual([]);
  });

  it('does not check names in fengdu: an unnamed bank payment has no finding (2024-03-05)', () => {
    expect(findingsOf('fengdu', payment({ workerId: undefined })).findings).toEqual([]);
  });
});

describe('wages.minimum [shaoxing] with wages.minimum-standard [shaoxing] (illustrative)', () => {
  it('flags a full month paid 123,399 fen, 1 fen under the illustrative 123,400 minimum, on 2024-03-05', () => {
    const data = findingsOf('shaoxing', payment({ amountFen: 123399 }));
    expect(data.findings).toEqual([
      { ruleId: 'wages.minimum', code: 'BELOW_MINIMUM_WAGE', computed: 123399, required: 123400 },
    ]);
    expect(data.decision).toMatchObject({
      provisional: true,
      rules: [
        { ruleId: 'wages.minimum', source: 'shaoxing-2016-11 §(六)' },
        { ruleId: 'wages.minimum-standard', status: 'illustrative' },
      ],
    });
  });

  it('does not flag exactly the minimum, nor a part month below it (2024-03-05)', () => {
    expect(findingsOf('shaoxing', payment({ amountFen: 123400 })).findings).toEqual([]);
    expect(findingsOf('shaoxing', payment({ amountFen: 50000, fullMonth: false })).findings).toEqual([]);
  });

  it('does not check cash or names in shaoxing (2024-03-05)', () => {
    expect(findingsOf('shaoxing', payment({ channel: 'cash', workerId: undefined })).findings).toEqual([]);
  });
});

describe('wages.bank-paid [panzhihua] (panzhihua-2016-10 §(六) 逐步推行银行代发放工资制度)', () => {
  it('flags a cash payment on 2024-03-05 and not a bank one, naming no other wage rule', () => {
    const cash = findingsOf('panzhihua', payment({ channel: 'cash', workerId: undefined, amountFen: 100 }));
    expect(cash.findings).toEqual([{ ruleId: 'wages.bank-paid', code: 'NOT_BANK_PAID', computed: 'cash', required: 'bank' }]);
    expect(cash.decision.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual(['wages.bank-paid']);
    expect(findingsOf('panzhihua', payment()).findings).toEqual([]);
  });
});

describe.each(['sanming'] as const)('wage rules not in the %s pack', (pack) => {
  it(`records an unnamed cash payment below the minimum with no finding: wages.real-name.pay, wages.bank-paid and wages.minimum [${pack}] are not provided`, () => {
    const data = findingsOf(pack, payment({ channel: 'cash', workerId: undefined, amountFen: 100 }));
    expect(data.findings).toEqual([]);
    expect(data.decision.rules).toEqual([]);
  });
});

describe.each(packsWithout('fangshan'))('wages.real-name.site [%s]: not provided', (pack) => {
  it('records a construction payment to a worker on no roster without a roster finding (2024-03-05)', () => {
    const data = findingsOf(pack, payment({ projectId: 'site-1' }), [], {
      project: { projectId: 'site-1', construction: true },
    });
    expect(data.findings.map((f) => f.ruleId)).not.toContain('wages.real-name.site');
  });
});

describe('RecordWagePayment: bad input', () => {
  it('rejects a payment id recorded before, a malformed month and an unknown channel', () => {
    const given = history('fangshan', [['2024-03-05', payment()]]);
    spec(employerDecider)
      .given(given)
      .when(payment(), firmContext('fangshan', '2024-03-06'))
      .thenThrows(/already recorded/);
    spec(employerDecider)
      .given([])
      .when(payment({ month: '2024-2' }), firmContext('fangshan', '2024-03-06'))
      .thenThrows(/not a month/);
    spec(employerDecider)
      .given([])
      .when(payment({ channel: 'wechat' as 'bank' }), firmContext('fangshan', '2024-03-06'))
      .thenThrows(/unknown channel/);
  });
});
