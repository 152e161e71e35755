import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { EventHeader, Topics } from '@qa/contracts';
import { createService } from '@qa/platform';
import { announceTenant, asIdentity, sampleCall, TopicRecorder, waitFor } from '@qa/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';
import { KpiHarness } from './kpi-support';

/**
 * A training call (role play, 模拟通话) through the real pipeline: ingestion accepts it, scoring
 * scores it as usual, and no KPI moves. A service call beside it shows what would move.
 */
describe('training calls (ingestion → scoring → kpi)', () => {
  const tenantId = `tr-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const ops = asIdentity({ tenantId, role: 'ops' });
  const kpi = new KpiHarness();
  let ingestion: INestApplication;
  let scoring: INestApplication;
  let recorder: TopicRecorder;

  const call = (callId: string, purpose: string) => {
    const started = Date.now() - 10 * 60_000;
    const at = (s: number) => new Date(started + s * 1000).toISOString();
    return sampleCall({
      callId,
      tenantId,
      purpose,
      startedAt: at(0),
      answeredAt: at(5),
      endedAt: at(60),
      csat: 2,
      segments: [
        {
          speaker: 'agent',
          startMs: 0,
          endMs: 3000,
          text: '您好,星河通信,工号1001,很高兴为您服务',
        },
        { speaker: 'customer', startMs: 3500, endMs: 8000, text: '你们这个服务太差了,我要投诉' },
        {
          speaker: 'agent',
          startMs: 8500,
          endMs: 12000,
          text: '非常抱歉给您带来不便,感谢来电,再见',
        },
      ],
    });
  };

  const evaluationOf = (callId: string) =>
    waitFor(`the evaluation of ${callId}`, async () => {
      const res = await request(scoring.getHttpServer())
        .get('/api/v1/evaluations')
        .query({ callId })
        .use(qa);
      return (res.body.items as { id: string; callId: string; score: number }[] | undefined)?.[0];
    });

  /** The events the kpi service must have consumed before its figures can be read. */
  const eventIds = (topic: string, key: string) =>
    recorder
      .withKey(topic, key)
      .map((m) => m.message.headers?.[EventHeader.EventId]?.toString() ?? '');

  beforeAll(async () => {
    ingestion = await createService(IngestionModule, ingestionServiceOptions);
    await ingestion.listen(0);
    scoring = await createService(ScoringModule, scoringServiceOptions);
    await scoring.listen(0);
    await kpi.start();
    recorder = new TopicRecorder(kpi.kafka, [
      Topics.CallIngested,
      Topics.EvaluationScored,
      Topics.ComplaintDetected,
    ]);
    await recorder.start();
    await announceTenant(kpi.producer, scoring.get(DataSource), 'scoring', tenantId);
  });

  afterAll(async () => {
    await recorder?.stop();
    await kpi.stop();
    await scoring?.close();
    await ingestion?.close();
  });

  it('accepts and scores a training call, opens no complaint and moves no KPI', async () => {
    const service = call(`c-${randomUUID().slice(0, 8)}`, 'service');
    const training = call(`c-${randomUUID().slice(0, 8)}`, 'training');
    for (const body of [service, training])
      await request(ingestion.getHttpServer())
        .post('/api/v1/calls')
        .use(qa)
        .send(body)
        .expect(201, { callId: body.callId, status: 'accepted' });
    const stored = await request(ingestion.getHttpServer())
      .get(`/api/v1/calls/${training.callId}`)
      .use(qa)
      .expect(200);
    expect(stored.body.purpose).toBe('training');

    // Scored like any call (its evaluation exists) …
    const trainingEval = await evaluationOf(training.callId);
    expect(trainingEval.callId).toBe(training.callId);
    await evaluationOf(service.callId);

    // … and the kpi service has taken in both calls and both scores.
    const ids = await waitFor('both calls and both scores on the wire', () => {
      const all = [service, training].flatMap((c) => [
        ...eventIds(Topics.CallIngested, c.callId),
        ...eventIds(Topics.EvaluationScored, c.callId),
      ]);
      return all.length === 4 ? all : undefined;
    });
    await kpi.settle(ids);

    // The same words open a ticket for the service call, none for the role play.
    await waitFor('the service call complaint', () =>
      recorder.withKey(Topics.ComplaintDetected, service.callId).length === 1 ? true : undefined,
    );
    expect(recorder.withKey(Topics.ComplaintDetected, training.callId)).toEqual([]);

    // Every figure is the service call's alone.
    const serviceEval = await evaluationOf(service.callId);
    for (const [scope, id] of [
      ['tenant', tenantId],
      ['team', 't-1'],
      ['agent', 'a-1'],
    ]) {
      const res = await request(kpi.url)
        .get('/api/v1/kpis')
        .query({ scope, id, window: 'day' })
        .use(ops)
        .expect(200);
      const days = (res.body.series as { values: Record<string, unknown> }[]).filter(
        (b) => b.values.calls !== null && b.values.calls !== 0,
      );
      expect(days).toHaveLength(1);
      expect(days[0].values).toMatchObject({
        calls: 1,
        qaScoreAvg: serviceEval.score,
        csatAvg: 2,
        ahtSeconds: 55,
      });
    }
  });
});
