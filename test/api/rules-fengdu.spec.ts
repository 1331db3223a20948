import { projectAll } from '../support/api-harness';
import {
  expectDecidedBy,
  expectRefusedBy,
  fresh,
  startPackApi,
  type PackApi,
} from '../support/pack-api';

/**
 * Every rule of the fengdu pack over HTTP, on its boundary day and one day either side. The pack
 * is in force from 2017-01-01 and covers the workers who bought a home in the county.
 */
describe('fengdu rules over HTTP [fengdu]', () => {
  let api: PackApi;
  beforeAll(async () => {
    api = await startPackApi('fengdu', '2020-06-01');
  });
  afterAll(() => api?.close());

  const SOURCE = 'fengdu-2017-29 §四';

  /** A worker who bought a home in the county on `purchasedOn`. */
  async function homeBuyer(purchasedOn: string): Promise<string> {
    const workerId = fresh('w');
    await api.step(
      'RecordHomePurchase',
      workerId,
      { purchaseId: fresh('HP'), purchasedOn, homeKind: 'commercial' },
      purchasedOn,
    );
    return workerId;
  }

  /** A child of `parentId`, registered on `on`. */
  async function child(parentId: string, birthDate: string, on: string, disability = 'none'): Promise<string> {
    const childId = fresh('c');
    await api.step('RegisterChild', childId, { birthDate, parentWorkerIds: [parentId], disability, registeredOn: on }, on);
    return childId;
  }

  /** A grade-2 application (no entry age applies) made on `appliedOn`, and its eligibility decided that day. */
  async function eligibility(childId: string, appliedOn: string, attendance?: string) {
    const applicationId = fresh('E');
    await api.step(
      'ApplyForEnrollment',
      childId,
      { applicationId, appliedOn, schoolYear: Number(appliedOn.slice(0, 4)), grade: 2, area: '三合街道' },
      appliedOn,
    );
    const answer = await api.send(
      'DecideEnrollmentEligibility',
      childId,
      { applicationId, ...(attendance ? { attendance } : {}) },
      appliedOn,
    );
    return { applicationId, answer };
  }

  /** An eligible child with a public seat offered on `on`. */
  async function offered(on: string, disability = 'none') {
    const parent = await homeBuyer('2016-06-01');
    const childId = await child(parent, '2012-04-01', on, disability);
    const { applicationId, answer } = await eligibility(childId, on);
    expectDecidedBy(answer, 'school.public-first');
    await api.step(
      'OfferSeat',
      childId,
      {
        applicationId,
        schoolId: 'SCH-500230-001',
        schoolType: 'public',
        classComposition: 'mixed',
        fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
        publicSeatAvailable: true,
        governmentFunded: false,
        offeredOn: on,
      },
      on,
    );
    return { childId, applicationId };
  }

  it('wages.bank-paid (fengdu-2017-29 §二): a cash wage is recorded under the rule from 2017-01-01, not on 2016-12-31', async () => {
    const pay = (on: string) =>
      api.send(
        'RecordWagePayment',
        fresh('e'),
        { paymentId: fresh('PAY'), workerId: 'w-1', month: on.slice(0, 7), amountFen: 300000, channel: 'cash', fullMonth: true },
        on,
      );
    const before = await pay('2016-12-31');
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    const findings = async (streamName: string) =>
      (await api.harness.store.readStream(streamName))[0]!.data.findings as { code: string }[];
    expect(await findings(before.body.streamName)).toEqual([]);
    for (const on of ['2017-01-01', '2017-01-02']) {
      const answer = await pay(on);
      expectDecidedBy(answer, 'wages.bank-paid');
      expect(answer.body.rules[0]).toMatchObject({ source: 'fengdu-2017-29 §二', quote: '全面落实购房进城农民工工资银行代发制度' });
      expect(await findings(answer.body.streamName)).toEqual([
        expect.objectContaining({ ruleId: 'wages.bank-paid', code: 'NOT_BANK_PAID' }),
      ]);
    }
  });

  it('health.vaccination.file (fengdu-2017-29 §三): opened the day before the seventh birthday (2024-03-09), refused on it and after', async () => {
    const parent = await homeBuyer('2020-01-10');
    const open = async (on: string) =>
      api.send('OpenVaccinationRecord', await child(parent, '2017-03-10', on), { openedOn: on }, on);
    const opened = await open('2024-03-09');
    expectDecidedBy(opened, 'health.vaccination.file');
    for (const on of ['2024-03-10', '2024-03-11']) {
      const answer = await open(on);
      expectRefusedBy(answer, { ruleId: 'health.vaccination.file', source: 'fengdu-2017-29 §三', code: 'AGE_OUTSIDE_RANGE' });
      expect(answer.body.computed).toEqual({ age: 7 });
    }
  });

  it('health.vaccination.file (fengdu-2017-29 §三): only for a home buyer’s child, from the purchase day 2020-06-01', async () => {
    const parent = await homeBuyer('2020-06-01');
    const open = async (on: string) =>
      api.send('OpenVaccinationRecord', await child(parent, '2019-01-01', on), { openedOn: on }, on);
    expectRefusedBy(await open('2020-05-31'), {
      ruleId: 'health.vaccination.file',
      source: 'fengdu-2017-29 §三',
      code: 'NOT_HOME_BUYER',
    });
    expectDecidedBy(await open('2020-06-01'), 'health.vaccination.file');
    expectDecidedBy(await open('2020-06-02'), 'health.vaccination.file');
  });

  it('school.public-first (fengdu-2017-29 §四): a home buyer’s child is eligible from the purchase day 2020-06-01, not the day before', async () => {
    const parent = await homeBuyer('2020-06-01');
    const decide = async (on: string) => (await eligibility(await child(parent, '2012-04-01', on), on)).answer;
    expectRefusedBy(await decide('2020-05-31'), { ruleId: 'school.public-first', source: SOURCE, code: 'NOT_HOME_BUYER' });
    expectDecidedBy(await decide('2020-06-01'), 'school.public-first');
    expectDecidedBy(await decide('2020-06-02'), 'school.public-first');
  });

  it('school.exam.attended-school (fengdu-2017-29 §四): decided for an enrolled pupil from 2017-01-01, refused with eligibleFrom on 2016-12-31', async () => {
    const exam = async (on: string) => {
      const { childId, applicationId } = await offered('2017-01-01');
      await api.step('RecordVaccinationCheck', childId, { verifiedOn: '2017-01-01', certificate: 'complete', missingVaccines: [] }, '2017-01-01');
      await api.step('Enroll', childId, { applicationId, enrolledOn: '2017-01-01' }, '2017-01-01');
      return api.send('DecideExamEligibility', childId, { examYear: 2017, decidedOn: on }, '2017-01-02');
    };
    expectRefusedBy(await exam('2016-12-31'), {
      ruleId: 'school.exam.attended-school',
      source: SOURCE,
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2017-01-01',
    });
    expectDecidedBy(await exam('2017-01-01'), 'school.exam.attended-school');
    expectDecidedBy(await exam('2017-01-02'), 'school.exam.attended-school');
  });

  it('school.exam.attended-school (fengdu-2017-29 §四): a pupil not enrolled in the county is refused', async () => {
    const { childId } = await offered('2020-06-01');
    expectRefusedBy(await api.send('DecideExamEligibility', childId, { examYear: 2020, decidedOn: '2020-06-01' }, '2020-06-01'), {
      ruleId: 'school.exam.attended-school',
      source: SOURCE,
      code: 'NOT_ENROLLED',
    });
  });

  it('health.vaccination.entry-check (fengdu-2017-29 §三): from 2017-01-01 enrolment waits for the check; on 2016-12-31 none was required', async () => {
    const enrol = async (on: string) => {
      const { childId, applicationId } = await offered('2017-01-01');
      return api.send('Enroll', childId, { applicationId, enrolledOn: on }, '2017-01-02');
    };
    const before = await enrol('2016-12-31');
    expect(before.status).toBe(201);
    expect(before.body.rules).toEqual([]);
    for (const on of ['2017-01-01', '2017-01-02']) {
      expectRefusedBy(await enrol(on), {
        ruleId: 'health.vaccination.entry-check',
        source: 'fengdu-2017-29 §三',
        code: 'VACCINATION_NOT_CHECKED',
      });
    }
  });

  it('health.vaccination.entry-check (fengdu-2017-29 §三): a certificate with gaps sends the child to 补种 and keeps the seat', async () => {
    const { childId, applicationId } = await offered('2020-06-01');
    await api.step('RecordVaccinationCheck', childId, { verifiedOn: '2020-06-01', certificate: 'gaps', missingVaccines: ['MMR-2'] }, '2020-06-01');
    expectDecidedBy(await api.send('Enroll', childId, { applicationId, enrolledOn: '2020-06-02' }, '2020-06-02'), 'health.vaccination.entry-check');
  });

  it('school.disability.no-refusal (fengdu-2017-29 §四): a school may not decline a disabled child from 2017-01-01; on 2016-12-31 it could', async () => {
    const decline = async (on: string) => {
      const { childId, applicationId } = await offered('2017-01-01', 'moderate');
      return api.send(
        'DeclineAdmission',
        childId,
        { applicationId, schoolId: 'SCH-500230-001', ground: 'disability', declinedOn: on },
        '2017-01-02',
      );
    };
    const before = await decline('2016-12-31');
    expect(before.status).toBe(201);
    expect(before.body.events.map((e: { type: string }) => e.type)).toEqual(['AdmissionDeclined']);
    for (const on of ['2017-01-01', '2017-01-02']) {
      expectRefusedBy(await decline(on), {
        ruleId: 'school.disability.no-refusal',
        source: SOURCE,
        code: 'DISABILITY_NOT_A_GROUND',
      });
    }
  });

  it('school.disability.no-refusal (fengdu-2017-29 §四): a severely disabled child is placed with home teaching, a moderately disabled one attends', async () => {
    const parent = await homeBuyer('2020-01-10');
    const severe = await eligibility(await child(parent, '2012-04-01', '2020-06-01', 'severe'), '2020-06-01', 'exempt');
    expectDecidedBy(severe.answer, 'school.disability.no-refusal');
    const moderate = await eligibility(await child(parent, '2012-04-01', '2020-06-01', 'moderate'), '2020-06-01', 'exempt');
    expectRefusedBy(moderate.answer, {
      ruleId: 'school.disability.no-refusal',
      source: SOURCE,
      code: 'HOME_TEACHING_NOT_FOR_LEVEL',
    });
  });

  it('school.priority.settled-buyer (fengdu-2017-29 §四): a home buyer whose hukou public security moved on 2020-06-01 has priority for a child applying from that day, end to end', async () => {
    const workerId = fresh('w');
    await api.step(
      'RegisterWorker',
      workerId,
      {
        name: '李明',
        idNumber: '11010519491231002X',
        phone: '13800138000',
        birthDate: '1949-12-31',
        hukouPlace: { areaCode: '500233', address: '重庆市忠县某村' },
        arrivalOn: '2019-03-01',
      },
      '2019-03-01',
    );
    await api.step('RecordHomePurchase', workerId, { purchaseId: fresh('HP'), purchasedOn: '2020-01-10', homeKind: 'commercial' }, '2020-01-10');
    const decide = async (on: string) => {
      const childId = await child(workerId, '2012-04-01', on);
      const { answer } = await eligibility(childId, on);
      expectDecidedBy(answer, 'school.priority.settled-buyer');
      const events = await api.harness.store.readStream(answer.body.streamName);
      return { childId, priority: events[events.length - 1]!.data.priority };
    };
    // Before the move is recorded, the buyer's child has a place but no priority.
    expect((await decide('2020-05-31')).priority).toBe(false);

    api.today = '2020-06-01';
    const moved = await api.harness.post(
      `/v1/workers/${workerId}/hukou-moves`,
      { movedOn: '2020-06-01', hukouPlace: { areaCode: '500230', address: '重庆市丰都县三合街道某小区3栋' }, authority: '丰都县公安局三合派出所' },
      { token: api.harness.token('public-security') },
    );
    expect(moved.status).toBe(201);
    expect(moved.body.events.map((e: { type: string }) => e.type)).toEqual(['HukouMoved']);
    expect(moved.body.rules).toEqual([]);

    const onTheDay = await decide('2020-06-01');
    expect(onTheDay.priority).toBe(true);
    expect((await decide('2020-06-02')).priority).toBe(true);

    // The education department reads the priority off its read model.
    await projectAll(api.harness.store);
    const read = await api.harness.get(`/v1/education/children/${onTheDay.childId}`, { token: api.harness.token('education') });
    expect(read.status).toBe(200);
    expect(read.body.applications).toEqual([expect.objectContaining({ priority: true })]);
  });

  it('the hukou move (入户) is a fact public security records in any jurisdiction: never after today, never twice to the same place', async () => {
    const workerId = fresh('w');
    const example = {
      name: '李明',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      birthDate: '1949-12-31',
      hukouPlace: { areaCode: '500233', address: '重庆市忠县某村' },
      arrivalOn: '2019-03-01',
    };
    const move = (movedOn: string, today: string) => {
      api.today = today;
      return api.harness.post(
        `/v1/workers/${workerId}/hukou-moves`,
        { movedOn, hukouPlace: { areaCode: '500230', address: '重庆市丰都县某小区' }, authority: '丰都县公安局' },
        { token: api.harness.token('public-security') },
      );
    };
    expect((await move('2020-06-01', '2020-06-01')).status).toBe(409); // not registered
    await api.step('RegisterWorker', workerId, example, '2019-03-01');
    expect((await move('2020-06-02', '2020-06-01')).body.code).toBe('DATE_IN_FUTURE');
    expect((await move('2020-06-01', '2020-06-03')).status).toBe(201);
    expect((await move('2020-06-02', '2020-06-03')).body.code).toBe('HUKOU_ALREADY_THERE');
  });

  it('health.record.home-buyer (fengdu-2017-29 §三): a 健康档案 for a worker who bought a home on 2020-06-01, refused the day before', async () => {
    const buyer = await homeBuyer('2020-06-01');
    const record = async (on: string) => {
      const workerId = on === '2020-05-31' ? buyer : await homeBuyer('2020-06-01');
      return api.send('OpenHealthRecord', workerId, { openedOn: on }, on < '2020-06-01' ? '2020-06-01' : on);
    };
    expectRefusedBy(await record('2020-05-31'), {
      ruleId: 'health.record.home-buyer',
      source: 'fengdu-2017-29 §三',
      code: 'NOT_HOME_BUYER',
    });
    expectDecidedBy(await record('2020-06-01'), 'health.record.home-buyer');
    expectDecidedBy(await record('2020-06-02'), 'health.record.home-buyer');
    expectRefusedBy(await api.send('OpenHealthRecord', fresh('w'), { openedOn: '2016-12-31' }, '2017-01-02'), {
      ruleId: 'health.record.home-buyer',
      source: 'fengdu-2017-29 §三',
      code: 'RULE_NOT_YET_IN_FORCE',
      eligibleFrom: '2017-01-01',
    });
  });
});
