import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { sampleCall, waitFor } from '@qa/testing';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { PAGE, SHOTS, addUsers, launchChromium, startBrowserPlatform } from './browser-platform';

/** The KPI page in Chromium over the real gateway and services: a new call moves a live tile. */
describe('KPI dashboard in Chromium', () => {
  const tenantId = `kw-${randomUUID().slice(0, 8)}`;
  const password = 'Browser-pass-2026!';
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  let http: ReturnType<typeof request>;
  let qa = '';

  const postCall = async () => {
    const now = Date.now();
    await http
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .send(
        sampleCall({
          customer: undefined,
          callId: `c-${randomUUID()}`,
          tenantId,
          startedAt: new Date(now - 60_000).toISOString(),
          answeredAt: new Date(now - 55_000).toISOString(),
          endedAt: new Date(now - 5_000).toISOString(),
          segments: [{ speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司' }],
        }),
      )
      .expect(201);
  };

  beforeAll(async () => {
    process.env.KPI_TICK_MS ??= '100';
    const { AppModule: KpiModule } = await import('../../apps/kpi/src/app.module');
    const platform = await startBrowserPlatform(
      [
        ['INGESTION_URL', IngestionModule, ingestionServiceOptions],
        ['SCORING_URL', ScoringModule, scoringServiceOptions],
        ['KPI_URL', KpiModule, kpiServiceOptions],
      ],
      tenantId,
      apps,
    );
    base = platform.base;
    http = platform.http;
    ({ qa } = await addUsers(platform, tenantId, ['qa', 'ops'], password));
    browser = await launchChromium(['--disable-sync']);
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
  });

  it('ops watch the calls tile move when a call is posted, with the target drawn', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await page.goto(`${base}/#/login`);
      await page.fill('input[name=username]', `${tenantId}-ops`);
      await page.fill('input[name=password]', password);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=evaluations]');
      await page.goto(`${base}/#/kpis`);
      await page.waitForSelector('[data-testid=kpi-tile-calls]');
      await page.waitForSelector('[data-testid=kpi-scope]');
      const tile = page.locator('[data-testid=kpi-value-calls]');
      const before = (await tile.textContent()) ?? '';
      await postCall();
      const after = await waitFor(
        'the calls tile to change',
        async () => {
          const text = (await tile.textContent()) ?? '';
          return text !== before && text !== '—' ? text : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(after).toBe('1');
      expect(
        await page.locator('[data-testid=kpi-tile-complaintResolutionRate]').textContent(),
      ).toContain('92.0%');
      const drill = page.locator('[data-testid=kpi-tile-calls] a');
      expect(await drill.getAttribute('href')).toMatch(/^#\/evaluations\?from=\d{4}-\d{2}-\d{2}/);
      await page.screenshot({ path: join(SHOTS, 'kpis-ops.png') });
    } finally {
      await page.close();
    }
  });
});
