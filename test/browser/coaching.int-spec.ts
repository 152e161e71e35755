import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { CallPurpose, KpiUpdated, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { waitFor } from '@qa/testing';
import { Producer } from 'kafkajs';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AppModule as CoachingModule } from '../../apps/coaching/src/app.module';
import { coachingServiceOptions } from '../../apps/coaching/src/coaching.options';
import { scored, scoredEvent } from '../e2e/coaching-support';
import { publishSent, sent } from '../e2e/kpi-support';
import {
  addUsers,
  launchChromium,
  PAGE,
  SHOTS,
  startBrowserPlatform,
  waitForPage,
} from './browser-platform';

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
  let trainingEvaluations: string[] = [];

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
    // Two role plays (模拟通话) of a-1 in November: the trainer's list and the round's mock score.
    const plays = [5, 6].map((d) =>
      scored(
        tenantId,
        'a-1',
        `2026-11-0${d}T02:00:00Z`,
        { 'forbidden.phrases': 'pass' },
        { callPurpose: CallPurpose.CALL_PURPOSE_TRAINING, score: 60 + d * 2 },
      ),
    );
    trainingEvaluations = plays.map((p) => p.evaluationId);
    await publishSent(
      producer,
      plays.map((e) => scoredEvent(e)),
    );
    // kpi's November for a-1 (Shanghai's month starts 16:00 UTC the day before), as kpi publishes
    // it: 2 of the 3 figures with a target met it → KPI attainment 66.67.
    const figure = (name: string, value: number, target: number, onTarget: boolean) => ({
      name,
      value,
      numerator: 0,
      denominator: 0,
      target,
      onTarget,
    });
    const kpiMonth = [
      sent(
        Topics.KpiUpdated,
        `${tenantId}/agent/a-1`,
        KpiUpdated.fromPartial({
          tenantId,
          scope: 'agent',
          scopeId: 'a-1',
          window: 'month',
          windowStart: '2026-10-31T16:00:00.000Z',
          values: [
            figure('complaintResolutionRate', 0.95, 0.92, true),
            figure('qaScoreAvg', 88, 85, true),
            figure('ahtSeconds', 340, 300, false),
            { name: 'calls', value: 12, numerator: 12, denominator: 1 },
          ],
        }),
        tenantId,
      ),
    ];
    await publishSent(producer, kpiMonth);
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
    // apps[0] is the coaching service (startBrowserPlatform starts the gateway last).
    await waitFor('coaching to take in kpi’s month', async () => {
      const rows = (await apps[0]
        .get(DataSource)
        .query(`SELECT 1 FROM coaching.inbox WHERE event_id = $1`, [
          kpiMonth[0].eventId,
        ])) as unknown[];
      return rows.length === 1;
    });
    await waitFor('the role plays', async () => {
      const r = await platform.http
        .get('/api/v1/training/calls')
        .query({ from: '2026-11-01', to: '2026-11-30' })
        .auth(lead, { type: 'bearer' });
      return r.body.items?.length === 2;
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

  /** Nothing runs off the side of a phone's screen: wide tables scroll inside themselves. */
  const fitsPhone = (page: Page) =>
    page.evaluate('document.documentElement.scrollWidth <= innerWidth') as Promise<boolean>;

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

  it("lets the lead follow an agent's pass rate per rule, week by week", async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'lead');
      // The session is recorded by now: the queue shows it under every status, not "open".
      await page.selectOption('select[name=status]', '');
      await page.locator('[data-assignment] a.trend-link').click();
      await page.waitForSelector('section.coaching-trend');
      expect(await page.inputValue('input[name=agentId]')).toBe('a-1');
      expect(await page.inputValue('input[name=ruleId]')).toBe('forbidden.phrases');
      await page.fill('input[name=from]', '2026-10-26');
      await page.fill('input[name=to]', '2026-11-08');
      await page.click('section.coaching-trend button[type=submit]');
      const row = page.locator('table.trend tr[data-rule="forbidden.phrases"]');
      await row.locator('td[data-bucket="2026-11-02"]').waitFor();
      // 1 Nov (a Sunday) is in the week of 26 Oct; 2 and 3 Nov in the next; the role plays of
      // 5 and 6 Nov never count.
      expect(await row.locator('td[data-bucket="2026-10-26"]').textContent()).toBe('0% (0/1)');
      expect(await row.locator('td[data-bucket="2026-11-02"]').textContent()).toBe('0% (0/2)');
      expect(await row.locator('td.total').textContent()).toBe('0% (0/3)');
      await page.screenshot({ path: join(SHOTS, 'coaching-trend.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('lets an agent enter a daily plan on a phone, the refusals shown by their fields', async () => {
    const page = await browser.newPage({ ...PAGE, viewport: { width: 390, height: 844 } });
    try {
      await login(page, 'agent');
      await page.click('nav.tabs a[data-tab=tabPlans]');
      await page.waitForSelector('form.plan-form');
      expect(await page.inputValue('input[name=agentId]')).toBe('a-1');
      // A Saturday is not a working day.
      await page.fill('input[name=date]', '2026-11-07');
      await page.fill('input[name=goal-0-text]', '回访3位投诉客户');
      await page.fill('input[name=goal-0-points]', '1');
      await page.click('form.plan-form button[type=submit]');
      await page.locator('.field-error[data-field=date]').waitFor();
      expect(await page.locator('.field-error[data-field=date]').textContent()).toContain(
        'not a working day',
      );
      // A goal worth 4, and a day worth 5: each message by its own field.
      await page.fill('input[name=date]', '2026-11-04');
      await page.fill('input[name=goal-1-text]', '复盘两通录音');
      await page.fill('input[name=goal-1-points]', '4');
      await page.click('form.plan-form button[type=submit]');
      const rowError = page.locator('[data-goal="1"] .field-error[data-field="goals.1.points"]');
      await rowError.waitFor();
      expect(await rowError.textContent()).toContain('at most 3 points');
      expect(await page.locator('legend .field-error[data-field=goals]').textContent()).toContain(
        'sum to 5',
      );
      expect(await page.locator('[data-goal="0"] .field-error').count()).toBe(0);
      expect(await fitsPhone(page)).toBe(true);
      await page.screenshot({ path: join(SHOTS, 'coaching-plan-390.png'), fullPage: true });

      await page.fill('input[name=goal-1-points]', '2');
      await page.check('input[name=goal-0-done]');
      await page.check('input[name=goal-1-done]');
      await page.click('form.plan-form button[type=submit]');
      await page.locator('form.plan-form .saved').waitFor();
      expect(await page.locator('.field-error').count()).toBe(0);
      expect(
        await page.locator('table.month-plans tr[data-date="2026-11-04"] td.points').textContent(),
      ).toBe('3');
      // Promotion rounds are for leads: the agent has no tab and is refused at the address.
      expect(await page.locator('nav.tabs a[data-tab=tabPromotion]').count()).toBe(0);
      await page.goto(`${base}/#/coaching/promotion`);
      await page.locator('[data-testid=not-allowed]').waitFor();
    } finally {
      await page.close();
    }
  });

  it('lets the lead run a promotion round: weights summing to 100, every input visible, CSV', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'lead');
      await page.click('nav.tabs a[data-tab=tabPromotion]');
      await page.waitForSelector('form.round-form');
      await page.fill('form.round-form input[name=name]', '2026 Q4 客服主管竞聘');
      await page.fill('form.round-form input[name=from]', '2026-11');
      await page.fill('form.round-form input[name=to]', '2026-11');
      await page.fill('input[name=weight-writtenTest]', '40');
      expect(await page.locator('[data-testid=weight-sum]').textContent()).toBe('110');
      await page.click('form.round-form button[type=submit]');
      const weightsError = page.locator('legend .field-error[data-field=weights]');
      await weightsError.waitFor();
      expect(await weightsError.textContent()).toContain('sum to 100');
      await page.fill('input[name=weight-writtenTest]', '30');
      await page.click('form.round-form button[type=submit]');
      await page.waitForSelector('form.candidate-form');
      expect(page.url()).toMatch(/#\/coaching\/promotion\/[0-9a-f-]{36}$/);

      await page.fill('form.candidate-form input[name=agentId]', 'a-1');
      await page.fill('form.candidate-form input[name=grade]', '3');
      await page.fill('form.candidate-form input[name=writtenTest]', '88');
      await page.fill('form.candidate-form input[name=attendance]', '0.9');
      // KPI attainment left blank: the round derives it from kpi's figures.
      await page.click('form.candidate-form button[type=submit]');
      const row = page.locator('table.ranking tr[data-candidate=a-1]');
      await row.waitFor();
      const cell = (f: string) => row.locator(`td[data-factor=${f}] .factor-line`).textContent();
      expect(await cell('writtenTest')).toBe('88 / 88 × 30% = 26.4');
      // The mock-service score is the mean of the agent's November role plays (70 and 72).
      expect(await cell('trainingCallScore')).toBe('71 / 71 × 25% = 17.75');
      expect(await cell('attendance')).toBe('0.9 / 90 × 10% = 9');
      // 2 of 3 on target → 66.67 × 15% = 10.
      expect(await cell('kpiAttainment')).toBe('66.67 / 66.67 × 15% = 10');
      const kpiSource = row.locator('td[data-factor=kpiAttainment] .kpi-source');
      expect(await kpiSource.getAttribute('data-kpi-source')).toBe('derived');
      expect(await kpiSource.textContent()).toBe('按KPI数据计算: 2/3 项达标');
      expect(await page.locator('.kpi-attainment-definition').textContent()).toContain(
        '达标项数 ÷ 有目标的项数 × 100',
      );
      // A candidate with no KPI figure that has a target: no figure, said so (not 0).
      await page.fill('form.candidate-form input[name=agentId]', 'a-9');
      await page.fill('form.candidate-form input[name=grade]', '3');
      await page.click('form.candidate-form button[type=submit]');
      const none = page.locator(
        'table.ranking tr[data-candidate=a-9] td[data-factor=kpiAttainment]',
      );
      await none.waitFor();
      expect(await none.locator('.factor-line').textContent()).toBe('— / 0 × 15% = 0');
      expect(await none.locator('.kpi-source').textContent()).toBe('没有设定目标的KPI数据');
      // No appraisal in November: not eligible under "2 months at least 良好", and says why.
      expect(await row.locator('td.rank').textContent()).toBe('—');
      expect(await row.locator('td.reasons').textContent()).toContain('not good or better');

      await page.click('[data-testid=export-csv]');
      const link = page.locator('[data-testid=csv-link]');
      await link.waitFor();
      // What the user's click saves, as a spreadsheet would open it.
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/^promotion-[0-9a-f-]{36}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      const [head, line] = csv.trim().split('\n');
      expect(head.split(',')).toEqual(
        expect.arrayContaining([
          'writtenTest.raw',
          'writtenTest.weight',
          'kpiAttainment.weighted',
          'kpiAttainment.source',
          'kpiAttainment.onTarget',
          'kpiAttainment.withTarget',
        ]),
      );
      expect(line).toContain('a-1');
      expect(line).toContain(',derived,66.67,,2,3,');

      await page.click('[data-testid=lang]');
      await page.locator('table.ranking th', { hasText: 'Written test' }).waitFor();
      expect(await kpiSource.textContent()).toBe('from the KPI figures: 2/3 figures on target');
      await page.screenshot({ path: join(SHOTS, 'coaching-promotion.png'), fullPage: true });
      await page.click('[data-testid=lang]');
    } finally {
      await page.close();
    }
  });

  it("shows the trainer the role plays with their scores, in the tenant's time zone", async () => {
    // A browser in New York still reads the Shanghai tenant's times.
    const page = await browser.newPage({ ...PAGE, timezoneId: 'America/New_York' });
    try {
      await login(page, 'lead');
      await page.click('nav.tabs a[data-tab=tabTrainingCalls]');
      await page.fill('section.training-calls input[name=from]', '2026-11-01');
      await page.fill('section.training-calls input[name=to]', '2026-11-30');
      await page.click('section.training-calls button[type=submit]');
      const rows = page.locator('tr[data-training-call]');
      await waitForPage(page, "document.querySelectorAll('tr[data-training-call]').length === 2");
      expect(await rows.locator('td.score').allTextContents()).toEqual(['72', '70']);
      expect(
        await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ).toEqual([...trainingEvaluations].reverse().map((id) => `#/evaluations/${id}`));
      // 6 Nov 02:00 UTC is 10:00 in Shanghai (and 21:00 the day before in New York).
      expect(await rows.first().locator('td').first().textContent()).toContain('2026/11/6 10:00');
    } finally {
      await page.close();
    }
  });
});
