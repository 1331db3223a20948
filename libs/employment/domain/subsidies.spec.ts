import { fold } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import type { EmploymentCommand } from './commands';
import { employmentDecider } from './decide';
import type { EmploymentEvent } from './events';
import { like, packsWithout, workerContext, type PackId } from './spec-support';

const W = 'w-1';
const cmd = <T extends EmploymentCommand['type']>(
  type: T,
  data: Omit<Extract<EmploymentCommand, { type: T }>['data'], 'workerId'>,
) => ({ type, data: { workerId: W, ...data } }) as EmploymentCommand;

/** Runs commands in order on sanming's pack, each with its day and context facts. */
function history(
  steps: [string, EmploymentCommand, Parameters<typeof workerContext>[2]?][],
  pack: PackId = 'sanming',
): EmploymentEvent[] {
  return steps.reduce<EmploymentEvent[]>((events, [today, command, extra]) => {
    const out = employmentDecider.decide(command, fold(employmentDecider, events), workerContext(pack, today, extra));
    if (!Array.isArray(out)) throw new Error(`${command.type} refused: ${out.detail}`);
    return [...events, ...out];
  }, []);
}

const registeredJobless = (): [string, EmploymentCommand, Parameters<typeof workerContext>[2]] => [
  '2024-01-10',
  cmd('RegisterUnemployment', {}),
  { continuousResidenceSince: '2022-01-01', employed: false, migrantWorker: true },
];

describe('unemployment.public-post [sanming] (draft): minimum wage plus the employer’s pension, medical and unemployment contributions', () => {
  it('places a registered jobless worker who cannot find work unaided on 2024-02-01, ending the registration', () => {
    const given = history([registeredJobless()]);
    const out = spec(employmentDecider)
      .given(given)
      .when(
        cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'street-office' }),
        workerContext('sanming', '2024-02-01', { cannotFindWorkUnaided: true }),
      )
      .then(
        like([
          {
            type: 'PlacedOnPublicPost',
            data: {
              postId: 'post-1',
              startedOn: '2024-02-01',
              decision: { provisional: true, rules: [{ ruleId: 'unemployment.public-post', status: 'draft' }] },
            },
          },
        ]),
      );
    expect(fold(employmentDecider, [...given, ...out]).unemployment?.open).toBe(false);
  });

  it('refuses placement on 2024-02-01 without an unemployment registration, and for a worker able to find work unaided', () => {
    spec(employmentDecider)
      .given([])
      .when(
        cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }),
        workerContext('sanming', '2024-02-01', { cannotFindWorkUnaided: true }),
      )
      .thenRefuses({
        ruleId: 'unemployment.public-post',
        code: 'NOT_REGISTERED_UNEMPLOYED',
        wouldChange: '先办理失业登记',
      });
    const refusal = spec(employmentDecider)
      .given(history([registeredJobless()]))
      .when(
        cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }),
        workerContext('sanming', '2024-02-01', { cannotFindWorkUnaided: false }),
      )
      .thenRefuses({ code: 'CAN_FIND_WORK_UNAIDED' });
    expect(refusal.detail).toContain('sanming-draft §2，征求意见稿');
  });

  it('grants February 2024 on 2024-03-05: the illustrative minimum wage 123400 fen plus the three contributions, not work injury', () => {
    const given = history([
      registeredJobless(),
      ['2024-02-01', cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }), { cannotFindWorkUnaided: true }],
    ]);
    const [event] = spec(employmentDecider)
      .given(given)
      .when(
        cmd('GrantPublicPostSubsidy', { postId: 'post-1', month: '2024-02' }),
        workerContext('sanming', '2024-03-05', {
          employerContributionsFen: {
            'employee-pension': 32000,
            'employee-medical': 12000,
            unemployment: 1000,
            'work-injury': 800,
          },
        }),
      )
      .then(
        like([
          {
            type: 'PublicPostSubsidyGranted',
            data: {
              month: '2024-02',
              wageFen: 123400,
              contributionsFen: { 'employee-pension': 32000, 'employee-medical': 12000, unemployment: 1000 },
              totalFen: 168400,
            },
          },
        ]),
      );
    expect(event?.data.decision.rules.map((r) => [r.ruleId, r.status])).toEqual([
      ['unemployment.public-post', 'draft'],
      ['wages.minimum-standard', 'illustrative'],
    ]);
    expect(event?.data).not.toHaveProperty(['contributionsFen', 'work-injury']);
  });

  it('refuses a month before the placement and a month already paid (2024-03-05)', () => {
    const given = history([
      registeredJobless(),
      ['2024-02-01', cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }), { cannotFindWorkUnaided: true }],
      [
        '2024-03-01',
        cmd('GrantPublicPostSubsidy', { postId: 'post-1', month: '2024-02' }),
        { employerContributionsFen: {} },
      ],
    ]);
    spec(employmentDecider)
      .given(given)
      .when(
        cmd('GrantPublicPostSubsidy', { postId: 'post-1', month: '2024-01' }),
        workerContext('sanming', '2024-03-05'),
      )
      .thenRefuses({ code: 'NOT_ON_PUBLIC_POST' });
    spec(employmentDecider)
      .given(given)
      .when(
        cmd('GrantPublicPostSubsidy', { postId: 'post-1', month: '2024-02' }),
        workerContext('sanming', '2024-03-05'),
      )
      .thenRefuses({ code: 'ALREADY_GRANTED' });
  });
});

describe.each(packsWithout('sanming'))('unemployment.public-post [%s]: not in the pack', (pack) => {
  it('refuses placement with notProvided on 2024-02-01', () => {
    spec(employmentDecider)
      .given([])
      .when(
        cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }),
        workerContext(pack, '2024-02-01', { cannotFindWorkUnaided: true }),
      )
      .thenRefuses({ ruleId: 'unemployment.public-post', code: 'NOT_PROVIDED_BY_PACK' });
  });
});

describe('wages.minimum-standard [sanming] (illustrative): the local minimum wage the public post pays', () => {
  it('is read for the month worked and flags the decision as illustrative (2024-03-05)', () => {
    const events = history([
      registeredJobless(),
      ['2024-02-01', cmd('PlaceOnPublicPost', { postId: 'post-1', employerId: 'e' }), { cannotFindWorkUnaided: true }],
      ['2024-03-05', cmd('GrantPublicPostSubsidy', { postId: 'post-1', month: '2024-02' }), {}],
    ]);
    expect(events.at(-1)).toMatchObject({
      data: { wageFen: 123400, totalFen: 123400, decision: { provisional: true } },
    });
  });
});

describe('subsidy.startup [sanming] (draft): once, first venture running ≥ 1 year, ≤ 1,000,000 fen', () => {
  const venture = (openedOn: string, earlierVentures = 0, operatingNormally = true) => ({
    venture: { ventureId: 'v-1', openedOn, operatingNormally, earlierVentures },
  });
  const grant = (requestedFen = 1000000) => cmd('GrantStartupSubsidy', { ventureId: 'v-1', requestedFen });

  it('grants on 2024-03-15 a venture opened 2023-03-15: exactly one year', () => {
    spec(employmentDecider)
      .given([])
      .when(grant(), workerContext('sanming', '2024-03-15', venture('2023-03-15')))
      .then(
        like([
          {
            type: 'StartupSubsidyGranted',
            data: {
              amountFen: 1000000,
              decision: {
                provisional: true,
                rules: [{ ruleId: 'subsidy.startup', source: 'sanming-draft §4', status: 'draft' }],
              },
            },
          },
        ]),
      );
  });

  it('refuses on 2024-03-14, one day short, eligible from 2024-03-15', () => {
    const refusal = spec(employmentDecider)
      .given([])
      .when(grant(), workerContext('sanming', '2024-03-14', venture('2023-03-15')))
      .thenRefuses({ ruleId: 'subsidy.startup', code: 'RUNNING_TOO_SHORT', eligibleFrom: '2024-03-15' });
    expect(refusal.detail).toBe(
      '不予发放一次性创业补贴：正常经营11个月28天，不满1年（`subsidy.startup`，sanming-draft §4，征求意见稿）',
    );
  });

  it('grants a 29 February venture on 2025-02-28, its first anniversary', () => {
    spec(employmentDecider)
      .given([])
      .when(grant(), workerContext('sanming', '2025-02-28', venture('2024-02-29')))
      .then(like([{ type: 'StartupSubsidyGranted' }]));
  });

  it('caps a request of 1,500,000 fen at 1,000,000 on 2024-06-01', () => {
    spec(employmentDecider)
      .given([])
      .when(grant(1500000), workerContext('sanming', '2024-06-01', venture('2023-01-01')))
      .then(like([{ data: { requestedFen: 1500000, amountFen: 1000000 } }]));
  });

  it('refuses a second venture on 2024-06-01, and a second grant once one was made', () => {
    spec(employmentDecider)
      .given([])
      .when(grant(), workerContext('sanming', '2024-06-01', venture('2023-01-01', 1)))
      .thenRefuses({ code: 'NOT_FIRST_VENTURE' });
    const given = history([['2024-06-01', grant(), venture('2023-01-01')]]);
    spec(employmentDecider)
      .given(given)
      .when(grant(), workerContext('sanming', '2025-06-01', venture('2023-01-01')))
      .thenRefuses({ code: 'ALREADY_GRANTED' });
  });

  it('refuses a venture not operating normally on 2024-06-01', () => {
    spec(employmentDecider)
      .given([])
      .when(grant(), workerContext('sanming', '2024-06-01', venture('2023-01-01', 0, false)))
      .thenRefuses({ code: 'NOT_OPERATING_NORMALLY' });
  });
});

describe('subsidy.startup-jobs [sanming] (draft): ≤ 3,000,000 fen in total', () => {
  const grant = (requestedFen: number) => cmd('GrantStartupJobsSubsidy', { ventureId: 'v-1', requestedFen });

  it('grants 2,000,000 then cuts the next 2,000,000 to the 1,000,000 left, then refuses (2024)', () => {
    const given = history([['2024-03-01', grant(2000000)]]);
    const out = spec(employmentDecider)
      .given(given)
      .when(grant(2000000), workerContext('sanming', '2024-06-01'))
      .then(like([{ data: { requestedFen: 2000000, amountFen: 1000000 } }]));
    spec(employmentDecider)
      .given([...given, ...out])
      .when(grant(1), workerContext('sanming', '2024-09-01'))
      .thenRefuses({ ruleId: 'subsidy.startup-jobs', code: 'CAP_REACHED', computed: 3000000, required: 3000000 });
  });
});

describe('loan.guarantee.person [sanming] (draft): ≤ 20,000,000 fen', () => {
  const loan = (loanId: string, amountFen: number) => cmd('ApproveGuaranteedLoan', { loanId, amountFen });

  it('approves exactly 20,000,000 fen on 2024-03-01 and refuses 1 fen more on 2024-06-01', () => {
    const given = history([['2024-03-01', loan('l-1', 20000000), { guaranteedLoanEligible: true }]]);
    expect(given[0]).toMatchObject({ type: 'GuaranteedLoanApproved', data: { amountFen: 20000000 } });
    spec(employmentDecider)
      .given(given)
      .when(loan('l-2', 1), workerContext('sanming', '2024-06-01', { guaranteedLoanEligible: true }))
      .thenRefuses({ code: 'OVER_LIMIT', wouldChange: '已达最高额度' });
  });

  it('refuses 25,000,000 fen on 2024-03-01, naming the most that could be lent', () => {
    spec(employmentDecider)
      .given([])
      .when(loan('l-1', 25000000), workerContext('sanming', '2024-03-01', { guaranteedLoanEligible: true }))
      .thenRefuses({
        ruleId: 'loan.guarantee.person',
        code: 'OVER_LIMIT',
        required: 20000000,
        wouldChange: '申请金额不超过200000元',
      });
  });

  it('refuses an applicant who does not meet the loan conditions on 2024-03-01', () => {
    spec(employmentDecider)
      .given([])
      .when(loan('l-1', 100), workerContext('sanming', '2024-03-01', { guaranteedLoanEligible: false }))
      .thenRefuses({ code: 'NOT_ELIGIBLE' });
  });
});

describe('subsidy.appraisal [sanming] (draft) with subsidy.appraisal.grades [sanming] (illustrative): 70,000–300,000 fen by grade', () => {
  const grant = (certificateId: string, skillLevel: '初级' | '中级' | '高级' | '技师' | '高级技师') =>
    cmd('GrantAppraisalSubsidy', { certificateId, skillLevel });

  it.each([
    ['初级', 70000],
    ['中级', 120000],
    ['高级技师', 300000],
  ] as const)('grants a %s certificate %d fen on 2024-03-01, flagged draft and illustrative', (level, amountFen) => {
    spec(employmentDecider)
      .given([])
      .when(grant('c-1', level), workerContext('sanming', '2024-03-01'))
      .then(
        like([
          {
            type: 'AppraisalSubsidyGranted',
            data: {
              skillLevel: level,
              amountFen,
              decision: {
                provisional: true,
                rules: [
                  { ruleId: 'subsidy.appraisal', status: 'draft' },
                  { ruleId: 'subsidy.appraisal.grades', status: 'illustrative' },
                ],
              },
            },
          },
        ]),
      );
  });

  it('refuses the same certificate twice on 2024-04-01', () => {
    spec(employmentDecider)
      .given(history([['2024-03-01', grant('c-1', '中级')]]))
      .when(grant('c-1', '中级'), workerContext('sanming', '2024-04-01'))
      .thenRefuses({ code: 'ALREADY_GRANTED' });
  });
});

describe('subsidy.shortage-uplift [sanming] (draft): standard × 130/100, rounded down', () => {
  const uplift = (trainingId: string, standardFen: number) =>
    cmd('UpliftTrainingSubsidy', { trainingId, occupation: '焊工', standardFen });

  it('uplifts 100,000 fen to 130,000 and 12,345 fen to 16,048 (16,048.5 rounded down) on 2024-03-01', () => {
    const ctx = workerContext('sanming', '2024-03-01', { shortageOccupation: true });
    spec(employmentDecider)
      .given([])
      .when(uplift('t-1', 100000), ctx)
      .then(like([{ type: 'TrainingSubsidyUplifted', data: { standardFen: 100000, amountFen: 130000 } }]));
    spec(employmentDecider)
      .given([])
      .when(uplift('t-1', 12345), ctx)
      .then(like([{ data: { amountFen: 16048 } }]));
  });

  it('refuses an occupation outside the shortage catalogue on 2024-03-01', () => {
    spec(employmentDecider)
      .given([])
      .when(uplift('t-1', 100000), workerContext('sanming', '2024-03-01', { shortageOccupation: false }))
      .thenRefuses({
        ruleId: 'subsidy.shortage-uplift',
        code: 'NOT_SHORTAGE_OCCUPATION',
        wouldChange: '职业（工种）列入急需紧缺目录',
      });
  });
});

describe('subsidy.training-appraisal [sanming] (draft): ≤ 15,000 fen per person', () => {
  const claim = (claimId: string, requestedFen: number) =>
    cmd('GrantTrainingAppraisalSubsidy', { claimId, requestedFen });

  it('grants 10,000, cuts the next 10,000 to 5,000, then refuses (2024)', () => {
    const given = history([['2024-03-01', claim('c-1', 10000)]]);
    const out = spec(employmentDecider)
      .given(given)
      .when(claim('c-2', 10000), workerContext('sanming', '2024-04-01'))
      .then(like([{ data: { amountFen: 5000 } }]));
    spec(employmentDecider)
      .given([...given, ...out])
      .when(claim('c-3', 100), workerContext('sanming', '2024-05-01'))
      .thenRefuses({ code: 'CAP_REACHED', required: 15000 });
  });
});

describe('legal-aid.wage-claim [sanming] (draft): no means test for wage or work-injury claims', () => {
  it.each(['wage-arrears', 'work-injury-damages'] as const)('waives the means test for %s on 2024-03-01', (claim) => {
    spec(employmentDecider)
      .given([])
      .when(cmd('ApplyForLegalAid', { caseId: 'case-1', claim }), workerContext('sanming', '2024-03-01'))
      .then(
        like([
          {
            type: 'LegalAidMeansTestWaived',
            data: {
              claim,
              decision: { rules: [{ ruleId: 'legal-aid.wage-claim', source: 'sanming-draft §18', status: 'draft' }] },
            },
          },
        ]),
      );
  });

  it('keeps the means test for another claim on 2024-03-01', () => {
    spec(employmentDecider)
      .given([])
      .when(cmd('ApplyForLegalAid', { caseId: 'case-1', claim: 'other' }), workerContext('sanming', '2024-03-01'))
      .thenRefuses({ ruleId: 'legal-aid.wage-claim', code: 'MEANS_TEST_APPLIES' });
  });
});

describe.each(packsWithout('sanming'))('the sanming subsidies in the %s pack: not provided', (pack) => {
  const cases: [string, EmploymentCommand, Parameters<typeof workerContext>[2]][] = [
    [
      'subsidy.startup',
      cmd('GrantStartupSubsidy', { ventureId: 'v-1', requestedFen: 100 }),
      { venture: { ventureId: 'v-1', openedOn: '2020-01-01', operatingNormally: true, earlierVentures: 0 } },
    ],
    ['subsidy.startup-jobs', cmd('GrantStartupJobsSubsidy', { ventureId: 'v-1', requestedFen: 100 }), {}],
    [
      'loan.guarantee.person',
      cmd('ApproveGuaranteedLoan', { loanId: 'l-1', amountFen: 100 }),
      { guaranteedLoanEligible: true },
    ],
    ['subsidy.appraisal', cmd('GrantAppraisalSubsidy', { certificateId: 'c-1', skillLevel: '初级' }), {}],
    [
      'subsidy.shortage-uplift',
      cmd('UpliftTrainingSubsidy', { trainingId: 't-1', occupation: '焊工', standardFen: 100 }),
      { shortageOccupation: true },
    ],
    ['subsidy.training-appraisal', cmd('GrantTrainingAppraisalSubsidy', { claimId: 'c-1', requestedFen: 100 }), {}],
    ['legal-aid.wage-claim', cmd('ApplyForLegalAid', { caseId: 'case-1', claim: 'wage-arrears' }), {}],
  ];
  it.each(cases)(`%s [${pack}] refuses with notProvided on 2024-03-01`, (ruleId, command, extra) => {
    spec(employmentDecider)
      .given([])
      .when(command, workerContext(pack, '2024-03-01', extra))
      .thenRefuses({ ruleId, code: 'NOT_PROVIDED_BY_PACK', packId: pack });
  });
});
