import { projectAll } from '../support/api-harness';
import { fresh, startPackApi, type PackApi } from '../support/pack-api';

/**
 * Illustrative numbers (示例参数: a pack's parameters where the seed gives none) are flagged on
 * every answer that used them (issue 9 item 6): the 201 of the command, the worker summary, the
 * points ranking and a worker's points, and the transfer deadlines. Each route that can use an
 * illustrative rule is walked here, in a pack whose rule is illustrative.
 */
describe('illustrative numbers are flagged on every answer that used them', () => {
  describe('points.factors [shaoxing] (shaoxing-2016-11 §(四), illustrative)', () => {
    let api: PackApi;
    let workerId: string;
    beforeAll(async () => {
      api = await startPackApi('shaoxing', '2016-07-01');
      workerId = fresh('w');
      await api.step('RegisterResidence', workerId, { address: { line: '绍兴市越城区解放路1号' }, arrivalOn: '2015-07-01' }, '2015-07-01');
      await api.step('ApplyForPermit', workerId, { ground: 'stable-job' }, '2016-01-04');
      await api.step('IssuePermit', workerId, { permitNumber: `P${workerId.slice(2)}`, issuingOfficeCode: '330602' }, '2016-01-04');
    });
    afterAll(() => api?.close());

    it('flags the 201 of AssessPoints, the ranking, the worker’s points and the worker summary', async () => {
      const assessed = await api.send(
        'AssessPoints',
        workerId,
        { round: { roundId: '2016-H2', referenceDate: '2016-07-01' }, purpose: 'public-services' },
        '2016-07-01',
      );
      expect(assessed.status).toBe(201);
      expect(assessed.body.illustrative).toBe(true);
      expect(assessed.body.rules.filter((r: { status: string }) => r.status === 'illustrative').map((r: { ruleId: string }) => r.ruleId)).toEqual(['points.factors']);

      await projectAll(api.harness.store);
      const token = api.harness.token('migrant-services');
      const ranking = await api.harness.get('/v1/points/ranking?round=2016-H2', { token });
      expect(ranking.status).toBe(200);
      expect(ranking.body.rows.map((i: { workerId: string }) => i.workerId)).toEqual([workerId]);
      expect(ranking.body.illustrativeRules).toEqual(['points.factors']);

      const points = await api.harness.get(`/v1/points/workers/${workerId}`, { token });
      expect(points.status).toBe(200);
      expect(points.body.illustrativeRules).toEqual(['points.factors']);

      const summary = await api.harness.get(`/v1/workers/${workerId}/summary`, { token: api.harness.token('residence-office') });
      expect(summary.status).toBe(200);
      expect(summary.body.illustrativeRules).toEqual(['points.factors']);
    });
  });

  describe('si.transfer.terms [panzhihua] (panzhihua-2016-10 §(七), illustrative)', () => {
    let api: PackApi;
    beforeAll(async () => {
      api = await startPackApi('panzhihua', '2024-04-01');
    });
    afterAll(() => api?.close());

    it('flags the 201 of RequestTransfer, its deadlines in the transfers lists and the worker summary', async () => {
      const workerId = fresh('w');
      await api.step('RegisterResidence', workerId, { address: { line: '攀枝花市东区' }, arrivalOn: '2024-01-10' }, '2024-04-01');
      const requested = await api.send(
        'RequestTransfer',
        workerId,
        { transferId: 'T-1', fromScheme: 'employee-pension', toScheme: 'employee-pension', fromRegion: '350400', toRegion: '510400' },
        '2024-04-01',
      );
      expect(requested.status).toBe(201);
      expect(requested.body.illustrative).toBe(true);

      await projectAll(api.harness.store);
      const token = api.harness.token('hrss');
      const inFlight = await api.harness.get('/v1/hrss/transfers', { token });
      expect(inFlight.status).toBe(200);
      expect(inFlight.body.rows).toEqual([
        expect.objectContaining({ workerId, letterDue: '2024-04-16', illustrativeRules: ['si.transfer.terms'] }),
      ]);
      const insurance = await api.harness.get(`/v1/hrss/workers/${workerId}/insurance`, { token });
      expect(insurance.body.transfers).toEqual([
        expect.objectContaining({ transferId: 'T-1', completionDue: '2024-05-16', illustrativeRules: ['si.transfer.terms'] }),
      ]);

      const summary = await api.harness.get(`/v1/workers/${workerId}/summary`, { token: api.harness.token('residence-office') });
      expect(summary.body.illustrativeRules).toEqual(['si.transfer.terms']);
    });

    it('flags nothing where no illustrative rule was used: a plain residence registration', async () => {
      const workerId = fresh('w');
      const registered = await api.send('RegisterResidence', workerId, { address: { line: '攀枝花市东区' }, arrivalOn: '2024-01-10' }, '2024-04-01');
      expect(registered.body).toMatchObject({ rules: [], illustrative: false });
      const summary = await api.harness.get(`/v1/workers/${workerId}/summary`, { token: api.harness.token('residence-office') });
      expect(summary.body.illustrativeRules).toEqual([]);
    });
  });
});
