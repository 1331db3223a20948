import { expectDecidedBy, expectRefusedBy, fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Every rule of the shaoxing pack over HTTP, on its boundary day and one day either side. The
 * pack's rules are in force from 2016-01-01, the day national-663 starts.
 */
describe('shaoxing rules over HTTP [shaoxing]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('shaoxing', '2016-01-01');
  });
  afterAll(() => api?.close());

  const ruleIds = (answer: { body: { rules: { ruleId: string }[] } }) => answer.body.rules.map((r) => r.ruleId);
  const firstEvent = async (streamName: string) => (await api.harness.store.readStream(streamName))[0]!.data;

  /** A worker resident since `arrivalOn`, with a permit issued on `issuedOn`. */
  async function holder(arrivalOn: string, issuedOn: string): Promise<string> {
    const workerId = fresh('w');
    await api.step('RegisterResidence', workerId, { address: { line: '绍兴市越城区解放路1号' }, arrivalOn }, arrivalOn);
    await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, issuedOn);
    await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '330602' }, issuedOn);
    return workerId;
  }

  async function child(parentId: string, birthDate: string, on: string): Promise<string> {
    const childId = fresh('c');
    await api.step('RegisterChild', childId, { birthDate, parentWorkerIds: [parentId], disability: 'none', registeredOn: on }, on);
    return childId;
  }

  /** A grade-2 application made on `on` and its eligibility decided that day. */
  async function eligibility(childId: string, on: string) {
    const applicationId = fresh('E');
    await api.step('ApplyForEnrollment', childId, { applicationId, appliedOn: on, schoolYear: 2016, grade: 2, area: '越城区' }, on);
    return { applicationId, answer: await api.send('DecideEnrollmentEligibility', childId, { applicationId }, on) };
  }

  const seat = (applicationId: string, on: string, overrides: Record<string, unknown>) => ({
    applicationId,
    schoolId: 'SCH-330602-001',
    schoolType: 'public',
    classComposition: 'mixed',
    fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
    publicSeatAvailable: true,
    governmentFunded: false,
    offeredOn: on,
    ...overrides,
  });

  /** An eligible child (application of 2016-03-01), ready for a seat offer. */
  async function eligibleChild() {
    const parent = await holder('2015-07-01', '2016-01-04');
    const childId = await child(parent, '2008-05-01', '2016-03-01');
    const { applicationId, answer } = await eligibility(childId, '2016-03-01');
    expectDecidedBy(answer, 'school.admission.permit-link');
    return { childId, applicationId };
  }

  it('wages.minimum and wages.minimum-standard (shaoxing-2016-11 §(六)): a full month below 123400 fen is flagged from 2016-01-01; on 2015-12-31 no standard applied', async () => {
    const pay = (on: string, amountFen: number) =>
      api.send(
        'RecordWagePayment',
        fresh('e'),
        { paymentId: fresh('PAY'), workerId: 'w-1', month: on.slice(0, 7), amountFen, channel: 'bank', fullMonth: true },
        on,
      );
    const before = await pay('2015-12-31', 100000);
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of ['2016-01-01', '2016-01-02']) {
      const answer = await pay(on, 123399);
      expect(ruleIds(answer)).toEqual(['wages.minimum', 'wages.minimum-standard']);
      expect(answer.body.illustrative).toBe(true);
      expect((await firstEvent(answer.body.streamName)).findings).toEqual([
        { ruleId: 'wages.minimum', code: 'BELOW_MINIMUM_WAGE', computed: 123399, required: 123400 },
      ]);
    }
    const atStandard = await pay('2016-01-02', 123400);
    expect((await firstEvent(atStandard.body.streamName)).findings).toEqual([]);
  });

  it('health.vaccination.card (shaoxing-2016-11 §(九)): resident since 2023-11-30, the card is refused on 2024-02-28 (eligibleFrom 2024-02-29) and opened then and after', async () => {
    const parent = fresh('w');
    await api.step('RegisterResidence', parent, { address: { line: '绍兴市越城区解放路1号' }, arrivalOn: '2023-11-30' }, '2023-11-30');
    const open = async (on: string) => api.send('OpenVaccinationRecord', await child(parent, '2022-01-01', on), { openedOn: on }, on);
    expectRefusedBy(await open('2024-02-28'), {
      ruleId: 'health.vaccination.card',
      source: 'shaoxing-2016-11 §(九)',
      eligibleFrom: '2024-02-29',
    });
    expectDecidedBy(await open('2024-02-29'), 'health.vaccination.card');
    expectDecidedBy(await open('2024-03-01'), 'health.vaccination.card');
  });

  it('si.enrol.stable-job (shaoxing-2016-11 §(七)): enrolment in pension and medical from 2016-01-01; on 2015-12-31 the rule is not yet in force', async () => {
    const enrol = (on: string) =>
      api.send(
        'EnrolWorker',
        fresh('w'),
        { basis: 'stable-job', employerId: 'e-1', attested: { labourRelation: { kind: 'stable', employerId: 'e-1' } } },
        on,
      );
    expectRefusedBy(await enrol('2015-12-31'), {
      ruleId: 'si.enrol.stable-job',
      source: 'shaoxing-2016-11 §(七)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2016-01-01',
    });
    expectDecidedBy(await enrol('2016-01-01'), 'si.enrol.stable-job');
    expectDecidedBy(await enrol('2016-01-02'), 'si.enrol.stable-job');
  });

  it('points.services-by-points (shaoxing-2016-11 §(四)): a public-services round dated 2015-12-31 is refused with eligibleFrom 2016-01-01', async () => {
    const workerId = await holder('2015-06-01', '2016-01-01');
    const assess = (on: string) =>
      api.send('AssessPoints', workerId, { round: { roundId: `r-${on}`, referenceDate: on }, purpose: 'public-services' }, '2016-01-02');
    expectRefusedBy(await assess('2015-12-31'), {
      ruleId: 'points.services-by-points',
      source: 'shaoxing-2016-11 §(四)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2016-01-01',
    });
    expectDecidedBy(await assess('2016-01-01'), 'points.services-by-points');
    expectDecidedBy(await assess('2016-01-02'), 'points.services-by-points');
  });

  it('permit.tier-basis (shaoxing-2016-11 §(四)): points are scored only for a permit holder, from the issue day 2016-03-10', async () => {
    const workerId = fresh('w');
    await api.step('RegisterResidence', workerId, { address: { line: '绍兴市越城区解放路1号' }, arrivalOn: '2015-06-01' }, '2015-06-01');
    await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, '2016-03-01');
    const assess = (on: string) =>
      api.send('AssessPoints', workerId, { round: { roundId: `r-${on}`, referenceDate: on }, purpose: 'public-services' }, on);
    expectRefusedBy(await assess('2016-03-09'), {
      ruleId: 'permit.tier-basis',
      source: 'shaoxing-2016-11 §(四)',
      code: 'NO_ACTIVE_PERMIT',
    });
    await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '330602' }, '2016-03-10');
    expectDecidedBy(await assess('2016-03-10'), 'permit.tier-basis');
    expectDecidedBy(await assess('2016-03-11'), 'permit.tier-basis');
  });

  it('points.factors (shaoxing-2016-11 §(四), illustrative): a permit year is 2 points from its first anniversary 2016-07-01, 0 the day before', async () => {
    const workerId = await holder('2015-07-01', '2016-01-04');
    const total = async (on: string) => {
      const answer = await api.send(
        'AssessPoints',
        workerId,
        { round: { roundId: `r-${on}`, referenceDate: on }, purpose: 'public-services' },
        on,
      );
      expectDecidedBy(answer, 'points.factors');
      expect(answer.body.illustrative).toBe(true);
      const events = await api.harness.store.readStream(answer.body.streamName);
      return events[events.length - 1]!.data.total;
    };
    expect(await total('2016-06-30')).toBe(0);
    expect(await total('2016-07-01')).toBe(2);
    expect(await total('2016-07-02')).toBe(2);
  });

  it('school.admission.permit-link (shaoxing-2016-11 §(八)): a child is eligible from the day a parent’s permit is issued (2016-03-10), not the day before', async () => {
    // Decided in the order the days come: the permit is issued after the first decision.
    const parent = fresh('w');
    await api.step('RegisterResidence', parent, { address: { line: '绍兴市越城区解放路1号' }, arrivalOn: '2015-06-01' }, '2015-06-01');
    await api.step('ApplyForPermit', parent, { ground: 'stable-job' }, '2016-03-01');
    const decide = async (on: string) => (await eligibility(await child(parent, '2008-05-01', on), on)).answer;
    expectRefusedBy(await decide('2016-03-09'), {
      ruleId: 'school.admission.permit-link',
      source: 'shaoxing-2016-11 §(八)',
      code: 'PARENT_PERMIT_NOT_VALID',
    });
    await api.step('IssuePermit', parent, { permitNumber: `P${parent.slice(2)}`, issuingOfficeCode: '330602' }, '2016-03-10');
    const on = await decide('2016-03-10');
    expectDecidedBy(on, 'school.admission.permit-link');
    expect(on.body.illustrative).toBe(true);
    expectDecidedBy(await decide('2016-03-11'), 'school.admission.permit-link');
  });

  it('school.mixed-class (shaoxing-2016-11 §(八)): a migrant-only public class is refused from 2016-01-01; an offer dated 2015-12-31 knew no such rule', async () => {
    const offer = async (on: string) => {
      const { childId, applicationId } = await eligibleChild();
      return api.send('OfferSeat', childId, seat(applicationId, on, { classComposition: 'migrant-only' }), '2016-03-01');
    };
    const before = await offer('2015-12-31');
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of ['2016-01-01', '2016-01-02']) {
      expectRefusedBy(await offer(on), { ruleId: 'school.mixed-class', source: 'shaoxing-2016-11 §(八)', code: 'MIGRANT_ONLY_CLASS' });
    }
    const { childId, applicationId } = await eligibleChild();
    expectDecidedBy(await api.send('OfferSeat', childId, seat(applicationId, '2016-03-01', {}), '2016-03-01'), 'school.mixed-class');
  });

  it('school.private-fallback (shaoxing-2016-11 §(八)): a 民办 seat while a public one is left is refused from 2016-01-01; a funded one when none is left is offered', async () => {
    const offer = async (on: string, overrides: Record<string, unknown>) => {
      const { childId, applicationId } = await eligibleChild();
      return api.send('OfferSeat', childId, seat(applicationId, on, { schoolType: 'private-nonprofit', ...overrides }), '2016-03-01');
    };
    const before = await offer('2015-12-31', {});
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of ['2016-01-01', '2016-01-02']) {
      expectRefusedBy(await offer(on, {}), {
        ruleId: 'school.private-fallback',
        source: 'shaoxing-2016-11 §(八)',
        code: 'PUBLIC_SEAT_AVAILABLE',
      });
    }
    expectRefusedBy(await offer('2016-03-01', { publicSeatAvailable: false }), {
      ruleId: 'school.private-fallback',
      source: 'shaoxing-2016-11 §(八)',
      code: 'NOT_GOVERNMENT_FUNDED',
    });
    expectDecidedBy(await offer('2016-03-01', { publicSeatAvailable: false, governmentFunded: true }), 'school.private-fallback');
  });

  it.each([
    ['si.transfer.pension', 'employee-pension', 'resident-pension'],
    ['si.transfer.medical', 'resident-medical', 'employee-medical'],
  ])('%s (shaoxing-2016-11 §(七)): a %s → %s transfer is accepted from 2016-01-01, with no deadline', async (ruleId, from, to) => {
    const transfer = (on: string) =>
      api.send('RequestTransfer', fresh('w'), { transferId: fresh('T'), fromScheme: from, toScheme: to, fromRegion: '510400', toRegion: '330600' }, on);
    expectRefusedBy(await transfer('2015-12-31'), {
      ruleId,
      source: 'shaoxing-2016-11 §(七)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2016-01-01',
    });
    for (const on of ['2016-01-01', '2016-01-02']) {
      const answer = await transfer(on);
      expectDecidedBy(answer, ruleId);
      expect(answer.body.illustrative).toBe(false);
      expect((await firstEvent(answer.body.streamName)).letterDue).toBeUndefined();
    }
  });

  it('school.exam.local (shaoxing-2016-11 §(八), illustrative): an enrolled pupil may sit the 中考 locally from 2016-01-01, flagged illustrative; refused with eligibleFrom the day before', async () => {
    const exam = async (decidedOn: string, exam: string) => {
      const { childId, applicationId } = await eligibleChild();
      await api.step('OfferSeat', childId, seat(applicationId, '2016-03-01', {}), '2016-03-01');
      await api.step('Enroll', childId, { applicationId, enrolledOn: '2016-03-01' }, '2016-03-01');
      return api.send('DecideExamEligibility', childId, { examYear: 2016, decidedOn, exam }, '2016-03-02');
    };
    expectRefusedBy(await exam('2015-12-31', 'zhongkao'), {
      ruleId: 'school.exam.local',
      source: 'shaoxing-2016-11 §(八)',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2016-01-01',
    });
    for (const on of ['2016-01-01', '2016-01-02']) {
      const answer = await exam(on, 'zhongkao');
      expectDecidedBy(answer, 'school.exam.local');
      expect(answer.body.illustrative).toBe(true);
    }
    const { childId } = await eligibleChild();
    expectRefusedBy(await api.send('DecideExamEligibility', childId, { examYear: 2016, decidedOn: '2016-03-01', exam: 'gaokao' }, '2016-03-01'), {
      ruleId: 'school.exam.local',
      source: 'shaoxing-2016-11 §(八)',
      code: 'NOT_ENROLLED',
    });
  });
});
