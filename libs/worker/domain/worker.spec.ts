import { fold } from '@ledger/kernel';
import { spec } from '@ledger/kernel/specification';
import { loadPack, PolicyView } from '@ledger/policy';
import type { ApplyForSettlement, RegisterWorker, SettlementCondition } from './commands';
import { workerDecider } from './decide';
import type { WorkerEvent } from './events';
import type { LandRight } from './levels';

const panzhihua = new PolicyView(loadPack('panzhihua'));
const shaoxing = new PolicyView(loadPack('shaoxing'));
const national = new PolicyView(loadPack('national-663'));
const W = 'w1';

const register: RegisterWorker = {
  type: 'RegisterWorker',
  data: {
    workerId: W,
    name: '张三',
    idNumber: '510402199001011234',
    phone: '13800000000',
    birthDate: '1990-01-01',
    hukouPlace: { areaCode: '513401', address: '凉山州西昌市某村' },
    arrivalOn: '2023-05-01',
  },
};

const registered: WorkerEvent[] = [
  { type: 'WorkerRegistered', effectiveOn: '2023-05-01', data: { ...register.data, registeredOn: '2023-06-01' } },
];

const settle = (
  conditions: SettlementCondition[],
  homeVillageRights: LandRight[] = ['land-contract', 'homestead', 'forest'],
): ApplyForSettlement => ({
  type: 'ApplyForSettlement',
  data: { workerId: W, settleAt: '东区炳草岗大街1号', conditions, homeVillageRights },
});

describe('worker stream', () => {
  describe('registration and facts', () => {
    it('registers a worker on 2023-06-01 with arrival 2023-05-01 as the effective date', () => {
      spec(workerDecider)
        .given([])
        .when(register, { today: '2023-06-01', policy: panzhihua })
        .then([
          {
            type: 'WorkerRegistered',
            effectiveOn: '2023-05-01',
            data: expect.objectContaining({ idNumber: '510402199001011234' }),
          },
        ]);
    });

    it('rejects a 身份证号 whose check digit is wrong', () => {
      spec(workerDecider)
        .given([])
        .when(
          { ...register, data: { ...register.data, idNumber: '510402199001011235' } },
          { today: '2023-06-01', policy: panzhihua },
        )
        .thenThrows(/身份证号/);
    });

    it('rejects registering the same worker twice', () => {
      spec(workerDecider)
        .given(registered)
        .when(register, { today: '2023-07-01', policy: panzhihua })
        .thenThrows(/already registered/);
    });

    it('keeps the highest education and skill whatever order they are recorded in', () => {
      const events: WorkerEvent[] = [
        ...registered,
        {
          type: 'SkillCertificateRecorded',
          data: {
            workerId: W,
            certificateNumber: 'C2',
            level: '高级',
            occupation: '焊工',
            issuedOn: '2022-01-01',
            issuer: '人社局',
          },
        },
        {
          type: 'SkillCertificateRecorded',
          data: {
            workerId: W,
            certificateNumber: 'C1',
            level: '初级',
            occupation: '电工',
            issuedOn: '2019-01-01',
            issuer: '人社局',
          },
        },
        {
          type: 'EducationRecorded',
          data: { workerId: W, level: '大专', institution: '攀枝花学院', completedOn: '2012-07-01' },
        },
        {
          type: 'EducationRecorded',
          data: { workerId: W, level: '高中', institution: '西昌一中', completedOn: '2009-07-01' },
        },
      ];
      expect(fold(workerDecider, events)).toMatchObject({
        skill: '高级',
        education: '大专',
        certificates: ['C2', 'C1'],
      });
    });

    it('records a violation once, whatever the retries (2024-01-10)', () => {
      const command = {
        type: 'RecordViolation',
        data: { workerId: W, violationId: 'V1', ground: 'public-order', occurredOn: '2024-01-05', authority: '派出所' },
      } as const;
      const [first] = spec(workerDecider)
        .given(registered)
        .when(command, { today: '2024-01-10', policy: panzhihua })
        .then([{ type: 'ViolationRecorded', effectiveOn: '2024-01-05' }]) as WorkerEvent[];
      spec(workerDecider)
        .given([...registered, first!])
        .when(command, { today: '2024-01-11', policy: panzhihua })
        .then([]);
    });

    it('changes the phone number on 2024-02-01, and records nothing when it is unchanged', () => {
      spec(workerDecider)
        .given(registered)
        .when(
          { type: 'ChangeContactDetails', data: { workerId: W, phone: '13900000000' } },
          { today: '2024-02-01', policy: panzhihua },
        )
        .then([
          { type: 'ContactDetailsChanged', data: { workerId: W, phone: '13900000000', changedOn: '2024-02-01' } },
        ]);
      spec(workerDecider)
        .given(registered)
        .when(
          { type: 'ChangeContactDetails', data: { workerId: W, phone: '13800000000' } },
          { today: '2024-02-01', policy: panzhihua },
        )
        .then([]);
    });
  });

  describe('settlement.open [panzhihua]: 全面放开我市城镇落户限制', () => {
    it('settles the worker on 2024-03-01 with no threshold, citing settlement.open', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([{ kind: 'document', documentType: '房屋租赁合同' }]), { today: '2024-03-01', policy: panzhihua })
        .then([
          {
            type: 'WorkerSettled',
            data: expect.objectContaining({
              settledOn: '2024-03-01',
              previousHukouPlace: { areaCode: '513401', address: '凉山州西昌市某村' },
              decision: expect.objectContaining({
                packId: 'panzhihua',
                rules: [
                  expect.objectContaining({ ruleId: 'settlement.open', source: 'panzhihua-2016-10 §(十六)' }),
                  expect.objectContaining({ ruleId: 'settlement.no-land-condition' }),
                  expect.objectContaining({ ruleId: 'land.rights-kept', source: 'panzhihua-2016-10 §(十七)' }),
                ],
              }),
            }),
          },
        ]);
    });

    it('refuses on 2024-03-01 a settlement the office made conditional on years of residence', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([{ kind: 'threshold', what: 'residence' }]), { today: '2024-03-01', policy: panzhihua })
        .thenRefuses({ ruleId: 'settlement.open', code: 'SETTLEMENT_RESTRICTED', wouldChange: '撤销落户门槛条件' });
    });

    it('has no settlement rule in shaoxing, whose seed states none (2024-03-01)', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([]), { today: '2024-03-01', policy: shaoxing })
        .thenRefuses({ ruleId: 'settlement.open', code: 'NOT_PROVIDED_BY_PACK', packId: 'shaoxing' });
      spec(workerDecider)
        .given(registered)
        .when(settle([]), { today: '2024-03-01', policy: national })
        .thenRefuses({ code: 'NOT_PROVIDED_BY_PACK', packId: 'national-663' });
    });

    it('rejects a second settlement of the same worker', () => {
      const settled = [
        ...registered,
        ...(workerDecider.decide(settle([]), fold(workerDecider, registered), {
          today: '2024-03-01',
          policy: panzhihua,
        }) as WorkerEvent[]),
      ];
      spec(workerDecider)
        .given(settled)
        .when(settle([]), { today: '2024-04-01', policy: panzhihua })
        .thenThrows(/settled/);
    });
  });

  describe('settlement.no-land-condition [panzhihua]: 落户城镇不得以放弃农村土地承包经营权…为条件', () => {
    it('refuses on 2024-03-01 a settlement conditioned on surrendering the contracted land', () => {
      const refusal = spec(workerDecider)
        .given(registered)
        .when(settle([{ kind: 'surrender-right', right: 'land-contract' }]), { today: '2024-03-01', policy: panzhihua })
        .thenRefuses({
          ruleId: 'settlement.no-land-condition',
          code: 'LAND_SURRENDER_CONDITION',
          source: 'panzhihua-2016-10 §(十六)',
          wouldChange: '撤销放弃农村土地权益的落户条件',
        });
      expect(refusal.detail).toBe(
        '不予按所附条件办理落户：不得以放弃土地承包经营权为落户条件（`settlement.no-land-condition`，panzhihua-2016-10 §(十六)）',
      );
    });

    it('refuses on 2024-03-01 conditions on the homestead and the collective share, naming both', () => {
      const refusal = spec(workerDecider)
        .given(registered)
        .when(
          settle([
            { kind: 'surrender-right', right: 'homestead' },
            { kind: 'surrender-right', right: 'collective-share' },
          ]),
          { today: '2024-03-01', policy: panzhihua },
        )
        .thenRefuses({ ruleId: 'settlement.no-land-condition' });
      expect(refusal.detail).toContain('宅基地使用权、集体经济收益分配权');
    });

    it('settles the same worker on 2024-03-02 once the condition is withdrawn', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([]), { today: '2024-03-02', policy: panzhihua })
        .then([{ type: 'WorkerSettled' }]);
    });
  });

  describe('land.rights-kept [panzhihua]: 依法保护农民工在原籍地的土地承包经营权、林权', () => {
    it('records on 2024-03-01 that the worker keeps the contracted land, homestead and forest', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([]), { today: '2024-03-01', policy: panzhihua })
        .then([
          {
            type: 'WorkerSettled',
            data: expect.objectContaining({ landRightsKept: ['land-contract', 'homestead', 'forest'] }),
          },
        ]);
    });

    it('refuses on 2024-03-01 a settlement conditioned on giving up the forest right', () => {
      spec(workerDecider)
        .given(registered)
        .when(settle([{ kind: 'surrender-right', right: 'forest' }]), { today: '2024-03-01', policy: panzhihua })
        .thenRefuses({ ruleId: 'land.rights-kept', code: 'LAND_RIGHT_ENDED', source: 'panzhihua-2016-10 §(十七)' });
    });
  });
});
