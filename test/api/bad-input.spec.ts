import { commandRoute } from '../../apps/api/src/routes/commands/command-routes';
import type { ApiDepartment } from '../../apps/api/src/security';
import { HARNESS_TODAY, startApiHarness, type ApiHarness, type ApiResponse } from '../support/api-harness';

// Issue 9 item 7, where departments meet it: bad input gets a 4xx problem+json that names what
// is wrong, and appends nothing. The harness decides on HARNESS_TODAY (2026-11-24).

const WORKER = {
  name: '张伟',
  idNumber: '11010519491231002X',
  phone: '13800000001',
  birthDate: '1949-12-31',
  hukouPlace: { areaCode: '513401', address: '西昌市某村' },
  arrivalOn: '2025-01-05',
};

/** The English messages these tests quote; without it the API answers in Chinese (docs/api-commands.md). */
const EN = { 'accept-language': 'en' };

describe('bad input on the command routes', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('badinput', { env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  function path(type: string, subject: string): string {
    const route = commandRoute(type);
    return route.path.replace(/\{[a-zA-Z]+\}/, subject);
  }

  /** Sends the command as its owning department and checks that the head did not move. */
  async function sendAndCountAppends(type: string, subject: string, options: Parameters<ApiHarness['request']>[1]): Promise<{ res: ApiResponse; appended: number }> {
    const count = async () => Number((await h.store.pool.query('SELECT count(*) AS n FROM event_store.events')).rows[0].n);
    const before = await count();
    const res = await h.request(path(type, subject), { method: 'POST', token: h.token(commandRoute(type).owner as ApiDepartment), ...options });
    return { res, appended: (await count()) - before };
  }

  function expectProblem(res: ApiResponse, status: number, type: string): void {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.type).toBe(`/problems/${type}`);
  }

  describe('a body that is not application/json is a 415 and appends nothing', () => {
    it.each([
      ['text/plain', JSON.stringify(WORKER)],
      ['application/x-www-form-urlencoded', 'name=%E5%BC%A0%E4%BC%9F&idNumber=11010519491231002X'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n张伟\r\n--b--\r\n'],
      ['application/xml', '<worker/>'],
      ['application/merge-patch+json', JSON.stringify(WORKER)],
      ['application/json; charset=latin1', JSON.stringify(WORKER)],
    ])('Content-Type: %s', async (contentType, raw) => {
      const { res, appended } = await sendAndCountAppends('RegisterWorker', 'w-415', { raw, contentType });
      expectProblem(res, 415, 'unsupported-media-type');
      expect(appended).toBe(0);
    });

    it('no Content-Type at all, with or without a body', async () => {
      const withBody = await sendAndCountAppends('RegisterWorker', 'w-415', { raw: Buffer.from(JSON.stringify(WORKER)), contentType: null });
      expectProblem(withBody.res, 415, 'unsupported-media-type');
      expect(withBody.res.body.detail).toBe('POST /v1/workers/w-415/registrations takes a JSON body: send Content-Type: application/json');
      const empty = await sendAndCountAppends('RecordEndorsementLapse', 'w-415', {});
      expectProblem(empty.res, 415, 'unsupported-media-type');
      expect(withBody.appended + empty.appended).toBe(0);
    });

    it('application/json with a UTF-8 charset is accepted', async () => {
      const { res, appended } = await sendAndCountAppends('RegisterWorker', 'w-json-utf8', {
        raw: JSON.stringify(WORKER),
        contentType: 'application/json; charset=UTF-8',
      });
      expect(res.status).toBe(201);
      expect(appended).toBe(1);
    });
  });

  describe('a fact dated after the ledger\'s today is a 400 naming the field', () => {
    it.each([
      // shaoxing-2016-11 §(九): a record "opened" next year would start the three months early.
      ['OpenVaccinationRecord', 'c-future', { openedOn: '2026-11-25' }, 'openedOn'],
      ['RegisterResidence', 'w-future', { address: { line: '东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2027-01-01' }, 'arrivalOn'],
      ['RecordHomePurchase', 'w-future', { purchaseId: 'HP-1', purchasedOn: '2026-12-01', homeKind: 'commercial' }, 'purchasedOn'],
      ['RegisterWorker', 'w-future', { ...WORKER, arrivalOn: '2026-11-25' }, 'arrivalOn'],
    ])('%s with %s', async (type, subject, body, field) => {
      const { res, appended } = await sendAndCountAppends(type, subject, { body, headers: EN });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.field).toBe(field);
      expect(res.body.code).toBe('DATE_IN_FUTURE');
      expect(res.body.errors).toEqual([{ pointer: `/${field}`, detail: res.body.detail }]);
      expect(res.body.detail).toBe(
        `${field} is ${(body as Record<string, string>)[field]}, after the ledger's today (${HARNESS_TODAY}): a fact that has happened cannot be dated in the future`,
      );
      expect(appended).toBe(0);
    });

    it('the ledger\'s today itself is accepted', async () => {
      const { res } = await sendAndCountAppends('OpenVaccinationRecord', 'c-today', { body: { openedOn: HARNESS_TODAY } });
      // The record is accepted as of today; whatever the child's stream says next is the decider's.
      expect(res.status).not.toBe(400);
    });
  });

  describe('names and addresses', () => {
    it.each([
      ['a zero-width space', '张\u200B伟', 'U+200B'],
      ['a right-to-left override', '张\u202E伟', 'U+202E'],
      ['a first-strong isolate', '\u2068张伟', 'U+2068'],
      ['a NUL', '张\u0000伟', 'U+0000'],
      ['a line break', '张\n伟', 'U+000A'],
      ['a private-use character', '张\uE000', 'U+E000'],
    ])('a name with %s is refused', async (_what, name, code) => {
      const { res, appended } = await sendAndCountAppends('RegisterWorker', 'w-hidden', { body: { ...WORKER, name }, headers: EN });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.field).toBe('name');
      expect(res.body.code).toBe('HIDDEN_CHARACTER');
      expect(res.body.detail).toBe(`name contains an invisible or control character (${code}); send the text as it is written`);
      expect(appended).toBe(0);
    });

    it('an address with a bidirectional override is refused, naming the nested field', async () => {
      const body = { ...WORKER, hukouPlace: { areaCode: '513401', address: '西昌市\u202D某村' } };
      const { res, appended } = await sendAndCountAppends('RegisterWorker', 'w-hidden', { body });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.field).toBe('hukouPlace.address');
      // Chinese by default (no Accept-Language), the field as a JSON Pointer.
      expect(res.body.errors).toEqual([
        { pointer: '/hukouPlace/address', detail: 'hukouPlace.address 含有不可见字符或控制字符（U+202D）；请按书写原样填写' },
      ]);
      expect(res.body.detail).toBe('hukouPlace.address 含有不可见字符或控制字符（U+202D）；请按书写原样填写');
      expect(appended).toBe(0);
    });

    it.each([
      ['Latin with a Cyrillic а (look-alike)', 'Zh\u0430ng Wei', 'Latin, Cyrillic'],
      ['Han with Cyrillic', '张Вэй', 'Han, Cyrillic'],
      ['Latin with Greek', 'Ζhang', 'Greek, Latin'],
    ])('a name mixing scripts is refused: %s', async (_what, name, scripts) => {
      const { res, appended } = await sendAndCountAppends('RegisterWorker', 'w-mixed', { body: { ...WORKER, name }, headers: EN });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.code).toBe('MIXED_SCRIPT');
      expect(res.body.detail).toBe(`name mixes writing systems (${scripts}); a name is written in one script, or in Chinese with Latin letters`);
      expect(appended).toBe(0);
    });

    it.each([
      ['a minority name with the middle dot', '阿依古丽·买买提', 'w-name-1'],
      ['Chinese with Latin letters', '李A娜', 'w-name-2'],
      ['a Uyghur name in Arabic script', 'ئايگۈل', 'w-name-3'],
    ])('accepts %s', async (_what, name, subject) => {
      const { res, appended } = await sendAndCountAppends('RegisterWorker', subject, { body: { ...WORKER, name } });
      expect(res.status).toBe(201);
      expect(appended).toBe(1);
    });

    it('stores names and addresses in Unicode NFC, whatever form they were sent in', async () => {
      const nfd = 'Lu\u0308 Hua'; // "Lü Hua" with a combining diaeresis
      const address = '西昌市某村e\u0301'; // é decomposed
      const { res } = await sendAndCountAppends('RegisterWorker', 'w-nfc', { body: { ...WORKER, name: nfd, hukouPlace: { areaCode: '513401', address } } });
      expect(res.status).toBe(201);
      const [event] = await h.store.readStream('worker-w-nfc');
      const data = event!.data as { name: string; hukouPlace: { address: string } };
      expect(data.name).toBe('L\u00FC Hua');
      expect(data.hukouPlace.address).toBe('西昌市某村\u00E9');
    });
  });
});
