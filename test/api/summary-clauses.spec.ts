import { buildHistory } from '../../libs/read-models/testing/history';
import { projectAll, startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * The clauses behind each section of the worker summary (docs/api-reads.md): the rules the
 * section's decisions in effect applied, as those decisions recorded them, and whether one carried
 * illustrative numbers (示例参数); a child's schooling apart from its vaccination and basic public
 * health. Over the read models' small city (libs/read-models/testing/history.ts), panzhihua's pack,
 * the points assessed under shaoxing's.
 */
const rule = (ruleId: string, source: string, quote: string, status: string, effectiveFrom: string) => ({ ruleId, source, quote, status, effectiveFrom });
const APPLY = rule('permit.apply.conditions', 'national-663 第二条', '居住半年以上', 'in-force', '2016-01-01');
const ENDORSE = rule('permit.endorse.yearly', 'national-663 第十条', '居住每满1年之日前1个月内', 'in-force', '2016-01-01');
const EQUAL = rule('permit.equal-services', 'panzhihua-2016-10 §(十二)', '持居住证享有与当地户籍人口同等的劳动就业', 'in-force', '2016-03-27');
const POINTS = [
  rule('permit.tier-basis', 'shaoxing-2016-11 §(四)', '以居住证为基础的流动人口公共服务梯度供给制度', 'in-force', '2016-01-01'),
  rule('points.factors', 'shaoxing-2016-11 §(四)', '科学构建流动人口公共服务积分制供给体系', 'illustrative', '2016-01-01'),
  rule('points.services-by-points', 'shaoxing-2016-11 §(四)', '由条件管理向积分管理转变', 'in-force', '2016-01-01'),
];
const TRANSFER = [
  rule('si.transfer.pension', 'panzhihua-2016-10 §(七)', '企业职工基本养老保险和城乡居民基本养老保险的转移接续', 'in-force', '2016-03-27'),
  rule('si.transfer.terms', 'panzhihua-2016-10 §(七)', '企业职工基本养老保险和城乡居民基本养老保险的转移接续', 'illustrative', '2016-03-27'),
];
const RENTAL = rule('housing.rental.stable-employment', 'panzhihua-2016-10 §(十五)', '在城镇稳定就业并居住一定年限的农民工', 'illustrative', '2016-03-27');
const GUARANTEE = rule('school.admission.guarantee', 'panzhihua-2016-10 §(十三)', '确保进城务工人员随迁子女 100%入学', 'in-force', '2016-03-27');
const FEES = rule('school.fees.equal', 'panzhihua-2016-10 §(十三)', '不得收取择校费、借读费', 'in-force', '2016-03-27');
const BASIC_HEALTH = rule('health.basic-public', 'panzhihua-2016-10 §(十四)', '将在城镇居住半年以上的农民工及其子女纳入', 'in-force', '2016-03-27');

describe('the clauses behind each section of the worker summary', () => {
  let h: ApiHarness;
  const summary = async (path: string, department: Parameters<ApiHarness['token']>[0] = 'residence-office') => {
    const res = await h.get(path, { token: h.token(department) });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** The clauses of every section, as a department sees them. */
  // The answer's shape is what is under test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const clauses = (body: Record<string, any>) => ({
    worker: [body.worker.rules, body.worker.illustrative],
    residencePermit: [body.residencePermit.rules, body.residencePermit.illustrative],
    points: [body.points.rules, body.points.illustrative],
    insurance: [body.insurance.rules, body.insurance.illustrative],
    housing: [body.housing.rules, body.housing.illustrative],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    children: body.children.map((c: Record<string, any>) => ({ childId: c.childId, schooling: [c.rules, c.illustrative], health: c.health })),
  });

  beforeAll(async () => {
    h = await startApiHarness('clauses');
    await buildHistory(h.store);
    await projectAll(h.store); // the children are found through the education read model
  });
  afterAll(() => h?.close());

  it('names, per section, the rules its figures were decided under and flags the illustrative ones', async () => {
    const body = await summary('/v1/workers/w-zhang/summary');
    expect(clauses(body)).toEqual({
      worker: [[], false],
      residencePermit: [[APPLY, ENDORSE, EQUAL], false],
      points: [POINTS, true],
      insurance: [TRANSFER, true],
      housing: [[RENTAL], true],
      children: [{ childId: 'c-1', schooling: [[GUARANTEE, FEES], false], health: { rules: [BASIC_HEALTH], illustrative: false } }],
    });
    expect(body.illustrativeRules).toEqual(['housing.rental.stable-employment', 'points.factors', 'si.transfer.terms']);
    // The child's vaccination beside its clauses: 卫健委's check, no record opened, basic public health since the decision.
    expect(body.children[0]).toMatchObject({
      vaccination: { verifiedOn: '2024-03-02', certificate: 'complete', missingVaccines: [] },
      vaccinationRecord: null,
      publicHealthCoveredFrom: '2022-07-05', // half a year after w-zhang's arrival (health.basic-public)
    });
  });

  it('gives [] for figures no rule decided: a vaccination check recorded, with gaps, and nothing decided on health', async () => {
    const body = await summary('/v1/workers/w-li/summary');
    expect(body.children).toEqual([
      expect.objectContaining({
        childId: 'c-2',
        rules: [GUARANTEE],
        illustrative: false,
        vaccination: { verifiedOn: '2025-04-02', certificate: 'gaps', missingVaccines: ['MMR-2'] },
        vaccinationRecord: null,
        publicHealthCoveredFrom: null,
        health: { rules: [], illustrative: false },
      }),
    ]);
    expect(body.residencePermit.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'permit.apply.conditions',
      'permit.endorse.yearly',
      'permit.equal-services',
      'permit.lapse',
      'permit.restore',
    ]);
    expect(body.housing).toMatchObject({ rules: [rule('housing.purchase.tax-relief', 'panzhihua-2016-10 §(十五)', '享受购房契税和印花税等优惠政策', 'in-force', '2016-03-27')], illustrative: false });
  });

  it('follows the clocks: as the ledger knew it before the points were assessed, and when the vaccination check was recorded', async () => {
    // The instant the rental decision was recorded: the last step before the points (HISTORY's order).
    const housing = await h.get('/v1/streams/housing-w-zhang/events', { token: h.token('audit') });
    const knownAt: string = housing.body.events.at(-1).recordedAt;
    const known = await summary(`/v1/workers/w-zhang/summary?knownAt=${encodeURIComponent(knownAt)}`);
    expect(clauses(known)).toEqual({
      worker: [[], false],
      residencePermit: [[APPLY, ENDORSE, EQUAL], false],
      points: [[], false],
      insurance: [TRANSFER, true],
      housing: [[RENTAL], true],
      children: [], // c-1 was registered after the points (HISTORY's order): not known then
    });
    expect(known.illustrativeRules).toEqual(['housing.rental.stable-employment', 'si.transfer.terms']);
    // As the ledger knew it when 卫健委's check was recorded: the certificate, but basic public health not yet decided.
    const schooling = await h.get('/v1/streams/schooling-c-1/events', { token: h.token('audit') });
    expect(schooling.body.events.slice(0, 3).map((e: { type: string }) => e.type)).toEqual(['ChildRegistered', 'VaccinationVerified', 'PublicHealthCoverageDecided']);
    const checked: string = schooling.body.events[1].recordedAt;
    const child = (await summary(`/v1/workers/w-zhang/summary?knownAt=${encodeURIComponent(checked)}`)).children[0];
    expect(child).toMatchObject({
      vaccination: { verifiedOn: '2024-03-02', certificate: 'complete', missingVaccines: [] },
      publicHealthCoveredFrom: null,
      health: { rules: [], illustrative: false },
    });
  });

  it('gives no clause of a section the credential may not read', async () => {
    const body = await summary('/v1/workers/w-zhang/summary', 'hrss');
    expect(body.housing).toEqual({ stream: 'housing-w-zhang', visible: false });
    expect(body.insurance).toMatchObject({ rules: TRANSFER, illustrative: true });
    expect(body.illustrativeRules).toEqual(['points.factors', 'si.transfer.terms']);
  });
});
