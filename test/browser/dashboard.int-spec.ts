import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Role } from '@qa/platform';
import { sampleCall, waitFor } from '@qa/testing';
import { Browser, Page } from 'playwright-core';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { toneWav } from './wav';
import {
  BrowserPlatform,
  PAGE,
  SHOTS,
  addUsers,
  launchChromium,
  startBrowserPlatform,
  waitForPage,
} from './browser-platform';

/** The dashboard in a real headless Chromium, served by the real gateway over the real services. */
describe('dashboard in Chromium', () => {
  const tenantId = `w-${randomUUID().slice(0, 8)}`;
  const password = 'Browser-pass-2026!';
  const roles: Role[] = ['admin', 'qa', 'lead', 'ops', 'agent'];
  const apps: INestApplication[] = [];
  let base = '';
  let browser: Browser;
  let evaluationId = '';
  let otherCallId = '';
  let gateway: BrowserPlatform['http'];

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
    gateway = http;
    await addUsers(platform, tenantId, roles, password);
    const qa = (
      await http.post('/api/v1/auth/login').send({ username: `${tenantId}-qa`, password })
    ).body.accessToken as string;
    const callId = `c-${randomUUID()}`;
    await http
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .send(
        sampleCall({
          callId,
          tenantId,
          customer: { phone: '13800138000' },
          answeredAt: '2026-11-22T09:00:05+08:00',
          endedAt: '2026-11-22T09:00:20+08:00',
          segments: [
            {
              speaker: 'agent',
              startMs: 0,
              endMs: 3000,
              text: '您好,示例公司,工号1001,很高兴为您服务',
            },
            { speaker: 'customer', startMs: 3500, endMs: 6000, text: '我的退款为什么还没到账' },
            {
              speaker: 'agent',
              startMs: 6500,
              endMs: 9000,
              text: '这个我不清楚,请问还有其他可以帮您的吗',
            },
            { speaker: 'agent', startMs: 9500, endMs: 12000, text: '感谢您的来电,再见' },
          ],
        }),
      );
    await http
      .post(`/api/v1/calls/${callId}/recording`)
      .auth(qa, { type: 'bearer' })
      .attach('recording', toneWav(14), { filename: 'r.wav', contentType: 'audio/wav' });
    otherCallId = `c-${randomUUID()}`;
    await http
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .send(
        sampleCall({
          customer: undefined,
          callId: otherCallId,
          tenantId,
          agentId: 'a-2',
          startedAt: '2026-11-22T10:00:00+08:00',
          answeredAt: '2026-11-22T10:00:04+08:00',
          endedAt: '2026-11-22T10:00:20+08:00',
          segments: [{ speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司' }],
        }),
      )
      .expect(201);
    evaluationId = await waitFor(
      'the call to be scored',
      async () => {
        const r = await http
          .get('/api/v1/evaluations')
          .query({ callId })
          .auth(qa, { type: 'bearer' });
        return r.body.items?.[0]?.id as string | undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    // Agents see an evaluation only once QA has finalized and released it (human review).
    const ev = (await http.get(`/api/v1/evaluations/${evaluationId}`).auth(qa, { type: 'bearer' }))
      .body as { version: number; pendingManualItems: string[] };
    await http
      .post(`/api/v1/evaluations/${evaluationId}/review`)
      .auth(qa, { type: 'bearer' })
      .send({
        expectedVersion: ev.version,
        answers: ev.pendingManualItems.map((itemId) => ({ itemId, outcome: 'pass' })),
        finalize: true,
      })
      .expect(200);
    await http
      .post(`/api/v1/evaluations/${evaluationId}/release`)
      .auth(qa, { type: 'bearer' })
      .expect(200);
    await waitFor(
      "the other agent's call to be scored",
      async () => {
        const r = await http
          .get('/api/v1/evaluations')
          .query({ callId: otherCallId })
          .auth(qa, { type: 'bearer' });
        return r.body.items?.length > 0;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    browser = await launchChromium([
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps.reverse()) await app.close();
  });

  /** An access token for the API calls a test makes beside the browser. */
  const tokenOf = async (username: string): Promise<string> =>
    (await gateway.post('/api/v1/auth/login').send({ username, password }).expect(200)).body
      .accessToken as string;

  const login = async (page: Page, username: string, pass: string) => {
    await page.goto(`${base}/#/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', pass);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=evaluations]');
  };

  it.each(roles)('%s logs in, sees the scored call and its highlighted evidence', async (role) => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-${role}`, password);
      await page.waitForSelector(`a[href="#/evaluations/${evaluationId}"]`);
      // Agents see their own calls only; everyone else in the tenant sees both.
      const others = await page.locator(`text=${otherCallId}`).count();
      expect(others).toBe(role === 'agent' ? 0 : 1);
      await page.screenshot({ path: join(SHOTS, `list-${role}.png`) });
      await page.click(`a[href="#/evaluations/${evaluationId}"]`);
      const mark = page.locator('mark.ev.fail[data-rule="forbidden.phrases"]');
      await mark.waitFor();
      expect(await mark.textContent()).toBe('不清楚');
      expect(await mark.getAttribute('title')).toContain('v1');
      expect(await page.locator('sup.rule-label').first().textContent()).toBe('服务禁语');
      expect(await page.locator('[data-testid=version]').textContent()).toBe('v1');
      expect(await page.locator('.findings li.fail[data-rule="forbidden.phrases"]').count()).toBe(
        1,
      );
      // A timing rule shows what it measured.
      expect(
        await page.locator('.findings li[data-rule="answer.within-three-rings"]').textContent(),
      ).toMatch(/\d+ ring\(s\)/);
      await page.screenshot({ path: join(SHOTS, `evaluation-${role}.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('plays from a clicked line: the audio seeks and the playing line is highlighted', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-qa`, password);
      await page.goto(`${base}/#/evaluations/${evaluationId}`);
      await page.waitForSelector('[data-testid=audio]');
      await waitForPage(page, "document.querySelector('audio').readyState >= 1");
      await page.click('li[data-segment="2"]');
      // A string runs in the page, which has the DOM types this Node project lacks.
      const at = (await page.evaluate("document.querySelector('audio').currentTime")) as number;
      expect(at).toBeGreaterThanOrEqual(6.5);
      expect(at).toBeLessThan(9);
      await page.waitForSelector('li[data-segment="2"].playing');
      await page.screenshot({ path: join(SHOTS, 'evaluation-playing.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('renews an expired access token with the refresh token, and logs out on the server', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-lead`, password);
      const before = (await page.evaluate("localStorage.getItem('qa.session')")) as string;
      const stale = { ...JSON.parse(before), accessToken: 'expired.access.token' };
      await page.evaluate(
        `localStorage.setItem('qa.session', ${JSON.stringify(JSON.stringify(stale))})`,
      );
      await page.goto(`${base}/#/evaluations/${evaluationId}`);
      await page.locator('mark.ev.fail[data-rule="forbidden.phrases"]').waitFor();
      const after = JSON.parse(
        (await page.evaluate("localStorage.getItem('qa.session')")) as string,
      ) as { accessToken: string; refreshToken: string };
      expect(after.accessToken).not.toBe('expired.access.token');
      expect(after.refreshToken).not.toBe(stale.refreshToken);
      const loggedOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
      await page.click('[data-testid=logout]');
      expect((await loggedOut).status()).toBe(204);
      await page.waitForSelector('form.login');
      const res = await fetch(`${base}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: after.refreshToken }),
      });
      expect(res.status).toBe(401);
    } finally {
      await page.close();
    }
  });

  it('lets the platform admin create a tenant and its admin, who then manages users', async () => {
    const page = await browser.newPage(PAGE);
    const newTenant = `${tenantId}-n`;
    try {
      await page.goto(`${base}/#/login`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', process.env.ADMIN_PASSWORD ?? 'admin');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=tenants]');
      expect(await page.locator('header nav a').allTextContents()).toEqual(['租户', '用户']);
      const form = page.locator('[data-testid=tenant-form]');
      await form.locator('input[name=tenantId]').fill(newTenant);
      await form.locator('input[name=name]').fill(newTenant);
      await form.locator('input[name=companyName]').fill('新公司');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector(`[data-testid=tenants] td:text-is("${newTenant}")`);
      // Edited in the same form: a bad zone is refused by field, then the settings are saved.
      await page.click(`tr[data-tenant="${newTenant}"] [data-testid=edit-tenant]`);
      expect(await form.locator('input[name=tenantId]').getAttribute('readonly')).not.toBeNull();
      await form.locator('input[name=timezone]').fill('Mars/Olympus');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('.error code:text-is("timezone")');
      await form.locator('input[name=timezone]').fill('Asia/Urumqi');
      await form.locator('input[name=secondsPerRing]').fill('4');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector(`tr[data-tenant="${newTenant}"] td:text-is("Asia/Urumqi")`);
      expect(await page.locator(`tr[data-tenant="${newTenant}"] td.num`).textContent()).toBe('4');
      expect(await form.locator('input[name=tenantId]').inputValue()).toBe('');
      await page.screenshot({ path: join(SHOTS, 'tenants-platform_admin.png') });
      await page.click('header nav a[href="#/users"]');
      await page.selectOption('select[name=tenant]', newTenant);
      const users = page.locator('[data-testid=user-form]');
      await users.locator('input[name=username]').fill(`${newTenant}-admin`);
      await users.locator('input[name=password]').fill(password);
      await users.locator('select[name=role]').selectOption('admin');
      await users.locator('button[type=submit]').click();
      await page.waitForSelector(`[data-testid=users] td:text-is("${newTenant}-admin")`);
      await page.click('[data-testid=logout]');

      await login(page, `${newTenant}-admin`, password);
      expect(await page.locator('header nav a').allTextContents()).toEqual([
        '通话与评估',
        '投诉工单',
        '运营指标',
        '人机一致性',
        '辅导',
        '评分表',
        '用户',
      ]);
      await page.click('header nav a[href="#/users"]');
      await users.locator('input[name=username]').fill(`${newTenant}-agent`);
      await users.locator('input[name=password]').fill('short');
      await users.locator('select[name=role]').selectOption('agent');
      await users.locator('input[name=agentId]').fill('a-9');
      await users.locator('button[type=submit]').click();
      await page.waitForSelector('.error code:text-is("password")');
      await users.locator('input[name=password]').fill(password);
      await users.locator('button[type=submit]').click();
      await page.waitForSelector(`[data-testid=users] td:text-is("${newTenant}-agent")`);
      // Only their own tenant's users: nobody from the tenant the test started with.
      expect(await page.locator(`[data-testid=users] td:text-is("${tenantId}-qa")`).count()).toBe(
        0,
      );
      await page.screenshot({ path: join(SHOTS, 'users-admin.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('lets a tenant admin edit, disable, reset and delete a user; a concurrent edit is refused', async () => {
    const page = await browser.newPage(PAGE);
    const username = `${tenantId}-edited`;
    page.on('dialog', (d) => void d.accept());
    try {
      await login(page, `${tenantId}-admin`, password);
      await page.click('header nav a[href="#/users"]');
      const form = page.locator('[data-testid=user-form]');
      await form.locator('input[name=username]').fill(username);
      await form.locator('input[name=password]').fill(password);
      await form.locator('select[name=role]').selectOption('qa');
      await form.locator('button[type=submit]').click();
      const row = page.locator(`tr[data-user="${username}"]`);
      await row.waitFor();
      const editor = page.locator('[data-testid=user-editor]');

      // Role and team change; the row shows them.
      await row.locator('[data-testid=edit-user]').click();
      await editor.locator('select[name=role]').selectOption('lead');
      await editor.locator('input[name=teamId]').fill('t-2');
      await editor.locator('button[type=submit]').first().click();
      await page.waitForSelector(`tr[data-user="${username}"] td:text-is("班组长")`);
      expect(await row.locator('td').nth(3).textContent()).toBe('t-2');

      // Another admin saves first: this edit is refused, named, and writes nothing.
      await row.locator('[data-testid=edit-user]').click();
      await editor.locator('input[name=teamId]').fill('t-mine');
      const admin = await tokenOf(`${tenantId}-admin`);
      const id = (
        (await gateway.get('/api/v1/users').auth(admin, { type: 'bearer' })).body as {
          id: string;
          username: string;
        }[]
      ).find((u) => u.username === username)!.id;
      await gateway
        .patch(`/api/v1/users/${id}`)
        .auth(admin, { type: 'bearer' })
        .send({ teamId: 't-theirs' })
        .expect(200);
      await editor.locator('button[type=submit]').first().click();
      await page.waitForSelector(
        '[data-testid=user-editor] .error code:text-is("expectedVersion")',
      );
      // The server's code, worded in the page's language.
      expect(await page.locator('[data-testid=user-editor] .error p').textContent()).toBe(
        '其他管理员刚修改了这个用户,请刷新后再改。',
      );
      await page.reload();
      await page.waitForSelector(`tr[data-user="${username}"] td:text-is("t-theirs")`);

      // A weak new password is refused by field; a good one ends the user's sessions.
      await row.locator('[data-testid=edit-user]').click();
      await editor.locator('input[name=newPassword]').fill('short');
      await editor.locator('form >> nth=1').locator('button[type=submit]').click();
      await page.waitForSelector('[data-testid=user-editor] .error code:text-is("newPassword")');
      await editor.locator('input[name=newPassword]').fill('Reset-by-admin-2026!');
      await editor.locator('form >> nth=1').locator('button[type=submit]').click();
      await page.waitForSelector('p.ok');
      const newLogin = { username, password: 'Reset-by-admin-2026!' };
      await gateway.post('/api/v1/auth/login').send(newLogin).expect(200);

      // Disabled: shown as such, and the login is refused.
      await editor.locator('input[name=disabled]').check();
      await editor.locator('button[type=submit]').first().click();
      await page.waitForSelector(`tr[data-user="${username}"] td.status:text-is("已停用")`);
      expect((await gateway.post('/api/v1/auth/login').send(newLogin)).status).toBe(401);
      await page.screenshot({ path: join(SHOTS, 'users-edit-admin.png'), fullPage: true });

      // Deleted after the confirmation: gone from the list.
      await row.locator('[data-testid=edit-user]').click();
      await editor.locator('button.danger').click();
      await row.waitFor({ state: 'detached' });
      expect(await page.locator('p.ok').textContent()).toContain(username);
    } finally {
      await page.close();
    }
  });

  it('lets QA upload a file of calls and a recording, with progress and each refusal named', async () => {
    const page = await browser.newPage(PAGE);
    const callId = `c-up-${randomUUID()}`;
    try {
      await login(page, `${tenantId}-qa`, password);
      await page.click('[data-testid=upload-link]');
      await page.waitForSelector('[data-testid=calls-form]');
      // One good call and one whose segment ends after the call: accepted 1, rejected 1, named.
      const good = sampleCall({ callId, tenantId });
      const bad = JSON.parse(JSON.stringify({ ...good, callId: `${callId}-bad` })) as {
        segments: { endMs: number }[];
      };
      bad.segments[0].endMs = 10_000_000;
      await page.setInputFiles('[data-testid=calls-form] input[name=calls]', {
        name: 'calls.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([good, bad])),
      });
      await page.click('[data-testid=calls-form] button[type=submit]');
      const result = page.locator('[data-testid=batch-result]').first();
      await result.waitFor();
      expect(await result.locator('p').textContent()).toBe('已接收 1 · 重复 0 · 被拒 1');
      expect(await result.locator('li[data-rejected="1"]').textContent()).toContain('segments.0');
      expect(
        await page.locator('[data-testid=upload-progress]').first().getAttribute('value'),
      ).toBe('1');

      // A PBX file without records is refused by field, in the page's language.
      await page.setInputFiles('[data-testid=pbx-form] input[name=cdr]', {
        name: 'Master.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('\n'),
      });
      await page.click('[data-testid=pbx-form] button[type=submit]');
      await page.waitForSelector('[data-testid=pbx-form] ~ .error code:text-is("cdr")');
      expect(await page.locator('[data-testid=pbx-form] ~ .error p').textContent()).toBe(
        '导入文件有误,请检查标出的行。',
      );

      await page.fill('[data-testid=recording-form] input[name=callId]', callId);
      await page.setInputFiles('[data-testid=recording-form] input[name=recording]', {
        name: 'r.wav',
        mimeType: 'audio/wav',
        buffer: toneWav(2),
      });
      await page.click('[data-testid=recording-form] button[type=submit]');
      await page.waitForSelector(`[data-testid=recording-result]:has-text("${callId}")`);
      const qa = await tokenOf(`${tenantId}-qa`);
      const audio = await gateway
        .get(`/api/v1/calls/${callId}/recording`)
        .auth(qa, { type: 'bearer' });
      expect([audio.status, audio.headers['content-type']]).toEqual([200, 'audio/wav']);
      await page.screenshot({ path: join(SHOTS, 'calls-upload-qa.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('sorts the list by a clicked column and exports what the filters find as CSV', async () => {
    const qa = await tokenOf(`${tenantId}-qa`);
    const callId = `c-sort-${randomUUID()}`;
    await gateway
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .send(sampleCall({ callId, tenantId }))
      .expect(201);
    await waitFor('the second call scored', async () => {
      const res = await gateway
        .get(`/api/v1/evaluations?callId=${callId}`)
        .auth(qa, { type: 'bearer' });
      return (res.body as { items: unknown[] }).items.length > 0 || undefined;
    });
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-qa`, password);
      const scores = () =>
        page
          .locator('[data-testid=evaluations] td.num')
          .allTextContents()
          .then((v) => v.map(Number));
      await page.locator(`a:text-is("${callId}")`).waitFor();
      await page.click('th[data-sort=score] button');
      const desc = await scores();
      expect(desc.length).toBeGreaterThanOrEqual(2);
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      expect(await page.locator('th[data-sort=score]').getAttribute('aria-sort')).toBe(
        'descending',
      );
      await page.click('th[data-sort=score] button');
      expect(await scores()).toEqual([...desc].reverse());

      await page.click('[data-testid=export-evaluations]');
      const link = page.locator('[data-testid=evaluations-csv]');
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = readFileSync((await download.path())!, 'utf8');
      const [head, ...lines] = csv
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n');
      expect(head).toBe('通话时间,通话,班组,坐席,得分,等级,复核状态,未通过规则');
      expect(lines).toHaveLength(desc.length);
      expect(lines.some((l) => l.includes(callId))).toBe(true);
      expect(lines.some((l) => l.includes('forbidden.phrases'))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('lets the admin edit the scorecard as a new version, preview a dry run and activate it', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await login(page, `${tenantId}-admin`, password);
      await page.click('header nav a[href="#/scorecards"]');
      await page.waitForSelector(
        '[data-testid=versions] tr[data-version="1"] td.status:text-is("生效中")',
      );
      const form = page.locator('[data-testid=scorecard-form]');
      // Weights that do not total 100: refused, the path named, nothing saved.
      await form.locator('input[name="sections.0.weight"]').fill('60');
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('.error code:text-is("sections")');
      expect(await page.locator('[data-testid=versions] tr').count()).toBe(2);
      // 35 + 25 + 25 + 15, and the forbidden-phrase item made critical: version 2.
      await form.locator('input[name="sections.0.weight"]').fill('35');
      await form.locator('input[name="sections.1.weight"]').fill('25');
      await form.locator('tr[data-item=forbidden] input[type=checkbox]').check();
      await form.locator('button[type=submit]').click();
      await page.waitForSelector('p.ok:text-is("已保存: v2")');
      const v2 = page.locator('[data-testid=versions] tr[data-version="2"]');
      expect(await v2.locator('td.status').textContent()).toBe('');

      // How scores would move under v2 over the calls so far, before anyone is judged by it.
      const dry = page.locator('[data-testid=dry-run-form]');
      await dry.locator('input[name=from]').fill('2026-11-01');
      await dry.locator('input[name=to]').fill(new Date().toISOString().slice(0, 10));
      await dry.locator('button[type=submit]').click();
      const result = page.locator('[data-testid=dry-run-result]');
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toMatch(/^v2: [1-9]\d* 通/);

      await v2.locator('[data-testid=activate]').click();
      await page.waitForSelector(
        '[data-testid=versions] tr[data-version="2"] td.status:text-is("生效中")',
      );
      expect(await page.locator('[data-testid=versions] [data-testid=activate]').count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'scorecards-admin.png'), fullPage: true });
      // Usable on a phone too: nothing runs off the side.
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await page.evaluate('document.documentElement.scrollWidth - innerWidth')).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('switches to English and refuses a wrong password', async () => {
    const page = await browser.newPage(PAGE);
    try {
      await page.goto(`${base}/#/login`);
      await page.click('[data-testid=lang]');
      expect(await page.locator('header strong').textContent()).toBe('QA call evaluation');
      await page.fill('input[name=username]', `${tenantId}-qa`);
      await page.fill('input[name=password]', 'wrong');
      await page.click('button[type=submit]');
      await page.waitForSelector('.error');
      expect(await page.locator('.error').textContent()).toBe('Wrong username or password');
      await page.screenshot({ path: join(SHOTS, 'login-error-en.png') });
    } finally {
      await page.close();
    }
  });
});
