import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DemoModule } from '../../src/demo/demo.module';
import { MailCatcher } from '../../src/demo/mail-catcher';
import { launchChromium, newContext, seriousViolations } from '../support/browser';
import { createStudent } from '../support/factories';
import { freePort } from '../support/process';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * The demo's mail page: a newcomer signs in as one of the demo's students with nothing but the
 * page, in a real browser, and axe finds nothing serious on it. It exists only in the demo's
 * module, never in the app's.
 */
describe('/demo/mail (the demo only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fairgrid-demo-mail-'));
  const catcher = new MailCatcher({ directory: dir });
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const smtpUrl = await catcher.start();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ PUBLIC_URL: baseUrl, SMTP_URL: smtpUrl }, { rootModule: (env) => DemoModule.forDemo(env, catcher, 'demo-output/mail') });
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await catcher.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the caught sign-in mail, opens it, and its link signs the student in", async () => {
    const student = await createStudent(t, { name: 'Maya Chen' });
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/demo/mail`);
    expect(await page.getByText('No mail yet.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${baseUrl}/`);
    await page.getByLabel('E-mail address').first().fill(student.email);
    await page.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await page.waitForURL(/\/sign-in\/code/);
    await waitFor(() => catcher.messages.length === 1, 30_000);

    await page.goto(`${baseUrl}/demo/mail`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mail the demo caught');
    expect(await page.getByText(`To: ${student.email}`).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /sign-in code/ }).click();
    await page.waitForURL(`${baseUrl}/demo/mail/1`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /\/sign-in\/link\?token=/ }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, Maya Chen');
    await context.close();
  });

  it('answers an unknown message with the not-found page', async () => {
    const res = await t.http().get('/demo/mail/999').expect(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    await t.http().get('/demo/mail/not-a-number').expect(404);
  });

  it('is no page of the app itself', async () => {
    const app = await createTestApp();
    try {
      await app.http().get('/demo/mail').expect(404);
    } finally {
      await app.close();
    }
  });
});
