import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, EventHeader, EventTopic, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import {
  asIdentity,
  RecordedMessage,
  sampleCall,
  sampleTenant,
  startServices,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Kafka } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as KpiModule } from '../../apps/kpi/src/app.module';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/** What `toISOString()` writes: UTC, milliseconds, `Z`. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The `occurred-at` header on every topic one complaint call sets off, read off the wire: UTC ISO
 * and the time the README names for that topic (the call's end, the evaluation's creation, the
 * ticket's transition, the callback, the KPI recomputation, the tenant change).
 */
describe('occurred-at on every topic of a pipeline run', () => {
  const tenantId = `et-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-et' });
  const apps: INestApplication[] = [];
  let gateway: INestApplication;
  let kafka: Kafka;
  let recorder: TopicRecorder;
  const topics = Object.values(Topics).filter((t) => t !== Topics.CallRaw) as EventTopic[];

  beforeAll(async () => {
    apps.push(
      ...(await startServices([
        [IngestionModule, ingestionServiceOptions],
        [ScoringModule, scoringServiceOptions],
        [ComplaintsModule, complaintsServiceOptions],
        [KpiModule, kpiServiceOptions],
      ])),
    );
    // Imported late: the gateway reads its service URLs while its module file is evaluated.
    const { AppModule } = await import('../../apps/gateway/src/app.module');
    const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
    gateway = await createService(AppModule, gatewayServiceOptions);
    await gateway.listen(0);
    kafka = createKafka('event-times-test', process.env.KAFKA_BROKERS!.split(','));
    recorder = new TopicRecorder(kafka, topics);
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await gateway?.close();
    for (const app of apps.reverse()) await app.close();
  });

  const header = (m: RecordedMessage) => m.message.headers?.[EventHeader.OccurredAt]?.toString();
  const decode = <K extends EventTopic>(topic: K, m: RecordedMessage) =>
    Codecs[topic].decode(m.message.value!);
  const ofTenant = (topic: EventTopic) =>
    recorder.messages.filter(
      (m) =>
        m.topic === topic && m.message.headers?.[EventHeader.TenantId]?.toString() === tenantId,
    );

  it('is UTC ISO and the documented time on each topic', async () => {
    const [ingestion, scoring, complaints] = apps;
    const db = apps[0].get(DataSource);

    // qa.tenant.upserted.v1: the change, made through the gateway.
    const admin = await request(gateway.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: process.env.ADMIN_PASSWORD ?? 'admin' });
    const before = Date.now();
    const created = await request(gateway.getHttpServer())
      .post('/api/v1/tenants')
      .auth(admin.body.accessToken, { type: 'bearer' })
      .send(sampleTenant(tenantId));
    expect(created.status).toBe(201);
    const after = Date.now();

    // A complaint call: ingested, scored, detected; the ticket opens by itself.
    const callId = `c-${randomUUID()}`;
    const posted = await request(ingestion.getHttpServer())
      .post('/api/v1/calls')
      .use(qa)
      .send(
        sampleCall({
          callId,
          tenantId,
          agentId: 'a-et',
          teamId: 't-et',
          customer: { phone: '13800138000', id: 'u-et' },
          startedAt: '2026-11-30T09:00:00+08:00',
          answeredAt: '2026-11-30T09:00:05+08:00',
          endedAt: '2026-11-30T09:03:00.250+08:00',
          segments: [
            { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司,很高兴为您服务' },
            { speaker: 'customer', startMs: 3500, endMs: 8000, text: '宽带断了三天,我要投诉' },
            {
              speaker: 'agent',
              startMs: 8500,
              endMs: 12000,
              text: '非常抱歉,明天上午十点前给您回复',
            },
          ],
        }),
      );
    expect(posted.status).toBe(201);
    const ticket = await waitFor(
      'the ticket of the complaint call',
      async () =>
        (
          await request(complaints.getHttpServer())
            .get('/api/v1/complaints')
            .query({ callId })
            .use(lead)
        ).body.items?.[0],
      { timeoutMs: 60_000 },
    );
    // Worked to closure: transitions, the callback scheduled on resolve, the callback done.
    let version = ticket.version as number;
    for (const to of ['accepted', 'investigating', 'solution_proposed', 'resolved']) {
      const r = await request(complaints.getHttpServer())
        .post(`/api/v1/complaints/${ticket.id}/transitions`)
        .use(lead)
        .send({ to, reason: 'worked', expectedVersion: version });
      expect({ to, status: r.status }).toEqual({ to, status: 200 });
      version = r.body.version;
    }
    const callback = await request(complaints.getHttpServer())
      .post(`/api/v1/complaints/${ticket.id}/callbacks`)
      .use(lead)
      .send({ outcome: 'reached', satisfaction: 5, problemSolved: true });
    expect(callback.status).toBe(201);

    const wanted: EventTopic[] = [
      Topics.TenantUpserted,
      Topics.CallIngested,
      Topics.EvaluationScored,
      Topics.ComplaintDetected,
      Topics.ComplaintOpened,
      Topics.ComplaintTransitioned,
      Topics.CallbackScheduled,
      Topics.CallbackCompleted,
      Topics.KpiUpdated,
    ];
    await waitFor(
      'an event of the run on every topic',
      () => wanted.every((t) => ofTenant(t).length > 0),
      { timeoutMs: 60_000 },
    );
    const seen = recorder.messages.filter((m) => wanted.includes(m.topic as EventTopic));
    for (const m of seen.filter((x) => ofTenant(x.topic as EventTopic).includes(x)))
      expect({ topic: m.topic, occurredAt: header(m) }).toEqual({
        topic: m.topic,
        occurredAt: expect.stringMatching(UTC_ISO),
      });

    const callEnd = '2026-11-30T01:03:00.250Z';
    const one = (topic: EventTopic) => ofTenant(topic)[0];
    const at = Date.parse(header(one(Topics.TenantUpserted))!);
    expect(at >= before - 1 && at <= after + 1).toBe(true);
    expect(header(one(Topics.CallIngested))).toBe(callEnd);
    expect(header(one(Topics.ComplaintDetected))).toBe(callEnd);
    const listed = (
      await request(scoring.getHttpServer()).get('/api/v1/evaluations').query({ callId }).use(qa)
    ).body.items[0];
    const evaluation = (
      await request(scoring.getHttpServer()).get(`/api/v1/evaluations/${listed.id}`).use(qa)
    ).body;
    expect(header(one(Topics.EvaluationScored))).toBe(evaluation.createdAt);
    const opened = one(Topics.ComplaintOpened);
    expect(header(opened)).toBe(decode(Topics.ComplaintOpened, opened).openedAt);
    for (const m of ofTenant(Topics.ComplaintTransitioned))
      expect(header(m)).toBe(decode(Topics.ComplaintTransitioned, m).at);
    const detail = (
      await request(complaints.getHttpServer()).get(`/api/v1/complaints/${ticket.id}`).use(lead)
    ).body;
    const scheduledAt = detail.history.find(
      (h: { to: string }) => h.to === 'callback_scheduled',
    ).at;
    expect(header(one(Topics.CallbackScheduled))).toBe(new Date(scheduledAt).toISOString());
    const done = one(Topics.CallbackCompleted);
    expect(header(done)).toBe(decode(Topics.CallbackCompleted, done).doneAt);
    const updates = (await db.query(
      `SELECT scope, scope_id, created_at FROM kpi.kpi_updates WHERE tenant_id = $1`,
      [tenantId],
    )) as { scope: string; scope_id: string; created_at: Date }[];
    for (const m of ofTenant(Topics.KpiUpdated)) {
      const key = m.message.key!.toString();
      expect(
        updates
          .filter((u) => `${tenantId}/${u.scope}/${u.scope_id}` === key)
          .map((u) => u.created_at.toISOString()),
      ).toContain(header(m));
    }
  });
});
