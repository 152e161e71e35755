import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { EventMap, EventTopic, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { defaultScorecard, MAX_PHRASES_PER_LIST, ScorecardDefinition } from '@qa/qa-rules';
import { announceTenant, asIdentity, ingestedCall, publishEvent, sleep } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/**
 * Security review finding #4: one tenant admin stalled scoring for every tenant with twenty nested
 * phrases and a 1,500-character segment (1.3 s of blocked event loop per call), and a
 * 70,000-phrase list was accepted.
 */
describe('security: bounded engine work per tenant (finding #4)', () => {
  const tenantId = `sb-${randomUUID().slice(0, 8)}`;
  const admin = asIdentity({ tenantId, role: 'admin' });
  const qa = asIdentity({ tenantId, role: 'qa' });
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;

  const cardWithForbidden = (forbidden: string[]): ScorecardDefinition => {
    const card = defaultScorecard();
    const item = card.items.find((i) => i.ruleId === 'forbidden.phrases')!;
    item.phrases = { ...item.phrases, forbidden };
    return card;
  };

  const publish = <K extends EventTopic>(topic: K, key: string, payload: EventMap[K]) =>
    publishEvent(producer, topic, key, payload, tenantId);

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    kafka = createKafka('scoring-bounds-test', process.env.KAFKA_BROKERS!.split(','));
    producer = kafka.producer();
    await producer.connect();
    await announceTenant(producer, app.get(DataSource), 'scoring', tenantId);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  it('refuses a 70,000-phrase list at save with 422 naming the path and the limit', async () => {
    const card = cardWithForbidden(Array.from({ length: 70_000 }, (_, i) => `词${i}`));
    const item = card.items.findIndex((i) => i.ruleId === 'forbidden.phrases');
    const res = await request(app.getHttpServer())
      .post('/api/v1/scorecards')
      .use(admin)
      .send({ key: 'huge', definition: card });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        {
          path: `items.${item}.phrases.forbidden`,
          message: `has 70000 phrases; a list may have at most ${MAX_PHRASES_PER_LIST} (limit maxPhrasesPerList)`,
        },
      ]),
    );
    const listed = await request(app.getHttpServer()).get('/api/v1/scorecards').use(qa);
    expect(listed.body.map((c: { key: string }) => c.key)).not.toContain('huge');
  });

  it('keeps the event loop responsive while it scores the pathological calls', async () => {
    const nested = Array.from({ length: 20 }, (_, i) => '啊'.repeat(i + 1));
    const saved = await request(app.getHttpServer())
      .post('/api/v1/scorecards')
      .use(admin)
      .send({ key: 'nested', definition: cardWithForbidden(nested), activate: true });
    expect(saved.status).toBe(201);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const callIds = Array.from({ length: 3 }, () => `c-${randomUUID()}`);
    for (const callId of callIds) {
      const text = '啊'.repeat(1500);
      const call = ingestedCall(tenantId, callId, [
        [1, text],
        [2, text],
      ]);
      await publish(Topics.CallIngested, callId, { call, ingestedAt: '2026-11-22T01:03:01Z' });
    }
    const healthMs: number[] = [];
    let scored = 0;
    while (scored < callIds.length) {
      const t0 = process.hrtime.bigint();
      const health = await request(app.getHttpServer()).get('/health');
      healthMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      expect(health.status).toBe(200);
      const lists = await Promise.all(
        callIds.map((callId) =>
          request(app.getHttpServer()).get('/api/v1/evaluations').query({ callId }).use(qa),
        ),
      );
      scored = lists.filter((l) => l.body.items?.length === 1).length;
      if (healthMs.length > 600) throw new Error('the pathological calls were never scored');
      await sleep(50);
    }
    delay.disable();
    // Quadratic nesting blocked the loop 1.3 s per call; linear work keeps it to milliseconds.
    expect(delay.max / 1e6).toBeLessThan(300);
    expect(Math.max(...healthMs)).toBeLessThan(1000);
    const ev = await request(app.getHttpServer())
      .get('/api/v1/evaluations')
      .query({ callId: callIds[0] })
      .use(qa);
    const detail = await request(app.getHttpServer())
      .get(`/api/v1/evaluations/${ev.body.items[0].id}`)
      .use(qa);
    const forbidden = detail.body.findings.find(
      (f: { ruleId: string }) => f.ruleId === 'forbidden.phrases',
    );
    expect(forbidden.outcome).toBe('fail');
  });
});
