import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Call, Codecs, EventHeader, EventMap, EventTopic, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { defaultScorecard } from '@qa/qa-rules';
import { announceTenant, asIdentity, ingestedCall, publishEvent, waitFor } from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { AssignEvaluationsService } from '../../apps/scoring/src/modules/assignments/assign-evaluations.service';
import { EvaluationsRepository } from '../../apps/scoring/src/modules/evaluations/evaluations.repository';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

const GOOD: [1 | 2, string][] = [
  [1, '您好,星河通信,工号1001,很高兴为您服务'],
  [2, '查一下话费'],
  [1, '好的,请问还有其他可以帮您的吗'],
  [1, '感谢您的来电,再见'],
];

interface QueueItem {
  id: string;
  evaluationId: string;
  callId: string;
  agentId: string;
  reasons: string[];
  assignee: string;
  dueAt: string;
  version: number;
  reassignments: { from: string; to: string; by: string; reason: string | null }[];
}

/**
 * Sampling policies and the review queue against the real Kafka and Postgres: calls arrive as
 * ingestion publishes them; what is sampled is counted in the assignments table.
 */
describe('review assignments (sampling policies, queue, reassignment)', () => {
  let app: INestApplication;
  let producer: Producer;
  let db: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    producer = createKafka('assign-test', process.env.KAFKA_BROKERS!.split(',')).producer();
    await producer.connect();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  const newTenant = async () => {
    const tenantId = `ra-${randomUUID().slice(0, 8)}`;
    await announceTenant(producer, db, 'scoring', tenantId);
    return {
      tenantId,
      admin: asIdentity({ tenantId, role: 'admin', username: `${tenantId}-admin` }),
      lead: asIdentity({ tenantId, role: 'lead', username: `${tenantId}-lead` }),
      qa: (username: string) => asIdentity({ tenantId, role: 'qa', username }),
      call: (over: Partial<Call> = {}, turns = GOOD) =>
        ingestedCall(tenantId, `c-${randomUUID()}`, turns, over),
      publish: <K extends EventTopic>(topic: K, key: string, payload: EventMap[K]) =>
        publishEvent(producer, topic, key, payload, tenantId),
    };
  };

  const evaluated = (tenantId: string, callIds: string[]) =>
    waitFor(`${callIds.length} evaluations`, async () => {
      const rows = (await db.query(
        `SELECT count(*)::int AS n FROM scoring.evaluations WHERE tenant_id = $1 AND call_id = ANY($2)`,
        [tenantId, callIds],
      )) as { n: number }[];
      return rows[0].n === callIds.length;
    });

  const assignments = async (tenantId: string) =>
    (await db.query(
      `SELECT call_id, agent_id, reasons, assignee FROM scoring.review_assignments
       WHERE tenant_id = $1 ORDER BY call_id`,
      [tenantId],
    )) as { call_id: string; agent_id: string; reasons: string[]; assignee: string }[];

  it('refuses a bad policy with a 400 naming each field, and lets only leads and admins in', async () => {
    const t = await newTenant();
    const bad = await http().post('/api/v1/sampling-policies').use(t.admin).send({
      name: 'p',
      share: 1.5,
      minimumPerAgent: -1,
      period: 'year',
      reviewers: [],
      dueHours: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      expect.arrayContaining(['dueHours', 'minimumPerAgent', 'period', 'reviewers', 'share']),
    );
    const zone = await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'p', reviewers: ['q1'], timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.body.errors).toEqual([expect.objectContaining({ path: 'timezone' })]);
    const byQa = await http()
      .post('/api/v1/sampling-policies')
      .use(t.qa('q1'))
      .send({ name: 'p', reviewers: ['q1'] });
    expect(byQa.status).toBe(403);
    const ok = await http()
      .post('/api/v1/sampling-policies')
      .use(t.lead)
      .send({ name: 'p', reviewers: ['q1'] });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      name: 'p',
      version: 1,
      share: 0,
      period: 'week',
      dueHours: 48,
      criticalFail: true,
      complaints: true,
      needsHumanReview: true,
    });
    const again = await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'p', reviewers: ['q2'], share: 0.1 });
    expect(again.body.version).toBe(2);
    const list = await http().get('/api/v1/sampling-policies').use(t.admin);
    expect(list.body.items).toEqual([expect.objectContaining({ version: 2, reviewers: ['q2'] })]);
    const other = await newTenant();
    expect((await http().get('/api/v1/sampling-policies').use(other.admin)).body.items).toEqual([]);
  });

  it('samples a share of each agent’s calls with a minimum per agent and period, round-robin', async () => {
    const t = await newTenant();
    await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({
        name: 'weekly',
        share: 0.25,
        minimumPerAgent: 2,
        period: 'week',
        timezone: 'UTC',
        reviewers: ['q1', 'q2'],
      })
      .expect(201);
    // a-1: ten calls in one week; a-2: three; a-1 again: one call in the next week.
    const week1 = [
      ...Array.from({ length: 10 }, () => t.call({ agentId: 'a-1' })),
      ...Array.from({ length: 3 }, () => t.call({ agentId: 'a-2' })),
    ];
    const week2 = t.call({
      agentId: 'a-1',
      startedAt: '2026-11-30T01:00:00Z',
      answeredAt: '2026-11-30T01:00:06Z',
      endedAt: '2026-11-30T01:03:00Z',
    });
    const all = [...week1, week2];
    await Promise.all(
      all.map((c) => t.publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' })),
    );
    await evaluated(
      t.tenantId,
      all.map((c) => c.callId),
    );
    const rows = await assignments(t.tenantId);
    const count = (agentId: string, reason: string) =>
      rows.filter((r) => r.agent_id === agentId && r.reasons.includes(reason)).length;
    // a-1 week 1: the first two by the minimum, the 4th and 8th by floor(k × 0.25): 4 of 10.
    // a-2: the minimum (2); floor(3 × 0.25) = 0 by share. a-1 week 2: the minimum again (1).
    expect(rows).toHaveLength(7);
    expect(count('a-1', 'minimum')).toBe(3);
    expect(count('a-1', 'share')).toBe(2);
    expect(count('a-2', 'minimum')).toBe(2);
    expect(count('a-2', 'share')).toBe(0);
    expect(rows.some((r) => r.call_id === week2.callId)).toBe(true);
    // Round-robin over two reviewers: 7 assignments split 4/3.
    const perReviewer = ['q1', 'q2'].map((q) => rows.filter((r) => r.assignee === q).length);
    expect(perReviewer.sort()).toEqual([3, 4]);
  });

  it('samples every critical fail, complaint and needs-human-review fail; the queue is due date first', async () => {
    const t = await newTenant();
    const card = defaultScorecard();
    card.items.find((i) => i.ruleId === 'forbidden.phrases')!.critical = true;
    Object.assign(
      card.items.find((i) => i.ruleId === 'closing.customer-hangs-up-first')!,
      {
        needsHumanReview: true,
      },
    );
    await http()
      .post('/api/v1/scorecards/default/versions')
      .use(t.admin)
      .send({ definition: card, activate: true })
      .expect(201);
    await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'musts', share: 0, reviewers: ['q1'], dueHours: 48 })
      .expect(201);
    const plain = [t.call(), t.call(), t.call()];
    const critical = t.call({}, [
      [1, '您好,星河通信,很高兴为您服务'],
      [1, '这个我不清楚'],
    ]);
    const complaint = t.call({ purpose: 2 });
    const flagged = t.call({ hangupBy: 2 });
    // A role play (purpose training) that fails a critical item is scored but never sampled.
    const training = t.call({ purpose: 4 }, [
      [1, '您好,星河通信,很高兴为您服务'],
      [1, '这个我不清楚'],
    ]);
    const first = [...plain, critical, complaint, flagged, training];
    for (const c of first)
      await t.publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    await evaluated(
      t.tenantId,
      first.map((c) => c.callId),
    );
    const reasonsOf = Object.fromEntries(
      (await assignments(t.tenantId)).map((r) => [r.call_id, r.reasons]),
    );
    expect(reasonsOf).toEqual({
      [critical.callId]: ['critical_fail'],
      [complaint.callId]: ['complaint'],
      [flagged.callId]: ['needs_human_review'],
    });

    // A new version of the policy with a shorter due date: its call comes first in the queue.
    await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'musts', share: 0, reviewers: ['q1'], dueHours: 2 })
      .expect(201);
    const urgent = t.call({ purpose: 2 });
    await t.publish(Topics.CallIngested, urgent.callId, { call: urgent, ingestedAt: '' });
    await evaluated(t.tenantId, [urgent.callId]);
    const queue = await http().get('/api/v1/review-queue').use(t.qa('q1'));
    expect(queue.status).toBe(200);
    const items = queue.body.items as QueueItem[];
    expect(items).toHaveLength(4);
    expect(items[0].callId).toBe(urgent.callId);
    const due = items.map((i) => i.dueAt);
    expect([...due].sort()).toEqual(due);
    // Paging by cursor walks the same order without repeats.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await http()
        .get('/api/v1/review-queue')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .use(t.qa('q1'));
      paged.push(...(page.body.items as QueueItem[]).map((i) => i.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(paged).toEqual(items.map((i) => i.id));
    // Somebody else's queue is empty; a qa asking for q1's queue still gets their own.
    expect((await http().get('/api/v1/review-queue').use(t.qa('q2'))).body.items).toEqual([]);
    const asked = await http()
      .get('/api/v1/review-queue')
      .query({ assignee: 'q1' })
      .use(t.qa('q2'));
    expect(asked.body.items).toEqual([]);
    // A finalized evaluation leaves the queue.
    await db.query(`UPDATE scoring.evaluations SET status = 'final' WHERE id = $1`, [
      items[3].evaluationId,
    ]);
    expect((await http().get('/api/v1/review-queue').use(t.qa('q1'))).body.items).toHaveLength(3);
  });

  it('assigns one evaluation once, however often its event is delivered', async () => {
    const t = await newTenant();
    await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'all', share: 1, reviewers: ['q1', 'q2'] })
      .expect(201);
    const c = t.call();
    const eventId = randomUUID();
    const send = () =>
      producer.send({
        topic: Topics.CallIngested,
        messages: [
          {
            key: c.callId,
            value: Buffer.from(
              Codecs[Topics.CallIngested].encode({ call: c, ingestedAt: '' }).finish(),
            ),
            headers: {
              [EventHeader.EventId]: eventId,
              [EventHeader.EventType]: Topics.CallIngested,
              [EventHeader.OccurredAt]: new Date().toISOString(),
              [EventHeader.TenantId]: t.tenantId,
              [EventHeader.TraceId]: c.callId,
            },
          },
        ],
      });
    await send();
    await send();
    // The same call again as a new event (a producer retry upstream).
    await t.publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    await evaluated(t.tenantId, [c.callId]);
    // A marker call on the same key (same partition, after the repeats) shows they were consumed.
    const marker = { ...t.call(), callId: c.callId.replace('c-', 'm-') };
    await t.publish(Topics.CallIngested, c.callId, { call: marker, ingestedAt: '' });
    await evaluated(t.tenantId, [marker.callId]);
    const rows = await assignments(t.tenantId);
    expect(rows.filter((r) => r.call_id === c.callId)).toHaveLength(1);
    // Asking the service again in a transaction of its own assigns nothing more either.
    const [evaluation] = await app
      .get(EvaluationsRepository)
      .list({ tenantId: t.tenantId, callId: c.callId, limit: 1 });
    const again = await db.transaction((m) =>
      app.get(AssignEvaluationsService).assignMany(m, [evaluation], new Date()),
    );
    expect(again).toEqual([]);
    expect(await assignments(t.tenantId)).toHaveLength(2);
  });

  it('lets a lead reassign, with history and a stale-version 409; qa may not, another tenant sees 404', async () => {
    const t = await newTenant();
    await http()
      .post('/api/v1/sampling-policies')
      .use(t.admin)
      .send({ name: 'all', share: 1, reviewers: ['q1'] })
      .expect(201);
    const c = t.call();
    await t.publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    await evaluated(t.tenantId, [c.callId]);
    const [item] = (await waitFor('the assignment', async () => {
      const q = await http().get('/api/v1/review-queue').use(t.qa('q1'));
      return (q.body.items as QueueItem[]).length ? q.body.items : undefined;
    })) as QueueItem[];
    const path = `/api/v1/review-queue/${item.id}/reassign`;
    expect((await http().post(path).use(t.qa('q1')).send({ assignee: 'q3' })).status).toBe(403);
    expect((await http().post(path).use(t.lead).send({})).status).toBe(400);
    const other = await newTenant();
    expect((await http().post(path).use(other.lead).send({ assignee: 'q3' })).status).toBe(404);
    const moved = await http()
      .post(path)
      .use(t.lead)
      .send({ assignee: 'q3', reason: 'q1 on leave', expectedVersion: item.version });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      assignee: 'q3',
      version: item.version + 1,
      reassignments: [{ from: 'q1', to: 'q3', by: `${t.tenantId}-lead`, reason: 'q1 on leave' }],
    });
    const stale = await http()
      .post(path)
      .use(t.admin)
      .send({ assignee: 'q4', expectedVersion: item.version });
    expect(stale.status).toBe(409);
    expect((await http().get('/api/v1/review-queue').use(t.qa('q1'))).body.items).toEqual([]);
    const q3 = await http().get('/api/v1/review-queue').use(t.qa('q3'));
    expect((q3.body.items as QueueItem[]).map((i) => i.id)).toEqual([item.id]);
    const leadView = await http().get('/api/v1/review-queue').query({ assignee: 'q3' }).use(t.lead);
    expect((leadView.body.items as QueueItem[]).map((i) => i.id)).toEqual([item.id]);
  });
  it('documents every assignment, calibration and report path with its error responses', async () => {
    const doc = (await http().get('/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const mine = ['/api/v1/sampling-policies', '/api/v1/review-queue', '/api/v1/calibrations'];
    const ops = Object.entries(doc.paths)
      .filter(
        ([path]) => mine.some((m) => path.startsWith(m)) || path.startsWith('/api/v1/reports'),
      )
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ path, method, op })),
      );
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      'GET /api/v1/calibrations',
      'GET /api/v1/calibrations/{id}',
      'GET /api/v1/calibrations/{id}/report',
      'GET /api/v1/reports/agreement',
      'GET /api/v1/review-queue',
      'GET /api/v1/sampling-policies',
      'POST /api/v1/calibrations',
      'POST /api/v1/calibrations/{id}/scores',
      'POST /api/v1/review-queue/{id}/reassign',
      'POST /api/v1/sampling-policies',
    ]);
    for (const { path, method, op } of ops) {
      const codes = Object.keys(op.responses);
      expect({
        path,
        method,
        has4xx: codes.some((c) => c.startsWith('4')),
        has2xx: codes.some((c) => c.startsWith('2')),
      }).toEqual({
        path,
        method,
        has4xx: true,
        has2xx: true,
      });
    }
  });
});
