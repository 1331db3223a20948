import { commandRoute } from '../../apps/api/src/routes/commands/command-routes';
import { expectDecidedBy, expectRefusedBy, fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Every rule of the sanming pack (a 征求意见稿: every rule is a draft or illustrative) over HTTP,
 * on its boundary day and one day either side. The draft's rules are read as in force from
 * 2016-01-01; residence, work and running periods have their own boundary days.
 */
describe('sanming rules over HTTP [sanming]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('sanming', '2016-01-01');
  });
  afterAll(() => api?.close());

  const DAY = '2016-01-01';
  const BEFORE = '2015-12-31';
  const AFTER = '2016-01-02';
  const S = (clause: string) => `sanming-draft ${clause}`;
  const example = (type: string) => ({ ...commandRoute(type).example });
  const lastEvent = async (streamName: string) => {
    const events = await api.harness.store.readStream(streamName);
    return events[events.length - 1]!.data;
  };

  /** Each answer under a draft rule says it is provisional: the 201 names the rule with its status. */
  function expectDraftDecision(answer: Awaited<ReturnType<PackApi['send']>>, ruleId: string) {
    expectDecidedBy(answer, ruleId);
    expect(answer.body.rules.find((r: { ruleId: string }) => r.ruleId === ruleId).status).toMatch(/^(draft|illustrative)$/);
  }

  // Rules decided by one command each, in force from the draft's first day.
  const fromFirstDay: [ruleId: string, clause: string, type: string, subject: 'w' | 'e' | 'c', body: Record<string, unknown> | null][] = [
    ['unemployment.public-post', '§2', 'PlaceOnPublicPost', 'w', null],
    ['subsidy.startup-jobs', '§4', 'GrantStartupJobsSubsidy', 'w', null],
    ['subsidy.agency-placement', '§3', 'AwardAgencyPlacement', 'e', null],
    ['loan.guarantee.person', '§4', 'ApproveGuaranteedLoan', 'w', null],
    ['loan.guarantee.firm', '§4', 'ApproveFirmGuaranteedLoan', 'e', null],
    ['subsidy.appraisal', '§6', 'GrantAppraisalSubsidy', 'w', null],
    ['subsidy.shortage-uplift', '§6', 'UpliftTrainingSubsidy', 'w', null],
    ['subsidy.training-appraisal', '§6', 'GrantTrainingAppraisalSubsidy', 'w', null],
    ['legal-aid.wage-claim', '§18', 'ApplyForLegalAid', 'w', null],
    ['si.injury.by-project', '§16', 'EnrolWorker', 'w', { basis: 'construction-project', projectId: 'PRJ-350400-0001', attested: { project: { projectId: 'PRJ-350400-0001', construction: true, employerId: 'e-350400-0001' } } }],
    ['health.vaccination.equal', '§10', 'OpenVaccinationRecord', 'c', null],
  ];

  it.each(fromFirstDay)('%s (sanming-draft %s): refused on 2015-12-31 with eligibleFrom 2016-01-01, decided (draft) on and after', async (ruleId, clause, type, subject, body) => {
    const attempt = async (on: string) => {
      let id = fresh(subject);
      let data = body ?? example(type);
      if (type === 'OpenVaccinationRecord') {
        id = fresh('c');
        await api.step('RegisterChild', id, { birthDate: '2015-05-01', parentWorkerIds: [fresh('w')], disability: 'none', registeredOn: on }, on);
        data = { openedOn: on };
      }
      if (type === 'PlaceOnPublicPost' && on !== BEFORE) {
        await api.step('RegisterResidence', id, { address: { line: '三明市三元区某路1号' }, arrivalOn: '2015-01-01' }, '2015-01-01');
        await api.step('RegisterUnemployment', id, { attested: { employed: false, migrantWorker: true } }, on);
      }
      return api.send(type, id, data, on);
    };
    const before = await attempt(BEFORE);
    expectRefusedBy(before, { ruleId, source: S(clause), code: 'RULE_NOT_YET_IN_FORCE', eligibleFrom: DAY });
    const on = await attempt(DAY);
    expectDraftDecision(on, ruleId);
    expectDraftDecision(await attempt(AFTER), ruleId);
  });

  it('unemployment.registration.min-residence (sanming-draft §2): resident since 2024-01-10, refused on 2024-07-09 with eligibleFrom 2024-07-10', async () => {
    const register = async (on: string) => {
      const workerId = fresh('w');
      await api.step('RegisterResidence', workerId, { address: { line: '三明市三元区某路1号' }, arrivalOn: '2024-01-10' }, '2024-01-10');
      return api.send('RegisterUnemployment', workerId, { attested: { employed: false, migrantWorker: true } }, on);
    };
    expectRefusedBy(await register('2024-07-09'), {
      ruleId: 'unemployment.registration.min-residence',
      source: S('§2'),
      eligibleFrom: '2024-07-10',
    });
    expectDraftDecision(await register('2024-07-10'), 'unemployment.registration.min-residence');
    expectDraftDecision(await register('2024-07-11'), 'unemployment.registration.min-residence');
  });

  it('wages.minimum-standard (sanming-draft §2, illustrative): a public-post subsidy month is decided under the standard from 2016-01', async () => {
    const subsidy = async (on: string) => {
      const workerId = fresh('w');
      await api.step('RegisterResidence', workerId, { address: { line: '三明市三元区某路1号' }, arrivalOn: '2015-01-01' }, '2015-01-01');
      await api.step('RegisterUnemployment', workerId, { attested: { employed: false, migrantWorker: true } }, DAY);
      await api.step('PlaceOnPublicPost', workerId, example('PlaceOnPublicPost'), DAY);
      return api.send('GrantPublicPostSubsidy', workerId, { ...example('GrantPublicPostSubsidy'), month: on.slice(0, 7) }, on);
    };
    for (const on of [DAY, AFTER]) {
      const answer = await subsidy(on);
      expectDraftDecision(answer, 'wages.minimum-standard');
      expect(answer.body.illustrative).toBe(true);
    }
  });

  it('subsidy.startup (sanming-draft §4): a venture opened on 2023-01-10 is subsidised from its first year, 2024-01-10', async () => {
    const grant = (on: string) => api.send('GrantStartupSubsidy', fresh('w'), example('GrantStartupSubsidy'), on);
    expectRefusedBy(await grant('2024-01-09'), { ruleId: 'subsidy.startup', source: S('§4'), eligibleFrom: '2024-01-10' });
    expectDraftDecision(await grant('2024-01-10'), 'subsidy.startup');
    expectDraftDecision(await grant('2024-01-11'), 'subsidy.startup');
  });

  it('subsidy.appraisal.grades (sanming-draft §6, illustrative): a 中级 certificate is granted 120000 fen from 2016-01-01', async () => {
    const grant = (on: string) => api.send('GrantAppraisalSubsidy', fresh('w'), example('GrantAppraisalSubsidy'), on);
    expectRefusedBy(await grant(BEFORE), { ruleId: 'subsidy.appraisal', source: S('§6'), code: 'RULE_NOT_YET_IN_FORCE', eligibleFrom: DAY });
    for (const on of [DAY, AFTER]) {
      const answer = await grant(on);
      expectDraftDecision(answer, 'subsidy.appraisal.grades');
      expect(answer.body.illustrative).toBe(true);
      expect(await lastEvent(answer.body.streamName)).toMatchObject({ amountFen: 120000 });
    }
  });

  it('housing.price-capped (sanming-draft §9): a 限价房 for an outside-talent family working in 市区 from 2016-01-01', async () => {
    const buy = (on: string) =>
      api.send(
        'RecordHomePurchase',
        fresh('w'),
        { purchaseId: fresh('HP'), purchasedOn: on, homeKind: 'price-capped', attested: { outsideTalentFamily: true, workArea: '市区' } },
        on,
      );
    expectRefusedBy(await buy(BEFORE), { ruleId: 'housing.price-capped', source: S('§9'), code: 'RULE_NOT_YET_IN_FORCE', eligibleFrom: DAY });
    expectDraftDecision(await buy(DAY), 'housing.price-capped');
    expectDraftDecision(await buy(AFTER), 'housing.price-capped');
  });

  it('housing.rental.min-work-years (sanming-draft §9): work from 2020-02-29 completes 3 years on 2023-02-28', async () => {
    const decide = async (on: string) => {
      const workerId = fresh('w');
      const applicationId = fresh('H');
      const attested = { employed: true, workSpells: [{ from: '2020-02-29' }] };
      await api.step('SubmitRentalApplication', workerId, { applicationId, submittedOn: on, householdSize: 2, attested }, on);
      return api.send('DecideRentalEligibility', workerId, { applicationId, attested }, on);
    };
    expectRefusedBy(await decide('2023-02-27'), { ruleId: 'housing.rental.min-work-years', source: S('§9'), eligibleFrom: '2023-02-28' });
    expectDraftDecision(await decide('2023-02-28'), 'housing.rental.min-work-years');
    expectDraftDecision(await decide('2023-03-01'), 'housing.rental.min-work-years');
  });

  /** A worker resident since 2015-07-01 with a permit issued on 2016-01-04. */
  async function holder(): Promise<string> {
    const workerId = fresh('w');
    await api.step('RegisterResidence', workerId, { address: { line: '三明市三元区某路1号' }, arrivalOn: '2015-07-01' }, '2015-07-01');
    await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, '2016-01-04');
    await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '350403' }, '2016-01-04');
    return workerId;
  }

  const assess = (workerId: string, on: string) =>
    api.send('AssessPoints', workerId, { round: { roundId: `r-${on}`, referenceDate: on }, purpose: 'school-admission' }, on);

  it('points.factors (sanming-draft §8, illustrative): a permit year is 2 points from its first anniversary 2016-07-01, 0 the day before', async () => {
    const workerId = await holder();
    const total = async (on: string) => {
      const answer = await assess(workerId, on);
      expectDraftDecision(answer, 'points.factors');
      expect(answer.body.illustrative).toBe(true);
      return (await lastEvent(answer.body.streamName)).total;
    };
    expect(await total('2016-06-30')).toBe(0);
    expect(await total('2016-07-01')).toBe(2);
    expect(await total('2016-07-02')).toBe(2);
  });

  it('points.school-admission (sanming-draft §8): a 三元区中心城区 child is ranked by a parent’s points assessed before the application (2016-03-01)', async () => {
    const parent = await holder();
    const decide = async (on: string) => {
      const childId = fresh('c');
      await api.step('RegisterChild', childId, { birthDate: '2009-05-01', parentWorkerIds: [parent], disability: 'none', registeredOn: on }, on);
      const applicationId = fresh('E');
      await api.step('ApplyForEnrollment', childId, { applicationId, appliedOn: on, schoolYear: 2016, grade: 2, area: '三元区中心城区' }, on);
      return api.send('DecideEnrollmentEligibility', childId, { applicationId }, on);
    };
    expectRefusedBy(await decide('2016-02-29'), { ruleId: 'points.school-admission', source: S('§8'), code: 'POINTS_NOT_ASSESSED' });
    expectDraftDecision(await assess(parent, '2016-03-01'), 'points.school-admission');
    expectDraftDecision(await decide('2016-03-01'), 'points.school-admission');
    expectDraftDecision(await decide('2016-03-02'), 'points.school-admission');
  });
});
