import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import type { HousingContext, WorkerHousingFacts } from './context';
import { housingDecider } from './decide';
import type { HousingEvent } from './events';

const sanming = new PolicyView(loadPack('sanming'));
const panzhihua = new PolicyView(loadPack('panzhihua'));
const fangshan = new PolicyView(loadPack('fangshan'));
const fengdu = new PolicyView(loadPack('fengdu'));
const shaoxing = new PolicyView(loadPack('shaoxing'));

const ctx = (policy: PolicyView, today: string, facts?: WorkerHousingFacts): HousingContext => ({
  policy,
  today,
  facts,
});

const submitted = (submittedOn: string): HousingEvent => ({
  type: 'RentalApplicationSubmitted',
  data: { workerId: 'w1', applicationId: 'a1', submittedOn, householdSize: 3 },
});
const decideA1 = { type: 'DecideRentalEligibility' as const, data: { applicationId: 'a1' } };
const waitlisted = (on: string): HousingEvent[] => [
  {
    type: 'RentalEligibilityDecided',
    data: { applicationId: 'a1', eligible: true, assessedOn: on, decision: {} as never },
  },
  { type: 'Waitlisted', data: { applicationId: 'a1', waitlistedOn: on } },
];

describe('housing.rental.min-work-years [sanming] (sanming-draft §9, draft)', () => {
  const since2020 = { workSpells: [{ from: '2020-02-29' }] };

  it('grants public rental on 2023-02-28, three years (满) from work begun 2020-02-29, as a draft', () => {
    spec(housingDecider)
      .given([submitted('2023-02-28')])
      .when(decideA1, ctx(sanming, '2023-02-28', since2020))
      .then([
        {
          type: 'RentalEligibilityDecided',
          data: expect.objectContaining({
            assessedOn: '2023-02-28',
            decision: expect.objectContaining({
              packId: 'sanming',
              provisional: true,
              rules: [
                expect.objectContaining({
                  ruleId: 'housing.rental.min-work-years',
                  source: 'sanming-draft §9',
                  status: 'draft',
                }),
              ],
              inputs: expect.objectContaining({ worked: { months: 36, days: 0 } }),
            }),
          }),
        },
        { type: 'Waitlisted', data: { applicationId: 'a1', waitlistedOn: '2023-02-28' } },
      ]);
  });

  it('refuses on 2023-02-27, a day short, eligible from 2023-02-28', () => {
    const refusal = spec(housingDecider)
      .given([submitted('2023-02-27')])
      .when(decideA1, ctx(sanming, '2023-02-27', since2020))
      .thenRefuses({
        ruleId: 'housing.rental.min-work-years',
        code: 'WORK_TOO_SHORT',
        status: 'draft',
        eligibleFrom: '2023-02-28',
        computed: { months: 35, days: 29 },
      });
    expect(refusal.detail).toBe(
      '不予公租房保障：在本市工作2年11个月29天，不满3年（`housing.rental.min-work-years`，sanming-draft §9，征求意见稿）',
    );
  });

  it('adds up interrupted work: 17 months 29 days before a gap, then eligible on 2022-04-02, not 2022-04-01', () => {
    const interrupted = { workSpells: [{ from: '2019-01-01', to: '2020-06-30' }, { from: '2020-10-01' }] };
    spec(housingDecider)
      .given([submitted('2022-04-01')])
      .when(decideA1, ctx(sanming, '2022-04-01', interrupted))
      .thenRefuses({ code: 'WORK_TOO_SHORT', eligibleFrom: '2022-04-02', computed: { months: 35, days: 29 } });
    spec(housingDecider)
      .given([submitted('2022-04-02')])
      .when(decideA1, ctx(sanming, '2022-04-02', interrupted))
      .then([{ type: 'RentalEligibilityDecided' }, { type: 'Waitlisted' }]);
  });

  it('joins a change of job without a gap into one spell (2020-02-29 to 2021-05-31, then from 2021-06-01): eligible 2023-02-28', () => {
    const changedJob = { workSpells: [{ from: '2021-06-01' }, { from: '2020-02-29', to: '2021-05-31' }] };
    spec(housingDecider)
      .given([submitted('2023-02-28')])
      .when(decideA1, ctx(sanming, '2023-02-28', changedJob))
      .then([{ type: 'RentalEligibilityDecided' }, { type: 'Waitlisted' }]);
  });

  it('refuses a worker who stopped work short of 3 years with no eligibleFrom (2024-01-10)', () => {
    spec(housingDecider)
      .given([submitted('2024-01-10')])
      .when(decideA1, ctx(sanming, '2024-01-10', { workSpells: [{ from: '2020-01-01', to: '2022-01-01' }] }))
      .thenRefuses({ code: 'WORK_TOO_SHORT', eligibleFrom: undefined });
  });

  it('refuses with no record of work in the city, saying what would change it (2023-05-01)', () => {
    spec(housingDecider)
      .given([submitted('2023-05-01')])
      .when(decideA1, ctx(sanming, '2023-05-01', {}))
      .thenRefuses({
        ruleId: 'housing.rental.min-work-years',
        code: 'NO_WORK_RECORD',
        wouldChange: 'needs a record of 3年 of work in the city',
      });
  });

  it('keeps the waitlist entry when the permit lapses on 2023-06-01: the rule counts work, not the permit', () => {
    spec(housingDecider)
      .given([submitted('2023-02-28'), ...waitlisted('2023-02-28')])
      .when(
        { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2023-06-01' } },
        ctx(sanming, '2023-06-01', { ...since2020, permitStatus: 'suspended' }),
      )
      .then([]);
  });

  it('suspends the waitlist entry on 2024-03-01 when work ended before 3 years were reached (corrected record)', () => {
    spec(housingDecider)
      .given([submitted('2023-02-28'), ...waitlisted('2023-02-28')])
      .when(
        { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2024-03-01' } },
        ctx(sanming, '2024-03-01', { workSpells: [{ from: '2020-02-29', to: '2022-12-31' }] }),
      )
      .then([
        {
          type: 'WaitlistEntrySuspended',
          data: expect.objectContaining({
            ground: 'WORK_TOO_SHORT',
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'housing.rental.min-work-years' })],
            }),
          }),
        },
      ]);
  });
});

describe('housing.rental.stable-employment [panzhihua] (panzhihua-2016-10 §(十五), illustrative numbers)', () => {
  const stable: WorkerHousingFacts = {
    employed: true,
    contributionsSince: '2022-01-15',
    permitStatus: 'valid',
    residenceSince: '2020-03-01',
  };

  it('grants public rental on 2023-03-01: 3 years’ residence and 12 months’ contributions, flagged illustrative', () => {
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-01', stable))
      .then([
        {
          type: 'RentalEligibilityDecided',
          data: expect.objectContaining({
            decision: expect.objectContaining({
              packId: 'panzhihua',
              provisional: true,
              rules: [expect.objectContaining({ ruleId: 'housing.rental.stable-employment', status: 'illustrative' })],
              inputs: expect.objectContaining({
                residenceSince: '2020-03-01',
                contributionsSince: '2022-01-15',
                employed: true,
              }),
            }),
          }),
        },
        { type: 'Waitlisted' },
      ]);
  });

  it('refuses on 2023-02-28, residence a day short of 3 years, eligible from 2023-03-01', () => {
    const refusal = spec(housingDecider)
      .given([submitted('2023-02-28')])
      .when(decideA1, ctx(panzhihua, '2023-02-28', stable))
      .thenRefuses({
        ruleId: 'housing.rental.stable-employment',
        code: 'RESIDENCE_TOO_SHORT',
        eligibleFrom: '2023-03-01',
      });
    expect(refusal.detail).toContain('示例参数');
    expect(refusal.detail).toContain('panzhihua-2016-10 §(十五)');
  });

  it('refuses on 2023-03-01 with 11 months’ contributions, eligible from 2023-04-01', () => {
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-01', { ...stable, contributionsSince: '2022-04-01' }))
      .thenRefuses({ code: 'CONTRIBUTIONS_TOO_SHORT', eligibleFrom: '2023-04-01' });
  });

  it('gives the later of the two dates when residence and contributions are both short (2023-01-10 → 2023-06-30)', () => {
    spec(housingDecider)
      .given([submitted('2023-01-10')])
      .when(
        decideA1,
        ctx(panzhihua, '2023-01-10', { ...stable, residenceSince: '2020-02-29', contributionsSince: '2022-06-30' }),
      )
      .thenRefuses({ code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2023-06-30' });
  });

  it('refuses a worker without a stable job (2023-03-01)', () => {
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-01', { ...stable, employed: false }))
      .thenRefuses({ code: 'NOT_STABLY_EMPLOYED', wouldChange: 'needs a current job under a labour contract' });
  });

  it('refuses a worker without a permit, and one whose permit is suspended, naming what would change it', () => {
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-01', { ...stable, permitStatus: 'none', residenceSince: undefined }))
      .thenRefuses({ code: 'RESIDENCE_NOT_SHOWN', wouldChange: 'needs a valid residence permit' });
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-01', { ...stable, permitStatus: 'suspended' }))
      .thenRefuses({ code: 'PERMIT_SUSPENDED' });
  });

  it('suspends the waitlist entry when the permit lapses on 2023-09-01, citing the rule and permit.lapse', () => {
    const events = spec(housingDecider)
      .given([submitted('2023-03-01'), ...waitlisted('2023-03-01')])
      .when(
        { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2023-09-01' } },
        ctx(panzhihua, '2023-09-03', { ...stable, permitStatus: 'suspended' }),
      )
      .then([
        {
          type: 'WaitlistEntrySuspended',
          effectiveOn: '2023-09-01',
          data: expect.objectContaining({ applicationId: 'a1', suspendedOn: '2023-09-01', ground: 'PERMIT_SUSPENDED' }),
        },
      ]);
    const suspended = events[0] as Extract<HousingEvent, { type: 'WaitlistEntrySuspended' }>;
    expect(suspended.data.decision.rules.map((r) => r.ruleId)).toEqual([
      'housing.rental.stable-employment',
      'permit.lapse',
    ]);
    expect(suspended.data.decision.decidedOn).toBe('2023-09-03');
  });

  const suspendedHistory: HousingEvent[] = [
    submitted('2023-03-01'),
    ...waitlisted('2023-03-01'),
    {
      type: 'WaitlistEntrySuspended',
      data: { applicationId: 'a1', suspendedOn: '2023-09-01', ground: 'PERMIT_SUSPENDED', decision: {} as never },
    },
  ];

  it('allocates no unit to a suspended entry (2023-10-01)', () => {
    spec(housingDecider)
      .given(suspendedHistory)
      .when(
        { type: 'AllocateUnit', data: { applicationId: 'a1', unitId: 'u9', allocatedOn: '2023-10-01' } },
        ctx(panzhihua, '2023-10-01'),
      )
      .thenThrows(/suspended/);
  });

  it('keeps the entry suspended after a late 签注 on 2023-10-01 restarts residence, and reinstates it on 2026-10-01', () => {
    const restored = { ...stable, permitStatus: 'valid' as const, residenceSince: '2023-10-01' };
    spec(housingDecider)
      .given(suspendedHistory)
      .when(
        { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2023-10-01' } },
        ctx(panzhihua, '2023-10-01', restored),
      )
      .then([]);
    spec(housingDecider)
      .given(suspendedHistory)
      .when(
        { type: 'ReviewWaitlistEntry', data: { applicationId: 'a1', reviewedOn: '2026-10-01' } },
        ctx(panzhihua, '2026-10-01', restored),
      )
      .then([
        {
          type: 'WaitlistEntryReinstated',
          data: expect.objectContaining({
            reinstatedOn: '2026-10-01',
            decision: expect.objectContaining({
              rules: [expect.objectContaining({ ruleId: 'housing.rental.stable-employment' })],
            }),
          }),
        },
      ]);
  });

  it('records a backdated application with effectiveOn 2023-02-20 and judges it on that day, refused until 2023-03-01', () => {
    spec(housingDecider)
      .given([])
      .when(
        {
          type: 'SubmitRentalApplication',
          data: { workerId: 'w1', applicationId: 'a1', submittedOn: '2023-02-20', householdSize: 2 },
        },
        ctx(panzhihua, '2023-06-01'),
      )
      .then([{ type: 'RentalApplicationSubmitted', effectiveOn: '2023-02-20' }]);
    spec(housingDecider)
      .given([submitted('2023-02-20')])
      .when(decideA1, ctx(panzhihua, '2023-06-01', stable))
      .thenRefuses({ code: 'RESIDENCE_TOO_SHORT', eligibleFrom: '2023-03-01' });
  });

  it('re-decides a refusal once a backdated contribution record arrives: eligible as of 2023-03-01', () => {
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-03-05', { ...stable, contributionsSince: undefined }))
      .thenRefuses({ code: 'CONTRIBUTIONS_NOT_SHOWN' });
    spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(panzhihua, '2023-04-10', stable))
      .then([
        {
          type: 'RentalEligibilityDecided',
          effectiveOn: '2023-03-01',
          data: expect.objectContaining({ assessedOn: '2023-03-01' }),
        },
        { type: 'Waitlisted', data: { applicationId: 'a1', waitlistedOn: '2023-04-10' } },
      ]);
  });

  it('has no rental rule for an application dated 2016-03-01, before the document took effect on 2016-03-27', () => {
    spec(housingDecider)
      .given([submitted('2016-03-01')])
      .when(decideA1, ctx(panzhihua, '2016-06-01', stable))
      .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', ruleId: 'housing.rental.*' });
  });
});

describe('public rental where the pack has no rental rule', () => {
  it.each([
    ['fangshan', fangshan],
    ['fengdu', fengdu],
    ['shaoxing', shaoxing],
  ])('refuses in %s as not provided by the pack (2023-03-01)', (packId, view) => {
    const refusal = spec(housingDecider)
      .given([submitted('2023-03-01')])
      .when(decideA1, ctx(view, '2023-03-01', { workSpells: [{ from: '2015-01-01' }], employed: true }))
      .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', packId });
    expect(refusal.detail).toContain(`本辖区政策包（${packId}）无此规则`);
  });
});

describe('tenancy', () => {
  const history: HousingEvent[] = [submitted('2023-02-28'), ...waitlisted('2023-02-28')];
  const context = ctx(sanming, '2023-05-01');

  it('allocates a unit to a waitlisted entry, signs the lease and ends the tenancy (2023-05-01 to 2025-04-30)', () => {
    spec(housingDecider)
      .given(history)
      .when({ type: 'AllocateUnit', data: { applicationId: 'a1', unitId: 'u1', allocatedOn: '2023-05-01' } }, context)
      .then([{ type: 'UnitAllocated', data: { applicationId: 'a1', unitId: 'u1', allocatedOn: '2023-05-01' } }]);
    const allocated: HousingEvent[] = [
      ...history,
      { type: 'UnitAllocated', data: { applicationId: 'a1', unitId: 'u1', allocatedOn: '2023-05-01' } },
    ];
    spec(housingDecider)
      .given(allocated)
      .when(
        {
          type: 'SignLease',
          data: {
            applicationId: 'a1',
            leaseId: 'l1',
            signedOn: '2023-05-01',
            startsOn: '2023-05-10',
            endsOn: '2025-05-09',
            monthlyRentFen: 45_000,
          },
        },
        context,
      )
      .then([
        { type: 'LeaseSigned', data: expect.objectContaining({ unitId: 'u1', leaseId: 'l1', monthlyRentFen: 45_000 }) },
      ]);
    const leased: HousingEvent[] = [
      ...allocated,
      {
        type: 'LeaseSigned',
        data: {
          applicationId: 'a1',
          leaseId: 'l1',
          unitId: 'u1',
          signedOn: '2023-05-01',
          startsOn: '2023-05-10',
          monthlyRentFen: 45_000,
        },
      },
    ];
    spec(housingDecider)
      .given(leased)
      .when(
        { type: 'EndTenancy', data: { leaseId: 'l1', endedOn: '2025-04-30', reason: 'moved-out' } },
        ctx(sanming, '2025-05-02'),
      )
      .then([
        {
          type: 'TenancyEnded',
          effectiveOn: '2025-04-30',
          data: { applicationId: 'a1', leaseId: 'l1', endedOn: '2025-04-30', reason: 'moved-out' },
        },
      ]);
    spec(housingDecider)
      .given([
        ...leased,
        {
          type: 'TenancyEnded',
          data: { applicationId: 'a1', leaseId: 'l1', endedOn: '2025-04-30', reason: 'moved-out' },
        },
      ])
      .when(
        {
          type: 'SubmitRentalApplication',
          data: { workerId: 'w1', applicationId: 'a2', submittedOn: '2025-06-01', householdSize: 1 },
        },
        ctx(sanming, '2025-06-01'),
      )
      .then([{ type: 'RentalApplicationSubmitted', data: expect.objectContaining({ applicationId: 'a2' }) }]);
  });

  it('rejects a second application while one is open, and a lease before an allocation', () => {
    spec(housingDecider)
      .given(history)
      .when(
        {
          type: 'SubmitRentalApplication',
          data: { workerId: 'w1', applicationId: 'a2', submittedOn: '2023-05-01', householdSize: 1 },
        },
        context,
      )
      .thenThrows(/still waitlisted/);
    spec(housingDecider)
      .given(history)
      .when(
        {
          type: 'SignLease',
          data: {
            applicationId: 'a1',
            leaseId: 'l1',
            signedOn: '2023-05-01',
            startsOn: '2023-05-01',
            monthlyRentFen: 1,
          },
        },
        context,
      )
      .thenThrows(/not allocated/);
  });
});
