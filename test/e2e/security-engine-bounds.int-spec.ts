import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { EventMap, EventTopic, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import {
  defaultScorecard,
  heaviestCallWork,
  MAX_HITS_PER_SEGMENT,
  MAX_PHRASES_PER_LIST,
  MAX_PROBES_PER_HIT,
  resetCallWork,
  ScorecardDefinition,
} from '@qa/qa-rules';
import { announceTenant, asIdentity, ingestedCall, publishEvent, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/**
 * Security review finding #4: one tenant admin stalled scoring for every tenant with twenty nested
 * phrases and a 1,500-character segment (1.3 s of blocked event loop per call), and a
 * 70,000-phrase list was accepted. The bounds are checked by counted work, not by a clock.
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

  it('scores the pathological calls with counted work capped per segment and linear in the hits', async () => {
    const nested = Array.from({ length: 20 }, (_, i) => '啊'.repeat(i + 1));
    const saved = await request(app.getHttpServer())
      .post('/api/v1/scorecards')
      .use(admin)
      .send({ key: 'nested', definition: cardWithForbidden(nested), activate: true });
    expect(saved.status).toBe(201);

    resetCallWork();
    const callIds = Array.from({ length: 3 }, () => `c-${randomUUID()}`);
    for (const callId of callIds) {
      const text = '啊'.repeat(1500);
      const call = ingestedCall(tenantId, callId, [
        [1, text],
        [2, text],
      ]);
      await publish(Topics.CallIngested, callId, { call, ingestedAt: '2026-11-22T01:03:01Z' });
    }
    await waitFor('the pathological calls scored', async () => {
      const lists = await Promise.all(
        callIds.map((callId) =>
          request(app.getHttpServer()).get('/api/v1/evaluations').query({ callId }).use(qa),
        ),
      );
      return lists.every((l) => l.body.items?.length === 1);
    });
    // The costliest call the service scored: one of these, cut off at the per-segment cap.
    // Quadratic nesting over ~30,000 hits a segment blocked the event loop 1.3 s per call.
    const work = heaviestCallWork();
    expect([work.charsScanned, work.maxSegmentHits]).toEqual([3000, MAX_HITS_PER_SEGMENT]);
    expect(work.hits).toBeLessThanOrEqual(2 * MAX_HITS_PER_SEGMENT);
    expect(work.probes).toBeLessThanOrEqual(MAX_PROBES_PER_HIT * work.hits);
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
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
