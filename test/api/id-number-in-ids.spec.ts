import { committedHead } from '../support/committed-head';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Issue 16: a worker id could itself be a 身份证号, and was then shown in clear to every
 * department in stream names and the feed. A path id holding one is refused; other ids pass.
 */
describe('a 身份证号 as a worker id (issue 16)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness('idnumids');
  });
  afterAll(async () => {
    await api?.close();
  });

  const register = (workerId: string) =>
    api.post(
      `/v1/workers/${workerId}/residence-permit/registrations`,
      { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' },
      { token: api.token('residence-office') },
    );

  it.each(['11010519491231002X', 'w-11010519491231002x', 'w:11010519491231002X-2'])(
    'refuses the path id %s with 400 problem+json, appending nothing',
    async (workerId) => {
      const before = await committedHead(api.store.pool);
      const answer = await register(workerId);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.errors).toEqual([
        { parameter: 'id', detail: '路径中的编号不得包含身份证号：流名称对所有部门可见，请使用不含个人信息的编号' },
      ]);
      expect(await committedHead(api.store.pool)).toBe(before);
    },
  );

  it('accepts an 18-digit id that is not a 身份证号 (wrong check digit)', async () => {
    expect((await register('110105194912310021')).status).toBe(201);
  });
});
