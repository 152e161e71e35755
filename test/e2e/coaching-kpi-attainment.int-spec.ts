import { randomUUID } from 'node:crypto';
import { KpiUpdated, Topics } from '@qa/contracts';
import { asIdentity, waitFor } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness } from './coaching-support';
import { KpiHarness, scoredCall, sent } from './kpi-support';

/**
 * Issue 19 item 5, KPI attainment derived, not typed in: the kpi service publishes each agent's
 * month with the tenant's targets (qa.kpi.updated.v1, target/onTarget), coaching takes it in and
 * the promotion round ranks on the share of figures on target over the round's months. Both
 * services run as main.ts runs them, against the real Kafka and Postgres.
 */
describe('promotion round: KPI attainment from kpi events (kpi → coaching)', () => {
  const kpi = new KpiHarness();
  const coaching = new CoachingHarness();
  const tenantId = `pk-${randomUUID().slice(0, 8)}`;
  const admin = asIdentity({ tenantId, role: 'admin', username: 'admin-1' });
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-1' });

  const call = (agentId: string, startedAt: string, score: number, handleSeconds: number) =>
    scoredCall(tenantId, agentId, startedAt, score, handleSeconds);

  beforeAll(async () => {
    await kpi.start();
    await coaching.start();
  });
  afterAll(async () => {
    await coaching.stop();
    await kpi.stop();
  });

  it('ranks on the share of monthly KPI figures on target, with every input shown', async () => {
    // Targets first: kpi publishes each figure with the target that holds when it changes.
    await request(kpi.url)
      .put('/api/v1/kpis/targets')
      .send({ targets: { qaScoreAvg: 85, ahtSeconds: 300 } })
      .use(admin)
      .expect(200);
    // Asia/Shanghai: kpi's month buckets start at 16:00 UTC the day before the 1st.
    const tenant = sent(
      Topics.TenantUpserted,
      tenantId,
      { tenantId, name: tenantId, companyName: 'K', secondsPerRing: 3, timezone: 'Asia/Shanghai' },
      tenantId,
    );
    await kpi.publish([tenant]);
    await kpi.settle([tenant.eventId]);
    // Hand-computed, with targets qaScoreAvg ≥ 85 and ahtSeconds ≤ 300:
    //   a-1 Sep (outside the round): 50 off, 400 off — not counted;
    //   a-1 Oct: 90 on, 200 on; a-1 Nov: 80 off, 400 off → 2 of 4 = 50;
    //   a-2 Nov: 88 on, 250 on (the call on 1 Nov 02:00 Shanghai is November) → 2 of 2 = 100;
    //   a-3: no figures with a target → null (not 0).
    const facts = [
      ...call('a-1', '2026-09-20T02:00:00Z', 50, 400),
      ...call('a-1', '2026-10-15T02:00:00Z', 90, 200),
      ...call('a-1', '2026-11-10T02:00:00Z', 80, 400),
      ...call('a-2', '2026-10-31T18:00:00Z', 88, 250),
    ];
    await kpi.publish(facts);
    await kpi.settle(facts.map((e) => e.eventId));

    const { body: round } = await request(coaching.http)
      .post('/api/v1/promotion/rounds')
      .use(lead)
      .send({
        name: 'KPI 达标率竞聘',
        period: { from: '2026-10', to: '2026-11' },
        eligibility: { minGrade: 0, consecutiveMonths: 0, minBand: 'fail', noMajorIncident: true },
        weights: {
          writtenTest: 0,
          trainingCallScore: 0,
          csat: 0,
          attendance: 0,
          kpiAttainment: 100,
        },
      })
      .expect(201);
    for (const agentId of ['a-1', 'a-2', 'a-3'])
      await request(coaching.http)
        .put(`/api/v1/promotion/rounds/${round.id}/candidates/${agentId}`)
        .use(lead)
        .send({ grade: 2, majorIncident: false })
        .expect(200);

    type Item = { agentId: string; total: number; kpi: Record<string, unknown> } & {
      factors: { kpiAttainment: { raw: number | null } };
    };
    const ranking = async () =>
      (
        await request(coaching.http)
          .get(`/api/v1/promotion/rounds/${round.id}/ranking`)
          .use(lead)
          .expect(200)
      ).body as { items: Item[]; sources: Record<string, string> };
    // kpi's relay and coaching's consumer run on their own: wait for the last figures.
    const view = await waitFor(
      'coaching to hold both agents’ final figures',
      async () => {
        const v = await ranking();
        const by = new Map(v.items.map((i) => [i.agentId, i.kpi]));
        return by.get('a-1')?.withTarget === 4 && by.get('a-2')?.withTarget === 2 ? v : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    const [first, second, third] = view.items;
    expect([first.agentId, first.total, first.factors.kpiAttainment.raw]).toEqual([
      'a-2',
      100,
      100,
    ]);
    expect(second.kpi).toMatchObject({
      source: 'derived',
      derived: 50,
      entered: null,
      onTarget: 2,
      withTarget: 4,
    });
    expect(
      (
        second.kpi.figures as { month: string; kpi: string; value: number; onTarget: boolean }[]
      ).map((f) => `${f.month} ${f.kpi} ${f.value} ${f.onTarget}`),
    ).toEqual([
      '2026-10 ahtSeconds 200 true',
      '2026-10 qaScoreAvg 90 true',
      '2026-11 ahtSeconds 400 false',
      '2026-11 qaScoreAvg 80 false',
    ]);
    expect([second.agentId, second.total]).toEqual(['a-1', 50]);
    expect(third).toMatchObject({
      agentId: 'a-3',
      total: 0,
      kpi: { source: 'none', derived: null },
    });
    expect(third.factors.kpiAttainment.raw).toBeNull();
    expect(view.sources.kpiAttainment).toMatch(/qa\.kpi\.updated\.v1/);

    // An older update of a-2's November arriving late (or again) does not replace the newer one.
    const stale = sent(
      Topics.KpiUpdated,
      `${tenantId}/agent/a-2`,
      KpiUpdated.fromPartial({
        tenantId,
        scope: 'agent',
        scopeId: 'a-2',
        window: 'month',
        windowStart: '2026-10-31T16:00:00.000Z',
        values: [
          {
            name: 'qaScoreAvg',
            value: 10,
            numerator: 10,
            denominator: 1,
            target: 85,
            onTarget: false,
          },
        ],
      }),
      tenantId,
      '2026-11-01T00:00:00.000Z',
    );
    await coaching.publish([stale, stale]);
    await coaching.settled([stale]);
    expect((await ranking()).items[0]).toMatchObject({ agentId: 'a-2', kpi: { derived: 100 } });

    // A target changed after the months: kpi judges the published months again. With qaScoreAvg
    // ≥ 80, a-1's November 80 is on target → 3 of 4 = 75.
    await request(kpi.url)
      .put('/api/v1/kpis/targets')
      .send({ targets: { qaScoreAvg: 80 } })
      .use(admin)
      .expect(200);
    const after = await waitFor(
      'coaching to hold the re-judged months',
      async () => {
        const a1 = (await ranking()).items.find((i) => i.agentId === 'a-1');
        return a1?.kpi.derived === 75 ? a1 : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expect(after).toMatchObject({ total: 75, kpi: { onTarget: 3, withTarget: 4 } });

    // A hand-entered value overrides the derived one, which stays visible beside it.
    await request(coaching.http)
      .put(`/api/v1/promotion/rounds/${round.id}/candidates/a-1`)
      .use(lead)
      .send({ grade: 2, majorIncident: false, kpiAttainment: 70 })
      .expect(200);
    const csv = await request(coaching.http)
      .get(`/api/v1/promotion/rounds/${round.id}/ranking`)
      .query({ format: 'csv' })
      .use(lead)
      .expect(200);
    const [head, ...lines] = csv.text.trim().split('\n');
    const cols = head.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    expect(rows.find((r) => r.agentId === 'a-1')).toMatchObject({
      'kpiAttainment.raw': '70',
      'kpiAttainment.source': 'entered',
      'kpiAttainment.derived': '75',
      'kpiAttainment.entered': '70',
      'kpiAttainment.onTarget': '3',
      'kpiAttainment.withTarget': '4',
      total: '70',
    });
    expect(rows.find((r) => r.agentId === 'a-3')).toMatchObject({
      'kpiAttainment.raw': '',
      'kpiAttainment.source': 'none',
    });
  });
});
