import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CredentialService } from '../../apps/api/src/security';
import { startApiHarness, type ApiHarness } from '../support/api-harness';
import { launchChromium, prepareConsole, screenshot } from './browser';

// The counter console (docs/console.md) in a real Chromium against the real API on embedded
// PostgreSQL. The API decides on the harness's fixed day (HARNESS_TODAY, 2026-11-24).
jest.setTimeout(180_000);

describe('the counter console in a browser', () => {
  let h: ApiHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let clerkToken: string;

  beforeAll(async () => {
    const { chromiumPath } = prepareConsole();
    h = await startApiHarness('console');
    clerkToken = (await h.app.get(CredentialService).issue({ department: 'residence-office', principal: 'counter-01' })).token;
    browser = await launchChromium(chromiumPath);
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await h?.close();
  });

  it('signs a clerk in with a residence-office credential and refuses an invalid one and another department’s', async () => {
    await page.goto(`${h.base}/console/`);
    await page.getByLabel('凭证').fill('ledger_not-a-token');
    await page.getByRole('button', { name: '登 录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('凭证无效或已吊销');

    await page.getByLabel('凭证').fill(h.token('public-security'));
    await page.getByRole('button', { name: '登 录' }).click();
    await page.getByText('窗口控制台只接受').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      '该凭证属于「公安局」，窗口控制台只接受居住证窗口（residence-office）的凭证',
    );
    await screenshot(page, '01-sign-in-refused');

    await page.getByLabel('凭证').fill(clerkToken);
    await page.getByLabel('凭证').press('Enter');
    await expect(page.getByTestId('clerk').textContent()).resolves.toBe('counter-01（派出所 / 社区服务站 (居住证窗口)）');
    await screenshot(page, '02-signed-in');
  });
});
