import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createKafka } from '@qa/messaging';
import { waitFor } from '@qa/testing';
import { Producer } from 'kafkajs';
import { Browser, Page } from 'playwright-core';
import { AppModule as CoachingModule } from '../../apps/coaching/src/app.module';
import { coachingServiceOptions } from '../../apps/coaching/src/coaching.options';
import { scored, scoredEvent } from '../e2e/coaching-support';
import { publishSent } from '../e2e/kpi-support';
import { addUsers, launchChromium, PAGE, SHOTS, startBrowserPlatform } from './browser-platform';

/**
 * The coaching page in a real Chromium through the real gateway: the lead sees the assignment
 * three fails opened, with their evidence and the pass rate, and records the session; the agent
 * sees it on their own page.
 */
describe('coaching page in Chromium', () => {
  const tenantId = `wc-${randomUUID().slice(0, 8)}`;
  const password = 'Coach-pass-2026!';
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  let producer: Producer;

  // The landing page calls services this spec does not start: they must refuse (502), not be
  // whatever else listens on their default ports.
  const others = ['INGESTION_URL', 'SCORING_URL', 'COMPLAINTS_URL', 'KPI_URL'];
  const saved = others.map((k) => [k, process.env[k]] as const);

  beforeAll(async () => {
    for (const k of others) process.env[k] = 'http://127.0.0.1:9';
    const platform = await startBrowserPlatform(
      [['COACHING_URL', CoachingModule, coachingServiceOptions]],
      tenantId,
      apps,
    );
    base = platform.base;
    await addUsers(platform, tenantId, ['lead', 'agent'], password);
    producer = createKafka(
      `coaching-web-${tenantId}`,
      process.env.KAFKA_BROKERS!.split(','),
    ).producer();
    await producer.connect();
    const evals = [1, 2, 3].map((d) =>
      scored(tenantId, 'a-1', `2026-11-0${d}T02:00:00Z`, { 'forbidden.phrases': 'fail' }),
    );
    await publishSent(
      producer,
      evals.map((e) => scoredEvent(e)),
    );
    const lead = (
      await platform.http
        .post('/api/v1/auth/login')
        .send({ username: `${tenantId}-lead`, password })
    ).body.accessToken as string;
    await waitFor('the assignment', async () => {
      const r = await platform.http
        .get('/api/v1/coaching/assignments')
        .auth(lead, { type: 'bearer' });
      return r.body.items?.length === 1;
    });
    // A programme right after those calls: they are its "before".
    await platform.http
      .post('/api/v1/training/programmes')
      .auth(lead, { type: 'bearer' })
      .send({
        name: '禁语专项',
        modules: [{ name: '规范用语' }],
        startDate: '2026-11-05',
        endDate: '2026-11-06',
        trainees: ['a-1'],
      })
      .expect(201);
    browser = await launchChromium(['--disable-background-networking']);
  });

  afterAll(async () => {
    await browser?.close();
    await producer?.disconnect();
    for (const app of apps.reverse()) await app.close();
    for (const [k, v] of saved)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  const login = async (page: Page, role: string) => {
    await page.goto(`${base}/#/login`);
    await page.fill('input[name=username]', `${tenantId}-${role}`);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('header nav a[href="#/coaching"]');
    await page.click('header nav a[href="#/coaching"]');
  };

  it('lets the lead record a session on the evidence, and shows it to the agent', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'lead');
      const card = page.locator('[data-assignment]');
      await card.waitFor();
      expect(await card.locator('h3').textContent()).toContain('forbidden.phrases');
      expect(await card.locator('.evidence q').allTextContents()).toEqual([
        '不知道0',
        '不知道0',
        '不知道0',
      ]);
      await card.locator('.pass-rate').waitFor();
      expect(await card.locator('.pass-rate').textContent()).toContain('0% (0/3)');
      await card.locator('textarea[name=notes]').fill('复听三通录音,讨论替代说法');
      await card
        .locator('textarea[name=actions]')
        .fill('用“我帮您查询”代替“不知道”\n每天复盘一通录音');
      await card.locator('input[name=dueDate]').fill('2026-12-15');
      await card.locator('button[type=submit]').click();
      await card.locator('.session').waitFor();
      expect(await card.locator('.status').textContent()).toBe('已辅导');
      // The trainer's view: the programme's effect, figure by figure, before and after.
      await page.click('[data-programme]');
      const cohort = page.locator('table[data-effect="全体学员"]');
      await cohort.waitFor();
      expect(await cohort.locator('tr[data-figure=qaScoreAvg] td').allTextContents()).toEqual([
        '平均质检得分',
        '80',
        '—',
        '',
      ]);
      expect(await cohort.locator('tr[data-figure=behaviourScore] td').nth(3).textContent()).toBe(
        '4.2 → 4.8 ',
      );
      await page.screenshot({ path: join(SHOTS, 'coaching-lead.png'), fullPage: true });
      await page.click('[data-testid=logout]');

      await login(page, 'agent');
      await page.locator('[data-assignment] .session').waitFor();
      expect(await page.locator('[data-assignment] .session li').allTextContents()).toEqual([
        '用“我帮您查询”代替“不知道”',
        '每天复盘一通录音',
      ]);
      expect(await page.locator('[data-assignment] form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
