import { randomUUID } from 'node:crypto';
import { Call, CallDisposition, Topics } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { AddCallDisposition1765065600000 } from '../../apps/kpi/src/migrations/1765065600000-add-call-disposition';
import { KpiHarness, sent, Sent } from './kpi-support';

const { CALL_DISPOSITION_NO_ANSWER: NO_ANSWER, CALL_DISPOSITION_BUSY: BUSY } = CallDisposition;

/**
 * Answered and unanswered calls through Kafka into the facts and out of the API: the abandon rate
 * counts unanswered inbound calls over those offered, and an unanswered call (even one an older
 * scoring scored) moves no agent figure and no ranking.
 */
describe('kpi abandon rate (real Kafka and Postgres)', () => {
  const h = new KpiHarness();
  const tenantId = `kb-${randomUUID().slice(0, 8)}`;
  const ops = { tenantId, role: 'ops' as const };
  const http = () => request(h.url);
  const now = Date.now();
  const iso = (ago: number) => new Date(now - ago).toISOString();

  const call = (agentId: string, over: Partial<Call> = {}): Sent<typeof Topics.CallIngested> => {
    const c = Call.fromPartial({
      callId: `c-${randomUUID().slice(0, 8)}`,
      tenantId,
      direction: 1,
      purpose: 1,
      agentId,
      teamId: 't-1',
      customer: { phone: '', id: 'u-1', name: '' },
      startedAt: iso(120_000),
      answeredAt: iso(115_000),
      endedAt: iso(55_000), // 60 s handled
      ringCount: 1,
      hangupBy: 1,
      relatedCallIds: [],
      ...over,
    });
    return sent(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' }, tenantId);
  };
  const unanswered = (ringMs: number) => ({ answeredAt: '', endedAt: iso(120_000 - ringMs) });
  const score = (c: Sent<typeof Topics.CallIngested>, value: number) =>
    sent(
      Topics.EvaluationScored,
      c.key,
      {
        evaluationId: randomUUID(),
        callId: c.key,
        tenantId,
        agentId: c.payload.call!.agentId,
        teamId: 't-1',
        scorecardId: 'default',
        scorecardVersion: 1,
        score: value,
        grade: '',
        findings: [],
        sections: [],
        callStartedAt: c.payload.call!.startedAt,
        answeredWithinThreeRings: false,
        forbiddenPhraseCount: 2,
        csat: 0,
        handleSeconds: 0,
        scorecardActive: true,
        callPurpose: 1,
      },
      tenantId,
    );

  beforeAll(async () => {
    await h.start();
    const answeredA1 = call('a-1');
    const answeredA2 = call('a-2');
    const abandonedA2 = call('a-2', { ...unanswered(20_000), disposition: NO_ANSWER });
    const calls = [
      answeredA1,
      answeredA2,
      abandonedA2,
      call('', unanswered(40_000)), // no disposition, no answer time: abandoned, rang at no agent
      call('a-1', { ...unanswered(10_000), disposition: BUSY }), // never rang at an agent
      call('a-1', { ...unanswered(30_000), direction: 2, disposition: NO_ANSWER }), // outbound
    ];
    // An older scoring scored the abandoned call: 0 with forbidden hits, which must count nowhere.
    const scores = [score(answeredA1, 90), score(answeredA2, 70), score(abandonedA2, 0)];
    const all = [...calls, ...scores];
    await h.publish(all);
    await h.settle(all.map((e) => e.eventId));
  });

  afterAll(() => h.stop());

  const lastDay = async (query: Record<string, string>) => {
    const res = await http()
      .get('/api/v1/kpis')
      .query({ window: 'day', ...query })
      .use(asIdentity(ops))
      .expect(200);
    return res.body.series.at(-1).values as Record<string, unknown>;
  };

  it('counts abandoned inbound calls over the inbound calls offered, with their ring time', async () => {
    expect(await lastDay({ scope: 'tenant' })).toMatchObject({
      calls: 6,
      abandonRate: 2 / 4, // 2 abandoned of 2 answered + 2 abandoned; busy and outbound not offered
      abandonedRingSecondsAvg: (20 + 40) / 2,
      ahtSeconds: 60,
      qaScoreAvg: (90 + 70) / 2,
      gradeMix: { best: 1, excellent: 0, good: 1, pass: 0, fail: 0 },
      forbiddenPer100Calls: (2 + 2) * 50,
    });
    expect(await lastDay({ scope: 'team', id: 't-1' })).toMatchObject({ abandonRate: 0.5 });
  });

  it("counts a call that rang at an agent in the agent's abandon rate, not in their QA figures", async () => {
    expect(await lastDay({ scope: 'agent', id: 'a-2' })).toMatchObject({
      abandonRate: 1 / 2,
      abandonedRingSecondsAvg: 20,
      qaScoreAvg: 70,
      ahtSeconds: 60,
    });
    expect(await lastDay({ scope: 'agent', id: 'a-1' })).toMatchObject({
      abandonRate: 0, // its busy and outbound calls were not offered
      abandonedRingSecondsAvg: null,
      qaScoreAvg: 90,
    });
    const ranking = await http().get('/api/v1/kpis/agents').use(asIdentity(ops)).expect(200);
    const a2 = ranking.body.items.find((r: { agentId: string }) => r.agentId === 'a-2');
    expect(a2).toMatchObject({ rank: 2, values: { qaScoreAvg: 70 } });
  });

  it('defines abandonRate and the ring time before abandoning in both languages', async () => {
    const res = await http().get('/api/v1/kpis/definitions').use(asIdentity(ops)).expect(200);
    const byId = new Map(res.body.items.map((d: { id: string }) => [d.id, d]));
    expect(byId.get('abandonRate')).toMatchObject({ unit: 'ratio', better: 'down' });
    expect(byId.get('abandonedRingSecondsAvg')).toMatchObject({ unit: 'seconds' });
    expect(JSON.stringify(byId.get('abandonRate'))).toMatch(/BUSY.*not offered/);
  });

  it('migrates down and up again: facts without a disposition get one from their answer time', async () => {
    const q = h.db.createQueryRunner();
    await q.startTransaction();
    try {
      const migration = new AddCallDisposition1765065600000();
      await migration.down(q);
      const columns = (await q.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'kpi'
           AND table_name IN ('call_facts', 'aggregates') AND column_name IN ('disposition', 'direction', 'offered', 'abandoned_timed')`,
      )) as unknown[];
      expect(columns).toEqual([]);
      await migration.up(q);
      const facts = (await q.query(
        `SELECT disposition, direction, count(*)::int AS n FROM kpi.call_facts WHERE tenant_id = $1
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [tenantId],
      )) as unknown[];
      // What down() dropped (busy, outbound) is derived as an older fact's would be.
      expect(facts).toEqual([
        { disposition: 'answered', direction: 'inbound', n: 2 },
        { disposition: 'no_answer', direction: 'inbound', n: 4 },
      ]);
      const [stale] = (await q.query(
        `SELECT count(*)::int AS n FROM kpi.stale_minutes WHERE tenant_id = $1`,
        [tenantId],
      )) as { n: number }[];
      expect(stale.n).toBeGreaterThan(0); // the aggregator refills the new columns
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
