import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildHistory } from '../../libs/read-models/testing/history';
import { CredentialService } from '../../apps/api/src/security';
import { projectAll, startApiHarness, type ApiHarness } from '../support/api-harness';
import { ARTIFACTS, launchChromium, prepareConsole, screenshot } from './browser';

// A clerk's day at the counter console (docs/console.md), in a real Chromium against the real
// API on embedded PostgreSQL. The API decides on the harness's fixed day, 2026-11-24, and the
// console takes its day from the API (GET /v1/session), so nothing here reads the wall clock.
// The ledger holds the read models' small city (libs/read-models/testing/history.ts) and w-chen,
// whose permit was issued on 2025-11-30, so its first 签注 is due on 2026-11-30, and w-zhou, who
// came on 2026-06-01 and is a week short of the half year a permit needs.
jest.setTimeout(180_000);

const ZHAO = { name: '赵敏', idNumber: '51340219900307002X', phone: '13800000009', areaCode: '513402', hukou: '米易县某村', arrivalOn: '2026-05-01' };

/** The MediaBox of each page of a PDF Chromium printed (points): A4 is 595.28 × 841.89. */
function pageSizes(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`);
}

describe('a clerk’s day at the counter console, in Chromium', () => {
  let h: ApiHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clerkToken: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const started = Date.now();
    const { chromiumPath } = prepareConsole();
    h = await startApiHarness('console');
    await buildHistory(h.store);
    await buildHistory(h.store, [
      ['2025-05-06', 'RegisterWorker', 'w-chen', { name: '陈静', idNumber: '513402199208150031', phone: '13800000008', birthDate: '1992-08-15', hukouPlace: { areaCode: '513402', address: '米易县某镇' }, arrivalOn: '2025-05-01' }],
      ['2025-05-06', 'RegisterResidence', 'w-chen', { address: { line: '东区攀枝花大道5号', districtCode: '510402' }, arrivalOn: '2025-05-01' }],
      ['2025-11-20', 'ApplyForPermit', 'w-chen', { ground: 'stable-job' }],
      ['2025-11-30', 'IssuePermit', 'w-chen', { permitNumber: '510402000000000003', issuingOfficeCode: '510402' }],
      ['2024-01-05', 'RegisterWorker', 'w-sun', { name: '孙丽', idNumber: '513402198811110021', phone: '13800000007', birthDate: '1988-11-11', hukouPlace: { areaCode: '513402', address: '米易县某乡' }, arrivalOn: '2024-01-01' }],
      ['2024-01-05', 'RegisterResidence', 'w-sun', { address: { line: '西区某街6号', districtCode: '510403' }, arrivalOn: '2024-01-01' }],
      ['2024-07-10', 'ApplyForPermit', 'w-sun', { ground: 'stable-job' }],
      ['2024-08-01', 'IssuePermit', 'w-sun', { permitNumber: '510403000000000004', issuingOfficeCode: '510403' }],
      ['2025-09-01', 'RecordEndorsementLapse', 'w-sun', {}],
      ['2026-06-03', 'RegisterWorker', 'w-zhou', { name: '周芳', idNumber: '510402199505050026', phone: '13800000006', birthDate: '1995-05-05', hukouPlace: { areaCode: '513402', address: '米易县某镇' }, arrivalOn: '2026-06-01' }],
      ['2026-06-03', 'RegisterResidence', 'w-zhou', { address: { line: '东区炳草岗大街2号', districtCode: '510402' }, arrivalOn: '2026-06-01' }],
    ]);
    await projectAll(h.store);
    clerkToken = (await h.app.get(CredentialService).issue({ department: 'residence-office', principal: 'counter-01' })).token;
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    timings.setup = Date.now() - started;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await h?.close();
    console.log(`console browser spec timings (ms): ${JSON.stringify(timings)}; artefacts in ${ARTIFACTS}`);
  });

  async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await step();
    } catch (error) {
      await screenshot(page, `failed-${name}`).catch(() => undefined); // what the clerk saw when it failed
      await page.emulateMedia({ media: 'screen' }).catch(() => undefined); // the next step starts on screen
      throw error;
    } finally {
      timings[name] = Date.now() - started;
    }
  }

  const text = (testId: string) => page.getByTestId(testId).textContent();

  /** The 201 answer of the next command the console sends (its `rules` are the decision's own). */
  const nextAnswer = (): Promise<{ rules: { ruleId: string; source: string; quote: string; status: string }[] }> =>
    page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 201).then((r) => r.json());
  /** The receipt's clause line as the console writes it from those rules. */
  const cited = (rules: { ruleId: string; source: string; quote: string }[]) => rules.map((r) => `${r.source}“${r.quote}”（${r.ruleId}）`).join('；');

  it('signs a clerk in with a residence-office credential, and refuses an invalid one and another department’s', () =>
    timed('sign-in', async () => {
      await page.goto(`${h.base}/console/`);
      await page.getByLabel('凭证').fill('ledger_not-a-token');
      await page.getByRole('button', { name: '登 录' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('凭证无效或已吊销');

      await page.getByLabel('凭证').fill(h.token('public-security'));
      await page.getByRole('button', { name: '登 录' }).click();
      await page.getByText('窗口控制台只接受').waitFor();
      await expect(page.getByRole('alert').textContent()).resolves.toBe('该凭证属于「公安局」，窗口控制台只接受居住证窗口（residence-office）的凭证');
      await screenshot(page, '01-sign-in-refused');

      await page.getByLabel('凭证').fill(clerkToken);
      await page.getByLabel('凭证').press('Enter');
      await expect(text('clerk')).resolves.toBe('counter-01（派出所 / 社区服务站 (居住证窗口)）');
      await expect(text('today')).resolves.toBe('台账日期 2026-11-24');
      await expect(text('shortcuts')).resolves.toContain('Alt+2 人员登记');
      // The first screen (the search) is drawn without antd: its chunk comes with the other screens.
      await page.getByLabel('查找人员').waitFor();
      await expect(page.locator('[class^="ant-"], [class*=" ant-"]').count()).resolves.toBe(0);
      await screenshot(page, '02-signed-in');
    }));

  it('finds workers as the clerk types, by name and by exact 身份证号, and opens the whole picture with Enter', () =>
    timed('search', async () => {
      const box = page.getByLabel('查找人员');
      await box.pressSequentially('李');
      await page.getByText('按姓名查找：找到 1 人').waitFor();
      await expect(page.getByTestId('search-results').locator('tbody tr').first().textContent()).resolves.toContain('510411198805052228');
      await screenshot(page, '03-search-by-name');

      await box.fill('510402199001011234');
      await page.getByText('按身份证号精确查找：找到 1 人').waitFor();
      await box.press('Enter');
      await page.getByRole('heading', { name: '张伟（w-zhang）' }).waitFor();
      // No 签注 for years: overdue on 2026-11-24, not yet recorded as lapsed. The days are the
      // ledger's schedule (the summary's nextEndorsement), shown as they are.
      await expect(text('permit-status')).resolves.toBe('签注逾期');
      const { windowOpensOn, dueOn, overdueFrom } = (await h.get('/v1/workers/w-zhang/summary', { token: h.token('residence-office') })).body
        .residencePermit.nextEndorsement;
      expect(overdueFrom <= '2026-11-24').toBe(true);
      await expect(text('next-endorsement')).resolves.toBe(`${windowOpensOn} 起可办，${dueOn} 前办理，${overdueFrom} 起已逾期`);
      await expect(page.getByTestId('points-breakdown').locator('li').allTextContents()).resolves.toEqual([
        '持居住证年限：6 分',
        '社会保险缴费年限：9 分',
        '学历：5 分',
        '职业技能：6 分',
        '住房：0 分',
        '违法违规扣分：0 分',
      ]);
      await expect(page.getByTestId('points').textContent()).resolves.toContain('26 分（2025-07-05 评定）');
      await screenshot(page, '04-worker-picture');
    }));

  it('shows the clause behind each section of the picture, flags the illustrative numbers, and the child’s schooling and vaccination', () =>
    timed('picture-clauses', async () => {
      // w-zhang's picture is open. Each section cites the rules the summary names for it.
      type Rule = { ruleId: string; source: string; quote: string; status: string };
      const { body } = await h.get('/v1/workers/w-zhang/summary', { token: h.token('residence-office') });
      const asCited = (rules: Rule[]) => rules.map((r) => `${r.source}“${r.quote}”（${r.ruleId}）${r.status === 'illustrative' ? '（示例参数：本市尚未公布正式数字）' : ''}`);
      const clauses = (testId: string) => page.getByTestId(`${testId}-clauses`).locator('li').allTextContents();
      const flagged = (testId: string) => page.getByTestId(`${testId}-illustrative`).count();
      const FLAG = '（示例参数：本市尚未公布正式数字）';

      await expect(clauses('permit')).resolves.toEqual(asCited(body.residencePermit.rules));
      await expect(clauses('permit')).resolves.toEqual([
        'national-663 第二条“居住半年以上”（permit.apply.conditions）',
        'national-663 第十条“居住每满1年之日前1个月内”（permit.endorse.yearly）',
        'panzhihua-2016-10 §(十二)“持居住证享有与当地户籍人口同等的劳动就业”（permit.equal-services）',
      ]);
      await expect(text('next-endorsement-clause')).resolves.toBe('（national-663 第十条“居住每满1年之日前1个月内”）');
      await expect(flagged('permit')).resolves.toBe(0);

      // The points were scored under shaoxing's illustrative factors: the section and the rule are flagged.
      await expect(clauses('points')).resolves.toEqual(asCited(body.points.rules));
      await expect(clauses('points')).resolves.toEqual([
        'shaoxing-2016-11 §(四)“以居住证为基础的流动人口公共服务梯度供给制度”（permit.tier-basis）',
        `shaoxing-2016-11 §(四)“科学构建流动人口公共服务积分制供给体系”（points.factors）${FLAG}`,
        'shaoxing-2016-11 §(四)“由条件管理向积分管理转变”（points.services-by-points）',
      ]);
      await expect(text('points-illustrative')).resolves.toBe('示例参数');

      await expect(clauses('insurance')).resolves.toEqual(asCited(body.insurance.rules));
      await expect(clauses('insurance')).resolves.toEqual([
        'panzhihua-2016-10 §(七)“企业职工基本养老保险和城乡居民基本养老保险的转移接续”（si.transfer.pension）',
        `panzhihua-2016-10 §(七)“企业职工基本养老保险和城乡居民基本养老保险的转移接续”（si.transfer.terms）${FLAG}`,
      ]);
      await expect(text('insurance-illustrative')).resolves.toBe('示例参数');

      await expect(clauses('housing')).resolves.toEqual([`panzhihua-2016-10 §(十五)“在城镇稳定就业并居住一定年限的农民工”（housing.rental.stable-employment）${FLAG}`]);
      await expect(text('housing-illustrative')).resolves.toBe('示例参数');

      // The child: schooling and vaccination, each with its own clauses.
      await expect(text('child-c-1-schooling')).resolves.toBe('已入学 s-renhe-1 3 年级（2024-09-01）');
      await expect(clauses('child-c-1-schooling')).resolves.toEqual([
        'panzhihua-2016-10 §(十三)“确保进城务工人员随迁子女 100%入学”（school.admission.guarantee）',
        'panzhihua-2016-10 §(十三)“不得收取择校费、借读费”（school.fees.equal）',
      ]);
      await expect(text('child-c-1-vaccination')).resolves.toBe('预防接种证齐全（2024-03-02 查验）');
      await expect(text('child-c-1-public-health')).resolves.toBe('基本公共卫生服务：2022-07-05 起纳入');
      await expect(clauses('child-c-1-health')).resolves.toEqual(asCited(body.children[0].health.rules));
      await expect(clauses('child-c-1-health')).resolves.toEqual(['panzhihua-2016-10 §(十四)“将在城镇居住半年以上的农民工及其子女纳入”（health.basic-public）']);
      await expect(flagged('child-c-1-schooling')).resolves.toBe(0);
      await expect(flagged('child-c-1-health')).resolves.toBe(0);
      await screenshot(page, '04b-picture-clauses');

      // w-li: a transfer in flight, its deadlines from the illustrative terms; a child's vaccination with gaps, which no rule decided.
      await page.keyboard.press('Alt+1');
      await page.getByLabel('查找人员').fill('李娜');
      await page.getByText('按姓名查找：找到 1 人').waitFor();
      await page.getByLabel('查找人员').press('Enter');
      await page.getByRole('heading', { name: '李娜（w-li）' }).waitFor();
      const li = (await h.get('/v1/workers/w-li/summary', { token: h.token('residence-office') })).body;
      const t2 = li.insurance.transfers.find((t: { transferId: string }) => t.transferId === 't-2');
      await expect(page.getByTestId('transfers-in-flight').locator('li').allTextContents()).resolves.toEqual([
        `t-2（510100 → 510400）已申请，联系函 ${t2.letterDue} 前出具，${t2.completionDue} 前办结`,
      ]);
      await expect(text('insurance-illustrative')).resolves.toBe('示例参数');
      await expect(text('child-c-2-vaccination')).resolves.toBe('预防接种证有缺种，缺种：MMR-2（2025-04-02 查验）');
      await expect(text('child-c-2-public-health')).resolves.toBe('基本公共卫生服务：未纳入');
      await expect(text('child-c-2-health-clauses')).resolves.toBe('依据：登记的事实，未经规则判定');
      await expect(text('child-c-2-schooling')).resolves.toBe('符合入学条件，待安排学位（2025 学年 2 年级）');
      await expect(clauses('child-c-2-schooling')).resolves.toEqual(['panzhihua-2016-10 §(十三)“确保进城务工人员随迁子女 100%入学”（school.admission.guarantee）']);
      await screenshot(page, '04c-picture-child-vaccination-gaps');
    }));

  it('registers a worker with the keyboard only, after catching a wrong check digit and a 身份证号 already registered', () =>
    timed('keyboard-registration', async () => {
      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: '流动人口信息登记' }).waitFor();
      const kb = page.keyboard;
      // 姓名 has the focus; Tab walks the form in reading order.
      await kb.type(ZHAO.name);
      await kb.press('Tab');
      await kb.type('513402199003070021'); // wrong check character
      await kb.press('Tab');
      await page.getByText('身份证号校验码不符：最后一位应为 X').waitFor();
      await kb.press('Shift+Tab');
      await kb.press('Control+A');
      await kb.type('510402199001011234'); // 张伟's
      await kb.press('Tab');
      await kb.type(ZHAO.phone);
      await kb.press('Tab');
      await kb.press('Control+A');
      await kb.type('1990-03-07');
      await kb.press('Tab');
      await kb.type(ZHAO.areaCode);
      await kb.press('Tab');
      await kb.type(ZHAO.hukou);
      await kb.press('Tab');
      await kb.type(ZHAO.arrivalOn);
      await kb.press('Tab');
      await kb.press('Control+A');
      await kb.type('w-zhao');
      await kb.press('Enter');
      await page.getByText('该身份证号已登记：张伟（台账编号 w-zhang），请勿重复登记').waitFor();
      await screenshot(page, '05-registration-duplicate');

      await page.getByLabel('身份证号').focus();
      await kb.press('Control+A');
      await kb.type(ZHAO.idNumber);
      await kb.press('Enter');
      await page.getByTestId('receipt').waitFor();
      await expect(text('receipt-command')).resolves.toBe('流动人口信息登记');
      await expect(text('receipt-events')).resolves.toBe('人员信息已登记');
      await screenshot(page, '06-registration-receipt');
      const stored = await h.get('/v1/workers/w-zhao/summary', { token: h.token('residence-office') });
      expect(stored.body.worker).toMatchObject({ name: '赵敏', idNumber: ZHAO.idNumber, birthDate: '1990-03-07', arrivalOn: '2026-05-01' });
      const events = await h.get('/v1/streams/worker-w-zhao/events', { token: h.token('audit') });
      expect(events.body.events[0].actor).toMatchObject({ department: 'residence-office', principal: 'counter-01' });
    }));

  it('records residence, takes the application and prints its 受理回执 with the clause, then issues the permit', () =>
    timed('residence-application-issue', async () => {
      await page.getByRole('button', { name: '继续办理：居住登记、申领居住证 →' }).click();
      await page.getByTestId('worker-page').waitFor();
      const residence = page.getByRole('form', { name: '居住登记' });
      await residence.getByLabel('居住地址').fill('东区炳草岗大街8号');
      await residence.getByLabel('区划代码').fill('510402');
      await expect(residence.getByLabel('来本市日期').inputValue()).resolves.toBe('2026-05-01');
      const registered = nextAnswer();
      await residence.getByRole('button', { name: '办理居住登记' }).click();
      await expect(page.getByTestId('receipt-events').textContent()).resolves.toBe('居住登记已办理');
      // 居住登记 applies no rule: no clause on its receipt.
      expect((await registered).rules).toEqual([]);
      await expect(page.getByTestId('receipt-source').count()).resolves.toBe(0);
      await expect(text('permit-status')).resolves.toBe('已居住登记，未申领');

      await page.getByRole('tab', { name: '申领居住证' }).click();
      // The API is the judge of what the form does not check: its 400 lands under the field.
      const apply = page.getByRole('form', { name: '申领居住证' });
      await apply.getByLabel('证明材料编号').fill('劳动合同 2023-118');
      await apply.getByRole('button', { name: '受理申领' }).click();
      await apply
        .getByText(
          '台账服务退回：证明材料编号：须为编号：字母、数字和 . _ : -，1–64 个字符，以字母或数字开头（不含汉字和空格）',
        )
        .waitFor();
      await screenshot(page, '07-field-problem');
      await apply.getByLabel('证明材料编号').fill('labour-contract-2023-118');
      const applied = nextAnswer();
      await apply.getByRole('button', { name: '受理申领' }).click();
      await page.getByTestId('receipt-command').filter({ hasText: '居住证申领' }).waitFor();
      await expect(text('receipt-events')).resolves.toBe('居住证申领已受理');
      // The clause is the decision's own: the rules of the 201 answer, not a table in the console.
      await expect(text('receipt-source')).resolves.toBe(cited((await applied).rules));
      await expect(text('receipt-source')).resolves.toBe('national-663 第二条“居住半年以上”（permit.apply.conditions）');
      await expect(text('permit-status')).resolves.toBe('已申领，待签发');
      await screenshot(page, '08-application-receipt');
      // The printed 受理回执: the document alone, on A4, saying what was accepted and under which clause.
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('receipt').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('worker-page').getByText('人员信息').isVisible()).resolves.toBe(false);
      await expect(page.getByRole('tab', { name: '申领居住证' }).isVisible()).resolves.toBe(false);
      const receipt = await page.getByTestId('receipt').innerText();
      expect(receipt).toContain('赵敏（台账编号 w-zhao）：您于 2026-11-24 办理的「居住证申领」已受理，记录如下：');
      expect(receipt).toContain('居住证申领已受理');
      expect(receipt).toContain('national-663 第二条“居住半年以上”（permit.apply.conditions）');
      expect(receipt).toContain('counter-01');
      await screenshot(page, '09-application-receipt-printed');
      const printed = await page.pdf({ path: `${ARTIFACTS}/09-application-receipt.pdf`, preferCSSPageSize: true });
      expect(pageSizes(printed)).toEqual(['595x842']); // one A4 page, from the print stylesheet's @page
      await page.emulateMedia({ media: 'screen' });

      // The counter hands the permit over (docs/access.md): 签发 is the tab an application opens on.
      await page.getByRole('tab', { name: '签发居住证' }).click();
      const issue = page.getByRole('form', { name: '签发居住证' });
      await expect(issue.getByLabel('签发机关代码').inputValue()).resolves.toBe('510402');
      await issue.getByLabel('居住证号').fill('510402202611240001');
      const issued = nextAnswer();
      await issue.getByRole('button', { name: '签发居住证' }).click();
      await page.getByTestId('receipt-command').filter({ hasText: '居住证签发' }).waitFor();
      await expect(text('receipt-events')).resolves.toBe('居住证已签发');
      await expect(text('receipt-居住证号')).resolves.toBe('510402202611240001');
      await expect(text('receipt-下次签注')).resolves.toBe('2027-10-24 起可办，2027-11-24 前办理');
      await expect(text('receipt-source')).resolves.toBe(cited((await issued).rules));
      // Issuing decides under the city's own clause too (equal services from the day of issue).
      await expect(text('receipt-source')).resolves.toBe(
        'national-663 第二条“居住半年以上”（permit.apply.conditions）；national-663 第十条“居住每满1年之日前1个月内”（permit.endorse.yearly）；' +
          'panzhihua-2016-10 §(十二)“持居住证享有与当地户籍人口同等的劳动就业”（permit.equal-services）',
      );
      await expect(text('permit-status')).resolves.toBe('有效');
      await expect(text('next-endorsement')).resolves.toBe('2027-10-24 起可办，2027-11-24 前办理');
      await screenshot(page, '10-permit-issued');
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('receipt').innerText()).resolves.toContain('赵敏（台账编号 w-zhao）：您于 2026-11-24 办理的「居住证签发」已受理');
      expect(pageSizes(await page.pdf({ path: `${ARTIFACTS}/10-issue-receipt.pdf`, preferCSSPageSize: true }))).toEqual(['595x842']);
      await page.emulateMedia({ media: 'screen' });
      const events = await h.get('/v1/streams/residence-permit-w-zhao/events', { token: h.token('audit') });
      expect(events.body.events.map((e: { type: string; actor: { principal: string } }) => [e.type, e.actor.principal])).toEqual([
        ['ResidenceRegistered', 'counter-01'],
        ['PermitApplied', 'counter-01'],
        ['PermitIssued', 'counter-01'],
      ]);
    }));

  it('refuses an application a week short of the half year, with its rule, clause, quote and date, and prints the notice', () =>
    timed('refusal', async () => {
      await page.keyboard.press('Alt+1');
      await page.getByLabel('查找人员').fill('周芳');
      await page.getByText('按姓名查找：找到 1 人').waitFor();
      await page.getByLabel('查找人员').press('Enter');
      await page.getByRole('heading', { name: '周芳（w-zhou）' }).waitFor();
      const apply = page.getByRole('form', { name: '申领居住证' });
      await apply.getByRole('button', { name: '受理申领' }).click();
      await page.getByTestId('refusal').waitFor();
      await expect(text('refusal-detail')).resolves.toBe(
        '不予受理居住证申领：居住5个月23天，不满6个月（`permit.apply.conditions`，national-663 第二条）',
      );
      await expect(text('refusal-rule')).resolves.toBe('permit.apply.conditions');
      await expect(text('refusal-source')).resolves.toBe('national-663 第二条');
      await expect(text('refusal-quote')).resolves.toBe('“居住半年以上”');
      await expect(text('refusal-eligible-from')).resolves.toBe('2026-12-01 起');
      await screenshot(page, '11-refusal');
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('refusal').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('worker-page').getByText('人员信息').isVisible()).resolves.toBe(false);
      const notice = await page.getByTestId('refusal').innerText();
      expect(notice).toContain('周芳（台账编号 w-zhou，身份证号 510402199505050026）：您于 2026-11-24 申请的「居住证申领」，经审查不予受理');
      expect(notice).toContain('national-663 第二条');
      expect(notice).toContain('2026-12-01 起');
      await screenshot(page, '12-refusal-notice-printed');
      expect(pageSizes(await page.pdf({ path: `${ARTIFACTS}/12-refusal-notice.pdf`, preferCSSPageSize: true }))).toEqual(['595x842']);
      await page.emulateMedia({ media: 'screen' });
    }));

  it('records the 签注 of a permit issued a year before and prints the 受理回执', () =>
    timed('endorsement-and-receipt', async () => {
      await page.keyboard.press('Alt+1');
      await page.getByLabel('查找人员').fill('陈静');
      await page.getByText('按姓名查找：找到 1 人').waitFor();
      await page.getByLabel('查找人员').press('Enter');
      await page.getByTestId('worker-page').waitFor();
      await expect(text('next-endorsement')).resolves.toBe('2026-10-30 起可办，2026-11-30 前办理');
      await page.getByRole('tab', { name: '签注 / 恢复' }).click();
      const endorsed = nextAnswer();
      await page.getByRole('button', { name: '办理签注' }).click();
      await page.getByTestId('receipt').waitFor();
      await expect(text('receipt-command')).resolves.toBe('居住证签注');
      await expect(text('receipt-events')).resolves.toBe('签注已办理');
      await expect(text('receipt-source')).resolves.toBe(cited((await endorsed).rules));
      await expect(text('receipt-source')).resolves.toBe('national-663 第十条“居住每满1年之日前1个月内”（permit.endorse.yearly）');
      await expect(text('next-endorsement')).resolves.toBe('2027-10-30 起可办，2027-11-30 前办理');
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('receipt').isVisible()).resolves.toBe(true);
      await expect(page.getByRole('tab', { name: '签注 / 恢复' }).isVisible()).resolves.toBe(false);
      await screenshot(page, '13-endorsement-receipt-printed');
      await page.pdf({ path: `${ARTIFACTS}/13-endorsement-receipt.pdf`, preferCSSPageSize: true });
      await page.emulateMedia({ media: 'screen' });
    }));

  it('records an address change, refusing a move dated after the ledger’s today before sending it', () =>
    timed('address-change', async () => {
      await page.getByRole('tab', { name: '地址变更' }).click();
      const form = page.getByRole('form', { name: '地址变更' });
      await form.waitFor();
      await form.getByLabel('新居住地址').fill('仁和区攀枝花大道南段2号');
      await form.getByLabel('区划代码').fill('510411');
      await form.getByLabel('迁入日期').fill('2026-11-25');
      await form.getByRole('button', { name: '办理地址变更' }).click();
      await form.getByText('不能晚于今天（2026-11-24）：登记的是已发生的事实').waitFor();
      await form.getByLabel('迁入日期').fill('2026-11-20');
      const changed = nextAnswer();
      await form.getByRole('button', { name: '办理地址变更' }).click();
      await page.getByTestId('receipt-command').filter({ hasText: '居住地址变更' }).waitFor();
      await expect(text('receipt-events')).resolves.toBe('居住地址已变更');
      // A move applies no rule: its decision names none, and the receipt cites no clause.
      expect((await changed).rules).toEqual([]);
      await expect(page.getByTestId('receipt-source').count()).resolves.toBe(0);
      await page.getByText('仁和区攀枝花大道南段2号（510411）').waitFor();
    }));

  it('restores a permit suspended for a missed 签注 with a late 签注, restarting its year from today', () =>
    timed('restore', async () => {
      await page.keyboard.press('Alt+1');
      await page.getByLabel('查找人员').fill('513402198811110021');
      await page.getByText('按身份证号精确查找：找到 1 人').waitFor();
      await page.getByLabel('查找人员').press('Enter');
      await page.getByRole('heading', { name: '孙丽（w-sun）' }).waitFor();
      await expect(text('permit-status')).resolves.toBe('签注逾期，已中止');
      await page.getByRole('tab', { name: '签注 / 恢复' }).click();
      const restored = nextAnswer();
      await page.getByRole('button', { name: '办理签注' }).click();
      await page.getByTestId('receipt').waitFor();
      await expect(text('receipt-events')).resolves.toBe('居住证已恢复有效');
      await expect(text('receipt-source')).resolves.toBe(cited((await restored).rules));
      // A late 签注 is decided as a restoration: its receipt cites the clause that restarts the year.
      await expect(text('receipt-source')).resolves.toBe(
        'national-663 第十条“自补办签注手续之日起连续计算”（permit.restore）；national-663 第十条“居住每满1年之日前1个月内”（permit.endorse.yearly）',
      );
      await expect(text('permit-status')).resolves.toBe('有效');
      await expect(text('next-endorsement')).resolves.toBe('2027-10-24 起可办，2027-11-24 前办理');
      await screenshot(page, '14-restored');
    }));

  it('shows each department’s statistics as charts drawn from the /statistics routes', () =>
    timed('statistics', async () => {
      await projectAll(h.store);
      await page.keyboard.press('Alt+4');
      await page.getByRole('heading', { name: '统计监测（2026-11-24）' }).waitFor();
      const status = page.getByTestId('chart-permits-status');
      await status.locator('svg').waitFor();
      // On 2026-11-24: w-chen endorsed, w-sun restored and w-zhao issued (有效), w-wang applied,
      // w-zhou refused (residence only), w-zhang and w-li past their 签注 (counted overdue on the day).
      await expect(status.locator('svg text').allTextContents()).resolves.toEqual(['有效：3', '已申领，待签发：1', '已居住登记，未申领：1', '签注逾期：2']);
      const district = page.getByTestId('chart-permits-district');
      await expect(district.locator('svg text').allTextContents()).resolves.toEqual(expect.arrayContaining(['510402', '510411']));
      await screenshot(page, '15-statistics');
    }));

  it('lists the work of the day and signs the clerk out, forgetting the token', () =>
    timed('worklists-and-sign-out', async () => {
      await page.keyboard.press('Alt+3');
      // The tables first render an empty placeholder row: wait for the rows the API answered.
      await page.getByTestId('worklist-applications').locator('tbody tr td:first-child', { hasText: 'w-wang' }).waitFor();
      await page.getByTestId('worklist-overdue-transfers').locator('tbody tr td:first-child', { hasText: 'w-li' }).waitFor();
      await expect(page.getByTestId('worklist-applications').locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['w-wang']);
      await expect(page.getByTestId('worklist-overdue-transfers').locator('tbody tr td:first-child').allTextContents()).resolves.toEqual(['w-li']);
      await screenshot(page, '16-worklists');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('worklist-applications').getByRole('button', { name: '导出 CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('applications-2026-11-24.csv');
      await expect(readFile(await download.path(), 'utf8')).resolves.toBe('\uFEFF台账编号,申领日期,申领条件,区划\r\nw-wang,2023-09-01,合法稳定住所,510402\r\n');
      await page.getByRole('button', { name: '退出' }).click();
      await page.getByLabel('凭证').waitFor();
      await expect(page.evaluate('JSON.stringify(sessionStorage)')).resolves.toBe('{}');
    }));

  it('ends a session whose shift is over when the console opens again', () =>
    timed('expiry', async () => {
      await page.getByLabel('凭证').fill(clerkToken);
      await page.getByLabel('凭证').press('Enter');
      await page.getByTestId('clerk').waitFor();
      // The session's end, moved to the epoch: past on any clock.
      await page.evaluate(`(() => {
        const key = 'ledger.console.session';
        sessionStorage.setItem(key, JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key)), expiresAt: 1 }));
      })()`);
      await page.reload();
      await page.getByLabel('凭证').waitFor();
      await expect(page.evaluate('JSON.stringify(sessionStorage)')).resolves.toBe('{}');
    }));
});
