import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { defaultScorecard } from '@qa/qa-rules';
import { announceTenant, asIdentity, ingestedCall, publishEvent, waitFor } from '@qa/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

type O = 'pass' | 'fail' | 'na';

/**
 * GET /api/v1/reports/agreement over decisions in the real scoring.review_decisions table,
 * checked against figures worked out by hand below.
 */
describe('agreement report', () => {
  const tenantId = `ag-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  let app: INestApplication;
  let db: DataSource;

  const decide = (tenant: string, ruleId: string, engine: O, human: O, at: string, week: string) =>
    db.query(
      `INSERT INTO scoring.review_decisions
         (tenant_id, evaluation_id, rule_id, engine_outcome, human_outcome, decided_by, decided_at, week)
       VALUES ($1, $2, $3, $4, $5, 'q1', $6, $7)`,
      [tenant, randomUUID(), ruleId, engine, human, at, week],
    );

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    const w1 = ['2026-11-17T03:00:00Z', '2026-11-16'] as const;
    const w2 = ['2026-11-24T03:00:00Z', '2026-11-23'] as const;
    const f = 'forbidden.phrases';
    // Week 1: fail/fail ×2, fail/pass, pass/pass ×2, pass/fail.
    for (const [e, h] of [
      ['fail', 'fail'],
      ['fail', 'fail'],
      ['fail', 'pass'],
      ['pass', 'pass'],
      ['pass', 'pass'],
      ['pass', 'fail'],
    ] as [O, O][])
      await decide(tenantId, f, e, h, ...w1);
    // Week 2: fail/fail, pass/pass, na/na, fail/na; and greeting pass/pass ×2.
    for (const [e, h] of [
      ['fail', 'fail'],
      ['pass', 'pass'],
      ['na', 'na'],
      ['fail', 'na'],
    ] as [O, O][])
      await decide(tenantId, f, e, h, ...w2);
    await decide(tenantId, 'greeting.opening', 'pass', 'pass', ...w2);
    await decide(tenantId, 'greeting.opening', 'pass', 'pass', ...w2);
    // Outside the range, and another tenant's: neither counts.
    await decide(tenantId, f, 'fail', 'pass', '2027-02-01T00:00:00Z', '2027-02-01');
    await decide(`${tenantId}-other`, f, 'fail', 'pass', ...w1);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('equals the figures computed by hand, overall and by week', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/reports/agreement')
      .query({ from: '2026-01-01', to: '2027-01-01' })
      .use(qa);
    expect(res.status).toBe(200);
    // forbidden.phrases overall: 10 reviewed; confirmed ff×3, pp×3, na/na = 7; engine fails 5,
    // kept 3 → 0.6. Kappa on the 8 pass/fail pairs: ff 3, fp 1, pp 3, pf 1 → pₒ = 0.75,
    // engine pass 0.5, human pass 0.5, pₑ = 0.5 → κ = 0.5.
    // greeting.opening: 2 × pass/pass → no engine fail (null), pₑ = 1 (null).
    expect(res.body.items).toEqual([
      {
        ruleId: 'forbidden.phrases',
        reviewed: 10,
        confirmed: 7,
        overridden: 3,
        precisionOfFails: 0.6,
        kappa: 0.5,
      },
      {
        ruleId: 'greeting.opening',
        reviewed: 2,
        confirmed: 2,
        overridden: 0,
        precisionOfFails: null,
        kappa: null,
      },
    ]);
    // Week 1: 6 reviewed, 4 confirmed, fails kept 2 of 3; ff 2, fp 1, pp 2, pf 1 → pₒ = 4/6,
    // pₑ = 0.5 → κ = 1/3. Week 2: fails kept 1 of 2 (fail/na is not kept); ff 1, pp 1 → κ = 1.
    expect(res.body.byWeek).toEqual([
      {
        week: '2026-11-16',
        items: [
          {
            ruleId: 'forbidden.phrases',
            reviewed: 6,
            confirmed: 4,
            overridden: 2,
            precisionOfFails: 0.6667,
            kappa: 0.3333,
          },
        ],
      },
      {
        week: '2026-11-23',
        items: [
          {
            ruleId: 'forbidden.phrases',
            reviewed: 4,
            confirmed: 3,
            overridden: 1,
            precisionOfFails: 0.5,
            kappa: 1,
          },
          expect.objectContaining({ ruleId: 'greeting.opening', reviewed: 2 }),
        ],
      },
    ]);
  });

  it('takes ISO times as given: a range holding week 2 alone', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/reports/agreement')
      .query({ from: '2026-11-20T00:00:00Z', to: '2026-11-25T00:00:00+08:00' })
      .use(qa);
    expect(res.body.byWeek.map((w: { week: string }) => w.week)).toEqual(['2026-11-23']);
  });

  it('answers 400 naming the field for a missing or bad range', async () => {
    const http = () => request(app.getHttpServer()).get('/api/v1/reports/agreement');
    const missing = await http().query({ to: '2027-01-01' }).use(qa);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'from' })]);
    const bad = await http().query({ from: '2026-01-01', to: 'soon' }).use(qa);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'to' })]);
    const reversed = await http().query({ from: '2027-01-01', to: '2026-01-01' }).use(qa);
    expect(reversed.status).toBe(400);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
  });

  it('shows another tenant nothing of these decisions', async () => {
    const res = await request(app.getHttpServer())
      .get('/api/v1/reports/agreement')
      .query({ from: '2026-01-01', to: '2027-01-01' })
      .use(asIdentity({ tenantId: `${tenantId}-none`, role: 'qa' }));
    expect(res.body).toMatchObject({ items: [], byWeek: [] });
  });
});

/** The same report fed by the real review API: calls scored, reviewed and finalized by a person. */
describe('agreement report after reviews through the API', () => {
  const tenantId = `agr-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa', username: 'q1' });
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    const producer = createKafka(
      'agreement-test',
      process.env.KAFKA_BROKERS!.split(','),
    ).producer();
    await producer.connect();
    await announceTenant(producer, app.get(DataSource), 'scoring', tenantId);
    // Two automatic items only: the greeting and the farewell, whose outcomes the texts decide.
    const card = defaultScorecard();
    card.items = card.items.filter((i) =>
      ['greeting.opening', 'closing.farewell'].includes(i.ruleId ?? ''),
    );
    card.sections = [{ id: 'etiquette', name: '礼仪', weight: 100 }];
    const created = await http()
      .post('/api/v1/scorecards/default/versions')
      .use(asIdentity({ tenantId, role: 'admin' }))
      .send({ definition: card, activate: true });
    if (created.status !== 201) throw new Error(`scorecard: ${created.status} ${created.text}`);
    const greet = '您好,星河通信,工号1001,很高兴为您服务';
    const bye = '感谢您的来电,再见';
    const texts: Record<string, string[]> = {
      c1: [greet, '好的', bye],
      c2: [greet, '好的'],
      c3: ['嗯', '好的', bye],
      c4: ['嗯', '好的'],
    };
    for (const [k, turns] of Object.entries(texts)) {
      const call = ingestedCall(tenantId, `${tenantId}-${k}`, [
        [1, turns[0]],
        [2, '查一下话费'],
        ...turns.slice(1).map((t) => [1, t] as [1, string]),
      ]);
      await publishEvent(
        producer,
        Topics.CallIngested,
        call.callId,
        { call, ingestedAt: '' },
        tenantId,
      );
    }
    await producer.disconnect();
  });

  afterAll(async () => {
    await app?.close();
  });

  const evaluation = (k: string) =>
    waitFor(`evaluation of ${k}`, async () => {
      const list = await http()
        .get('/api/v1/evaluations')
        .query({ callId: `${tenantId}-${k}` })
        .use(qa);
      const id = list.body.items?.[0]?.id as string | undefined;
      return id ? (await http().get(`/api/v1/evaluations/${id}`).use(qa)).body : undefined;
    });

  it('equals the figures computed by hand from the overrides made', async () => {
    const outcomes = async (k: string) => {
      const ev = await evaluation(k);
      const of = (ruleId: string) =>
        (ev.findings as { ruleId: string; outcome: string }[]).find((f) => f.ruleId === ruleId)
          ?.outcome;
      return { ev, greeting: of('greeting.opening'), farewell: of('closing.farewell') };
    };
    const all = await Promise.all(['c1', 'c2', 'c3', 'c4'].map(outcomes));
    // The engine, by construction of the texts: c1 pass/pass, c2 pass/fail, c3 fail/pass, c4 fail/fail.
    expect(all.map((o) => [o.greeting, o.farewell])).toEqual([
      ['pass', 'pass'],
      ['pass', 'fail'],
      ['fail', 'pass'],
      ['fail', 'fail'],
    ]);
    const overrides: Record<number, { ruleId: string; outcome: string; reason: string }[]> = {
      1: [{ ruleId: 'closing.farewell', outcome: 'pass', reason: 'said goodbye in other words' }],
      3: [
        { ruleId: 'greeting.opening', outcome: 'pass', reason: 'greeted before the recording' },
        { ruleId: 'closing.farewell', outcome: 'not_applicable', reason: 'the line dropped' },
      ],
    };
    for (const [i, o] of all.entries()) {
      const res = await http()
        .post(`/api/v1/evaluations/${o.ev.id}/review`)
        .use(qa)
        .send({ expectedVersion: o.ev.version, overrides: overrides[i] ?? [], finalize: true });
      expect(res.status).toBe(200);
    }
    const today = new Date().toISOString().slice(0, 10);
    const report = await http()
      .get('/api/v1/reports/agreement')
      .query({ from: today, to: today })
      .use(qa);
    // greeting: pp, pp, ff, fp → confirmed 3, precision 1/2; κ: pₒ 3/4, engine pass 1/2,
    //   human pass 3/4, pₑ = 1/2·3/4 + 1/2·1/4 = 1/2 → κ = 0.5.
    // farewell: pp, fp, pp, f→na → confirmed 2, precision 0/2 = 0; κ on 3 pairs: pₒ 2/3,
    //   engine pass 2/3, human pass 1 → pₑ = 2/3 → κ = 0.
    expect(report.body.items).toEqual([
      {
        ruleId: 'closing.farewell',
        reviewed: 4,
        confirmed: 2,
        overridden: 2,
        precisionOfFails: 0,
        kappa: 0,
      },
      {
        ruleId: 'greeting.opening',
        reviewed: 4,
        confirmed: 3,
        overridden: 1,
        precisionOfFails: 0.5,
        kappa: 0.5,
      },
    ]);
    expect(report.body.byWeek).toHaveLength(1);
    expect(report.body.byWeek[0].items).toEqual(report.body.items);
  });
});
