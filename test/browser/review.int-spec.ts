import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { sampleCall, waitFor } from '@qa/testing';
import { Browser, Page } from 'playwright-core';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { PAGE, SHOTS, addUsers, launchChromium, startBrowserPlatform } from './browser-platform';

/** Human review in a real Chromium: queue, calibration, QA review, a stale save, release, dispute, decision, report. */
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

  const call = (agentId: string, text: string) =>
    sampleCall({
      callId: `c-${randomUUID()}`,
      tenantId,
      agentId,
      customer: { phone: '13800138000' },
      startedAt: '2026-11-24T09:00:00+08:00',
      answeredAt: '2026-11-24T09:00:05+08:00',
      endedAt: '2026-11-24T09:00:20+08:00',
      segments: [
        {
          speaker: 'agent',
          startMs: 0,
          endMs: 3000,
          text: '您好,示例公司,工号1001,很高兴为您服务',
        },
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
    const { http } = platform;
    const tokens = await addUsers(
      platform,
      tenantId,
      ['qa', { name: 'qa2', role: 'qa' }, 'lead', 'agent'],
      password,
    );
    const token = async (name: string) => tokens[name];
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
    browser = await launchChromium();
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
  const text = (page: Page, testId: string) =>
    page.locator(`[data-testid=${testId}]`).textContent();
  const row = (page: Page, ruleId: string) => page.locator(`tr[data-review-rule="${ruleId}"]`);

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

  it('QA overrides a finding (a reason is required), finalizes and sees the score change and the history', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'qa');
      await page.goto(`${base}/#/evaluations/${reviewed}`);
      await page.waitForSelector('[data-testid=review-form]');
      expect(await page.getAttribute('[data-testid=review-status]', 'data-status')).toBe('auto');
      const auto = await text(page, 'auto-score');
      const forbidden = row(page, 'forbidden.phrases');
      expect(await forbidden.locator('td').nth(1).textContent()).toBe('未通过');
      await forbidden.locator('select[name=decision]').selectOption('pass');
      await page.click('[data-testid=save]');
      // No reason: refused, and the message sits by that rule's reason field.
      await forbidden.locator('.field-error').waitFor();
      expect(await page.getAttribute('[data-testid=review-status]', 'data-status')).toBe('auto');

      await forbidden.locator('input[name=reason]').fill('「不清楚」是复述客户的话,不是服务禁语');
      // Finalizing needs every manual item answered: refused, and said above the manual items.
      await page.click('[data-testid=finalize]');
      const manual = page.locator('tr[data-review-item="solved-correctly"]');
      await page.locator('.review-form .field-error[data-field=answers]').waitFor();
      await manual.locator('select[name=answer]').selectOption('pass');
      await page.fill('textarea[name=comment]', '复述不算禁语');
      await page.click('[data-testid=finalize]');
      await page.waitForSelector('[data-testid=review-status][data-status=final]');
      expect(await text(page, 'auto-score')).toBe(auto);
      const autoScore = Number(auto?.split(' · ')[0]);
      const reviewedScore = Number((await text(page, 'reviewed-score'))?.split(' · ')[0]);
      expect(reviewedScore).toBeGreaterThan(autoScore);
      expect(await page.locator('[data-testid=score]').textContent()).toContain(
        `得分 ${reviewedScore}`,
      );

      const history = page.locator('[data-testid=history] > li');
      await history.nth(1).waitFor();
      const actions = await history.evaluateAll((lis) => lis.map((li) => li.dataset.action));
      expect(actions).toContain('finalized');
      const override = page.locator('[data-testid=history] li[data-rule="forbidden.phrases"]');
      // The history keeps each change's own reason beside it.
      expect(await override.first().textContent()).toBe(
        '服务禁语: 未通过 → 通过 「「不清楚」是复述客户的话,不是服务禁语」',
      );
      const entry = page.locator('[data-testid=history] > li', {
        has: page.locator('li[data-rule="forbidden.phrases"]'),
      });
      expect(await entry.textContent()).toContain('复述不算禁语');
      // The override's own reason stays beside the finding.
      expect(
        await page
          .locator('.findings li[data-rule="forbidden.phrases"] [data-testid=override-note]')
          .textContent(),
      ).toContain('「不清楚」是复述客户的话,不是服务禁语');
      expect(await entry.locator('[data-testid=score-change]').textContent()).toContain(
        `${autoScore} → ${reviewedScore}`,
      );
      await page.screenshot({ path: join(SHOTS, 'review-finalized.png'), fullPage: true });

      await page.click('[data-testid=release]');
      await page.waitForSelector('[data-testid=review-status] >> text=已发布给坐席');
    } finally {
      await page.close();
    }
  });

  it('a stale save shows the conflict message and reloads the newer version', async () => {
    const first = await browser.newPage(PAGE);
    const second = await browser.newPage(PAGE);
    try {
      // qa2 since the lead reassigned this call to them.
      for (const page of [first, second]) {
        await login(page, 'qa2');
        await page.goto(`${base}/#/evaluations/${raced}`);
        await page.waitForSelector('[data-testid=review-form]');
      }
      const before = await text(second, 'eval-version');
      await row(first, 'greeting.opening').locator('select[name=decision]').selectOption('confirm');
      await first.click('[data-testid=save]');
      await first.waitForSelector(`[data-testid=eval-version]:not(:text-is("${before}"))`);
      const after = await text(first, 'eval-version');

      await row(second, 'forbidden.phrases').locator('select[name=decision]').selectOption('pass');
      await row(second, 'forbidden.phrases').locator('input[name=reason]').fill('复述客户');
      await second.click('[data-testid=save]');
      await second.waitForSelector('[data-testid=stale]');
      expect(await text(second, 'stale')).toContain('已被他人修改');
      await second.waitForSelector(`[data-testid=eval-version]:text-is("${after}")`);
      // The draft survives the reload, ready to send again against the new version.
      expect(
        await row(second, 'forbidden.phrases').locator('select[name=decision]').inputValue(),
      ).toBe('pass');
      await second.screenshot({ path: join(SHOTS, 'review-stale.png'), fullPage: true });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('the agent disputes one item of the released evaluation', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'agent');
      await page.waitForSelector(`a[href="#/evaluations/${reviewed}"]`);
      await page.click(`a[href="#/evaluations/${reviewed}"]`);
      const form = page.locator('[data-testid=dispute-form]');
      await form.waitFor();
      const item = form.locator('tr[data-dispute-rule="closing.farewell"]');
      await item.locator('input[type=checkbox]').check();
      await item.locator('input[name=dispute-comment]').fill('我说了感谢和再见');
      await form.locator('[data-testid=submit-dispute]').click();
      await page.waitForSelector('[data-testid=dispute-open]');
      await page.waitForSelector('[data-testid=history] > li[data-action=disputed]');
      expect(await page.locator('[data-testid=dispute-form]').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'review-disputed-agent.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('the lead finds the dispute and decides it', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'lead');
      await page.click('header nav a[href="#/disputes"]');
      const link = page.locator(`[data-testid=disputes] a[href="#/evaluations/${reviewed}"]`);
      await link.click();
      const form = page.locator('[data-testid=decision-form]');
      await form.waitFor();
      await form.locator('input[name=decision][value=upheld]').check();
      await form
        .locator('textarea[name=decision-comment]')
        .fill('坐席确有致谢道别,但评分无误,维持');
      await form.locator('[data-testid=submit-decision]').click();
      await page.waitForSelector('[data-testid=history] > li[data-action=dispute_decided]');
      expect(await page.locator('[data-testid=dispute-open]').count()).toBe(0);
      expect(
        await page.locator('[data-testid=history] > li[data-action=dispute_decided]').textContent(),
      ).toContain('维持');
      await page.screenshot({ path: join(SHOTS, 'review-decided-lead.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('the agreement report shows the overridden rule', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, 'qa');
      await page.click('header nav a[href="#/agreement"]');
      const forbidden = page.locator('tr[data-agreement-rule="forbidden.phrases"]');
      await forbidden.waitFor();
      expect(await forbidden.locator('[data-col=reviewed]').textContent()).toBe('1');
      expect(await forbidden.locator('[data-col=overridden]').textContent()).toBe('1');
      expect(await forbidden.locator('[data-col=precisionOfFails]').textContent()).toBe('0.00');
      await page.waitForSelector('[data-testid=agreement-chart] canvas');
      await page.screenshot({ path: join(SHOTS, 'agreement-report.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
