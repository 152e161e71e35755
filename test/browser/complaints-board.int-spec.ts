import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { sampleCall, waitFor } from '@qa/testing';
import { Browser, Page } from 'playwright-core';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { PAGE, SHOTS, addUsers, launchChromium, startBrowserPlatform } from './browser-platform';

/** The complaint board in a real Chromium, through the real gateway and services. */
describe('complaint board in Chromium', () => {
  const tenantId = `wb-${randomUUID().slice(0, 8)}`;
  const password = 'Board-pass-2026!';
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  let callTicket = '';
  let lateTicket = '';
  let evaluationId = '';

  beforeAll(async () => {
    const platform = await startBrowserPlatform(
      [
        ['INGESTION_URL', IngestionModule, ingestionServiceOptions],
        ['SCORING_URL', ScoringModule, scoringServiceOptions],
        ['COMPLAINTS_URL', ComplaintsModule, complaintsServiceOptions],
      ],
      tenantId,
      apps,
    );
    base = platform.base;
    const { http } = platform;
    const { lead } = await addUsers(platform, tenantId, ['lead'], password);
    const as = <T extends { auth: (t: string, o: { type: 'bearer' }) => T }>(r: T) =>
      r.auth(lead, { type: 'bearer' });

    // A ticket that is already late: the tenant's acceptance time is a few seconds.
    await as(http.put('/api/v1/complaints/settings')).send({
      sla: { accept: { basis: 'calendar', minutes: 0.05 } },
    });
    lateTicket = (
      await as(http.post('/api/v1/complaints')).send({
        customer: { id: 'u-late', phone: '13900001111' },
        category: 'network',
        severity: 'high',
        description: '宽带断网三天',
      })
    ).body.id;
    await as(http.put('/api/v1/complaints/settings')).send({ preset: 'standard' });

    const callId = `c-${randomUUID()}`;
    await as(http.post('/api/v1/calls')).send(
      sampleCall({
        callId,
        tenantId,
        purpose: 'complaint',
        customer: { phone: '13800138000', id: 'u-77' },
        startedAt: '2026-11-30T09:00:00+08:00',
        answeredAt: '2026-11-30T09:00:05+08:00',
        endedAt: '2026-11-30T09:02:00+08:00',
        segments: [
          {
            speaker: 'agent',
            startMs: 0,
            endMs: 3000,
            text: '您好,示例公司,工号1001,很高兴为您服务',
          },
          {
            speaker: 'customer',
            startMs: 3500,
            endMs: 8000,
            text: '话费多扣了两次,一直没人处理,我要投诉',
          },
          {
            speaker: 'agent',
            startMs: 8500,
            endMs: 12000,
            text: '非常抱歉,我们会尽快核实并回复您',
          },
        ],
      }),
    );
    const ticket = await waitFor(
      'the ticket of the complaint call',
      async () => (await as(http.get('/api/v1/complaints').query({ callId }))).body.items?.[0],
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    callTicket = ticket.id;
    evaluationId = ticket.evaluationId;
    await waitFor('the late ticket escalated', async () => {
      const r = await as(http.get(`/api/v1/complaints/${lateTicket}`));
      return r.body.status === 'escalated';
    });
    browser = await launchChromium(['--disable-background-networking']);
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
  });

  const login = async (page: Page) => {
    await page.goto(`${base}/#/login`);
    await page.fill('input[name=username]', `${tenantId}-lead`);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=evaluations]');
  };

  it('shows tickets by urgency with live countdowns, the late one first and in red, and the statistics chart', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page);
      await page.click('header nav a[href="#/complaints"]');
      await page.waitForSelector(`tr[data-ticket="${callTicket}"]`);
      const rows = await page
        .locator('[data-testid=tickets] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ticket')));
      expect(rows).toEqual([lateTicket, callTicket]);
      const late = page.locator(`tr[data-ticket="${lateTicket}"] [data-testid=countdown]`);
      expect(await late.getAttribute('class')).toBe('overdue');
      expect(await late.textContent()).toMatch(/^已超时 \d\d:\d\d:\d\d$/);
      const live = page.locator(`tr[data-ticket="${callTicket}"] [data-testid=countdown]`);
      expect(await live.getAttribute('class')).toBe('due');
      const before = await live.textContent();
      await waitFor('the countdown to tick', async () => (await live.textContent()) !== before);
      await page.waitForSelector('[data-testid=stats-chart] canvas');
      await page.waitForSelector('[data-testid=stats-csv]');
      await page.waitForSelector('[data-testid=complaint-stats] td:text-is("network")');
      await page.screenshot({ path: join(SHOTS, 'complaints-board.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('works a ticket from its page: moves, assignment, an unhappy callback that reopens it', async () => {
    const page = await browser.newPage(PAGE);
    const status = () => page.locator('[data-testid=ticket-status]').textContent();
    const moveTo = async (to: string, shown: string) => {
      await page.click(`button[data-move="${to}"]`);
      await page.waitForSelector(`[data-testid=ticket-status]:text-is("${shown}")`);
    };
    try {
      await login(page);
      await page.goto(`${base}/#/complaints/${callTicket}`);
      await page.waitForSelector('[data-testid=ticket]');
      expect(await page.locator('[data-testid=call-link]').getAttribute('href')).toBe(
        `#/evaluations/${evaluationId}`,
      );
      expect(await status()).toBe('待受理');
      await page.fill('input[name=reason]', '已受理');
      await moveTo('accepted', '已受理');
      const assign = page.locator('[data-testid=assign]');
      await assign.locator('input[name=assignee]').fill('lead-zhou');
      await assign.locator('input[name=category]').fill('billing');
      await assign.locator('button[type=submit]').click();
      await page.waitForSelector('[data-testid=history] td:text-is("assigned to lead-zhou")');
      await moveTo('investigating', '调查中');
      await moveTo('solution_proposed', '已提出方案');
      await moveTo('resolved', '待回访');
      const form = page.locator('[data-testid=callback-form]');
      await form.locator('select[name=outcome]').selectOption('reached');
      await form.locator('select[name=satisfaction]').selectOption('2');
      await form.locator('input[name=notes]').fill('还是不满意');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('[data-testid=ticket-status]:text-is("已重开")');
      expect(await page.locator('[data-testid=callbacks] tbody tr').count()).toBe(1);
      expect(await page.locator('[data-testid=history] tbody tr').last().textContent()).toContain(
        'satisfaction 2',
      );
      await page.screenshot({ path: join(SHOTS, 'complaint-ticket.png'), fullPage: true });
      await page.click('[data-testid=call-link]');
      await page.waitForSelector('mark.ev');
    } finally {
      await page.close();
    }
  });
});
