import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as KpiModule } from '../../apps/kpi/src/app.module';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { sampleCall } from '@qa/testing';
import {
  PAGE,
  SHOTS,
  addUsers,
  launchChromium,
  scoredCall,
  startBrowserPlatform,
} from './browser-platform';

/** Getting around the dashboard: addresses, the session across tabs, and what a refusal says. */
describe('dashboard navigation in Chromium', () => {
  const tenantId = `n-${randomUUID().slice(0, 8)}`;
  const password = 'Navigate-pass-2026!';
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  let evaluationId = '';
  let scored: { callId: string; grade: string; failedRules: string[] };

  beforeAll(async () => {
    const platform = await startBrowserPlatform(
      [
        ['INGESTION_URL', IngestionModule, ingestionServiceOptions],
        ['SCORING_URL', ScoringModule, scoringServiceOptions],
        // Every page of the QA role's nav is visited at phone width.
        ['COMPLAINTS_URL', ComplaintsModule, complaintsServiceOptions],
        ['KPI_URL', KpiModule, kpiServiceOptions],
      ],
      tenantId,
      apps,
    );
    base = platform.base;
    await addUsers(platform, tenantId, ['admin', 'qa', 'agent'], password);
    const qa = (
      await platform.http.post('/api/v1/auth/login').send({ username: `${tenantId}-qa`, password })
    ).body.accessToken as string;
    evaluationId = await scoredCall(
      platform,
      qa,
      sampleCall({
        callId: `c-${randomUUID()}`,
        tenantId,
        customer: undefined,
        startedAt: '2026-11-22T14:00:00+08:00',
        // Answered after five rings, unapologetic, a forbidden phrase: several rules fail.
        answeredAt: '2026-11-22T14:00:15+08:00',
        endedAt: '2026-11-22T14:00:30+08:00',
        segments: [
          // The first line fails two rules at once: no apology for the wait, a forbidden phrase.
          { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司,这个我不清楚' },
          { speaker: 'agent', startMs: 3500, endMs: 6000, text: '感谢您的来电,再见' },
        ],
      }) as { callId: string },
    );
    scored = (
      await platform.http.get(`/api/v1/evaluations/${evaluationId}`).auth(qa, { type: 'bearer' })
    ).body as typeof scored;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
  });

  const login = async (page: Page, username: string, pass = password) => {
    await page.goto(`${base}/#/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', pass);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
  };
  const visit = async (page: Page, hash: string) => {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  };

  it('says "not found" for an unknown address and "not allowed" for a page the role may not see', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-agent`, password);
      await visit(page, '#/kpis');
      await page.waitForSelector('[data-testid=not-allowed] h1:text-is("无权访问")');
      expect(await page.locator('[data-testid=evaluations]').count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'not-allowed-agent.png') });
      await visit(page, '#/no-such-page');
      await page.waitForSelector('[data-testid=not-found] h1:text-is("页面不存在")');
      // The way back goes to the role's start page.
      await page.click('[data-testid=not-found] a');
      await page.waitForSelector('[data-testid=evaluations]');
      await page.click('[data-testid=logout]');

      await login(page, 'admin', process.env.ADMIN_PASSWORD ?? 'admin');
      await visit(page, '#/evaluations');
      await page.waitForSelector('[data-testid=not-allowed]');
      expect(await page.locator('[data-testid=tenants]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('opens a real evaluation after one that does not exist, and Back and Forward follow', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-qa`);
      await visit(page, '#/evaluations/does-not-exist');
      await page.waitForSelector('[data-testid=evaluation-error]:has-text("评估不存在")');
      await visit(page, `#/evaluations/${evaluationId}`);
      await page.waitForSelector('[data-testid=score]');
      expect(await page.locator('[data-testid=evaluation-error]').count()).toBe(0);
      await page.goBack();
      await page.waitForSelector('[data-testid=evaluation-error]');
      expect(await page.locator('[data-testid=score]').count()).toBe(0);
      await page.goForward();
      await page.waitForSelector('[data-testid=score]');
      expect(await page.locator('[data-testid=evaluation-error]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('keeps the session in a new tab and across a reload, never in the address, and logs out every tab', async () => {
    const context = await browser.newContext(PAGE);
    try {
      const first = await context.newPage();
      await login(first, `${tenantId}-qa`);
      const link = `${base}/#/evaluations/${evaluationId}`;
      const second = await context.newPage();
      await second.goto(link);
      await second.waitForSelector('[data-testid=score]');
      await second.reload();
      await second.waitForSelector('[data-testid=score]');
      expect(second.url()).toBe(link);
      await second.click('[data-testid=logout]');
      await second.waitForSelector('form.login');
      // The first tab learns of it without being touched.
      await first.waitForSelector('form.login');
    } finally {
      await context.close();
    }
  });

  it('shows a wrong password message in the language chosen after it appeared', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await page.goto(`${base}/#/login`);
      await page.fill('input[name=username]', `${tenantId}-admin`);
      await page.fill('input[name=password]', 'not-the-password');
      await page.click('button[type=submit]');
      await page.waitForSelector('.error:text-is("用户名或密码错误")');
      await page.click('[data-testid=lang]');
      await page.waitForSelector('.error:text-is("Wrong username or password")');
      expect(await page.locator('.error').count()).toBe(1);
      await page.click('[data-testid=lang]');
      await page.waitForSelector('.error:text-is("用户名或密码错误")');
    } finally {
      await page.close();
    }
  });

  it('refuses an agent without an agent id in the user form, naming the field', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-admin`);
      await visit(page, '#/users');
      const form = page.locator('[data-testid=user-form]');
      await form.locator('input[name=username]').fill(`${tenantId}-agent2`);
      await form.locator('input[name=password]').fill(password);
      await form.locator('select[name=role]').selectOption('agent');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('.error code:text-is("agentId")');
      expect(
        await page.locator(`[data-testid=users] td:text-is("${tenantId}-agent2")`).count(),
      ).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("shows times in the tenant's time zone, whatever the browser's", async () => {
    // The tenant is in Asia/Shanghai; this browser is in New York (13 hours behind in November).
    const page = await browser.newPage({ ...PAGE, timezoneId: 'America/New_York' });
    try {
      await login(page, `${tenantId}-qa`);
      const row = page.locator(
        `[data-testid=evaluations] tr:has(a[href="#/evaluations/${evaluationId}"])`,
      );
      expect(await row.locator('td').first().textContent()).toBe('2026/11/22 14:00:00');
      // A day picked in the filter is the tenant's day (14:00 there is 01:00 here).
      await page.fill('input[name=from]', '2026-11-22');
      await page.fill('input[name=to]', '2026-11-22');
      await page.click('form.filters button[type=submit]');
      await row.waitFor();
      await page.fill('input[name=from]', '2026-11-21');
      await page.fill('input[name=to]', '2026-11-21');
      await page.click('form.filters button[type=submit]');
      await row.waitFor({ state: 'detached' });
    } finally {
      await page.close();
    }
  });

  it('says grades, sections and lists in English, and the grade filter takes the English name', async () => {
    const english: Record<string, string> = {
      最佳: 'Best',
      优秀: 'Excellent',
      良好: 'Good',
      及格: 'Pass',
      不及格: 'Fail',
    };
    const page = await browser.newPage(PAGE);
    try {
      await page.goto(`${base}/#/login`);
      await page.click('[data-testid=lang]');
      await login(page, `${tenantId}-qa`);
      const row = page.locator(
        `[data-testid=evaluations] tr:has(a[href="#/evaluations/${evaluationId}"])`,
      );
      const cells = await row.locator('td').allTextContents();
      expect(cells[5]).toBe(english[scored.grade]);
      expect(scored.failedRules.length).toBeGreaterThan(1);
      expect(cells[7].split(', ')).toHaveLength(scored.failedRules.length);
      expect(cells.join(' ')).not.toMatch(/\p{Script=Han}/u);
      await page.fill('input[name=grade]', english[scored.grade].toLowerCase());
      await page.click('form.filters button[type=submit]');
      await row.waitFor();
      expect(await page.locator('[data-testid=evaluations] tbody tr').count()).toBe(1);
      await row.locator('a').click();
      await page.waitForSelector('[data-testid=score]');
      expect(await page.locator('[data-testid=score]').textContent()).toContain(
        english[scored.grade],
      );
      const sections = await page
        .locator('.evaluation aside table td:first-child')
        .allTextContents();
      expect(sections).toEqual(['Etiquette', 'Communication', 'Resolution', 'Efficiency']);
      await page.screenshot({ path: join(SHOTS, 'evaluation-en.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('fits a 390 px phone: no page runs off the side and rule names stay on one line', async () => {
    const page = await browser.newPage({ ...PAGE, viewport: { width: 390, height: 844 } });
    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - innerWidth') as Promise<number>;
    try {
      await login(page, `${tenantId}-qa`);
      await page.waitForSelector(`a[href="#/evaluations/${evaluationId}"]`);
      // A table may scroll within itself; the page may not.
      const heights = await page
        .locator('[data-testid=evaluations] tbody td')
        .evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().height));
      expect(Math.max(...heights)).toBeLessThan(48);
      for (const href of await page
        .locator('header nav a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
        await page.click(`header nav a[href="${href}"]`);
        await page.waitForLoadState('networkidle');
        expect({ href, overflow: await overflow() }).toEqual({ href, overflow: 0 });
      }
      await page.goto(`${base}/#/calls/upload`);
      await page.waitForSelector('[data-testid=recording-form]');
      expect(await overflow()).toBe(0);
      await page.goto(`${base}/#/evaluations/${evaluationId}`);
      await page.waitForSelector('[data-testid=findings] li');
      expect(await overflow()).toBe(0);
      const widths = await page
        .locator('[data-testid=findings] li')
        .evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().width));
      expect(Math.min(...widths)).toBeGreaterThan(250);
      await page.screenshot({ path: join(SHOTS, 'evaluation-390.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('serves a favicon', async () => {
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('finds a call by its id, and names every rule a line fails even where the evidence overlaps', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-qa`);
      await page.fill('input[name=callId]', scored.callId);
      await page.click('form.filters button[type=submit]');
      await page.waitForSelector(
        `[data-testid=evaluations] a[href="#/evaluations/${evaluationId}"]`,
      );
      await page.fill('input[name=callId]', 'c-no-such-call');
      await page.click('form.filters button[type=submit]');
      await page.waitForSelector(`[data-testid=evaluations] a`, { state: 'detached' });
      await visit(page, `#/evaluations/${evaluationId}`);
      await page.waitForSelector('li[data-segment="0"] mark');
      const labels = await page.locator('li[data-segment="0"] sup.rule-label').allTextContents();
      expect(labels.sort()).toEqual(['服务禁语', '超时接听致歉'].sort());
      await page.screenshot({ path: join(SHOTS, 'evaluation-overlap.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("shows the call's facts beside its evaluation, times in the tenant's zone", async () => {
    const page = await browser.newPage({ ...PAGE, timezoneId: 'Europe/Berlin' });
    try {
      await login(page, `${tenantId}-qa`);
      await visit(page, `#/evaluations/${evaluationId}`);
      const facts = page.locator('[data-testid=call-facts]');
      await facts.waitFor();
      const terms = await facts.locator('dt').allTextContents();
      const values = await facts.locator('dd').allTextContents();
      expect(Object.fromEntries(terms.map((k, i) => [k, values[i]]))).toEqual({
        坐席: 'a-1',
        班组: 't-1',
        通话时间: '2026/11/22 14:00:00',
        通话时长: '15 s',
        振铃声数: '5',
        挂机方: '客户',
      });
    } finally {
      await page.close();
    }
  });
});
