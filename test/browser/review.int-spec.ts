import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { waitFor } from '@qa/testing';
import { Browser, chromium, Page } from 'playwright-core';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { CHROMIUM, PAGE, SHOTS, startBrowserPlatform } from './browser-platform';

/** Human review in a real Chromium: QA review, a stale save, release, dispute, decision, report. */
describe('human review in Chromium', () => {
  const tenantId = `wr-${randomUUID().slice(0, 8)}`;
  const password = 'Review-pass-2026!';
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  // Reviewed, finalized, released, disputed and decided, in that order, by the tests below.
  let reviewed = '';
  // Two QA pages race on this one.
  let raced = '';
  const callIds: string[] = [];

  const call = (agentId: string, text: string) => ({
    callId: `c-${randomUUID()}`,
    tenantId,
    direction: 'inbound',
    purpose: 'service',
    agentId,
    teamId: 't-1',
    customer: { phone: '13800138000' },
    startedAt: '2026-11-24T09:00:00+08:00',
    answeredAt: '2026-11-24T09:00:05+08:00',
    endedAt: '2026-11-24T09:00:20+08:00',
    hangupBy: 'customer',
    segments: [
      { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司,工号1001,很高兴为您服务' },
      { speaker: 'customer', startMs: 3500, endMs: 6000, text: '我的退款为什么还没到账' },
      { speaker: 'agent', startMs: 6500, endMs: 9000, text },
      { speaker: 'agent', startMs: 9500, endMs: 12000, text: '感谢您的来电,再见' },
    ],
  });

  beforeAll(async () => {
    const platform = await startBrowserPlatform(
      [
        ['INGESTION_URL', IngestionModule, ingestionServiceOptions],
        ['SCORING_URL', ScoringModule, scoringServiceOptions],
      ],
      tenantId,
      apps,
    );
    base = platform.base;
    const { http, adminToken: admin } = platform;
    for (const [name, role] of [
      ['qa', 'qa'],
      ['qa2', 'qa'],
      ['lead', 'lead'],
      ['agent', 'agent'],
    ] as const)
      await http
        .post('/api/v1/users')
        .auth(admin, { type: 'bearer' })
        .send({
          username: `${tenantId}-${name}`,
          password,
          role,
          tenantId,
          agentId: role === 'agent' ? 'a-1' : undefined,
        })
        .expect(201);
    const token = async (name: string) =>
      (await http.post('/api/v1/auth/login').send({ username: `${tenantId}-${name}`, password }))
        .body.accessToken as string;
    const qa = await token('qa');
    // Every call is sampled for the first QA person, so the queue holds both calls.
    await http
      .post('/api/v1/sampling-policies')
      .auth(await token('lead'), { type: 'bearer' })
      .send({ name: 'all', share: 1, reviewers: [`${tenantId}-qa`], dueHours: 24 })
      .expect(201);
    const scored = async (body: ReturnType<typeof call>) => {
      callIds.push(body.callId);
      await http.post('/api/v1/calls').auth(qa, { type: 'bearer' }).send(body).expect(201);
      return waitFor(
        'the call to be scored',
        async () =>
          (
            await http
              .get('/api/v1/evaluations')
              .query({ callId: body.callId })
              .auth(qa, { type: 'bearer' })
          ).body.items?.[0]?.id as string | undefined,
        { timeoutMs: 90_000, intervalMs: 250 },
      );
    };
    reviewed = await scored(call('a-1', '这个我不清楚,请问还有其他可以帮您的吗'));
    raced = await scored(call('a-2', '这个我不清楚,请问还有其他可以帮您的吗'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
  });

  const login = async (page: Page, name: string) => {
    await page.goto(`${base}/#/login`);
    await page.fill('input[name=username]', `${tenantId}-${name}`);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=evaluations]');
  };
  it("QA's queue lists both sampled calls; the lead reassigns one", async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'qa');
      await page.click('header nav a[href="#/review-queue"]');
      const links = page.locator('[data-testid=review-queue] tbody tr td a');
      await links.nth(1).waitFor();
      expect(
        (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort(),
      ).toEqual([`#/evaluations/${reviewed}`, `#/evaluations/${raced}`].sort());
      await page.screenshot({ path: join(SHOTS, 'review-queue-qa.png'), fullPage: true });
      await page.click('[data-testid=logout]');

      await login(page, 'lead');
      await page.click('header nav a[href="#/review-queue"]');
      const row = page.locator('[data-testid=review-queue] tbody tr', {
        has: page.locator(`a[href="#/evaluations/${raced}"]`),
      });
      await row.locator('input[name=reassign-to]').fill(`${tenantId}-qa2`);
      await row.locator('button').click();
      await row.locator(`[data-testid=assignee]:text-is("${tenantId}-qa2")`).waitFor();
    } finally {
      await page.close();
    }
  });

  it('a calibration session: the lead sets it up, three people score blind, the report names the strict one', async () => {
    const page = await browser.newPage(PAGE);
    // Every outcome of the blind form at once; the session wants every item of every call.
    const scoreAll = async (name: string, outcome: string) => {
      await login(page, name);
      await page.click('header nav a[href="#/calibrations"]');
      await page.locator('[data-testid=calibrations] a').first().click();
      const selects = page.locator('[data-testid=blind-scores] select');
      await selects.first().waitFor();
      for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption(outcome);
      await page.click('[data-testid=submit-scores]');
      await page.locator('[data-testid=blind-scores]').waitFor({ state: 'detached' });
      await page.click('[data-testid=logout]');
    };
    try {
      await login(page, 'lead');
      await page.click('header nav a[href="#/calibrations"]');
      const form = page.locator('[data-testid=calibration-form]');
      await form.locator('input[name=name]').fill('十一月校准');
      await form.locator('textarea[name=callIds]').fill(callIds.join('\n'));
      await form.locator('input[name=evaluators]').fill(`${tenantId}-qa, ${tenantId}-qa2`);
      await form.locator('input[name=expert]').fill(`${tenantId}-lead`);
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('[data-testid=calibration-status]:text-is("进行中")');
      await page.click('[data-testid=logout]');

      await scoreAll('lead', 'pass');
      await scoreAll('qa', 'pass');
      await scoreAll('qa2', 'fail');
      await login(page, 'lead');
      await page.click('header nav a[href="#/calibrations"]');
      await page.locator('[data-testid=calibrations] a').first().click();
      const report = page.locator('[data-testid=calibration-report]');
      await report.waitFor();
      const tendency = (who: string) =>
        report
          .locator(`tr[data-evaluator="${tenantId}-${who}"] [data-testid=tendency]`)
          .textContent();
      expect(await tendency('qa')).toBe('一致');
      expect(await tendency('qa2')).toBe('偏严');
      await page.screenshot({ path: join(SHOTS, 'calibration-report.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
