import { randomUUID } from 'node:crypto';
import { Call, KpiUpdated, Topics } from '@qa/contracts';
import { TopicRecorder, waitFor } from '@qa/testing';
import { RebuildService } from '../../apps/kpi/src/modules/aggregates/rebuild.service';
import { KpiHarness, sent } from './kpi-support';

/** The rebuild finds and corrects what does not match the facts, and publishes the corrections. */
describe('kpi rebuild (real Kafka and Postgres)', () => {
  const h = new KpiHarness();
  const tenantId = `kr-${randomUUID().slice(0, 8)}`;
  const T0 = Date.parse('2026-11-23T02:00:00Z');
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await h.start();
    recorder = new TopicRecorder(h.kafka, [Topics.KpiUpdated]);
    await recorder.start();
    const events = [0, 1, 2].map((i) => {
      const call = Call.fromPartial({
        callId: `c-${randomUUID().slice(0, 8)}`,
        tenantId,
        purpose: 1,
        agentId: 'a-1',
        teamId: 't-1',
        startedAt: new Date(T0 + i * 90_000).toISOString(),
        answeredAt: new Date(T0 + i * 90_000 + 5000).toISOString(),
        endedAt: new Date(T0 + i * 90_000 + 65_000).toISOString(),
      });
      return sent(Topics.CallIngested, call.callId, { call, ingestedAt: '' }, tenantId);
    });
    await h.publish(events);
    await h.settle(events.map((e) => e.eventId));
  });

  afterAll(async () => {
    await recorder?.stop();
    await h.stop();
  });

  it('publishes qa.kpi.updated.v1 for every changed bucket, keyed by tenant/scope/id', async () => {
    await waitFor('the tenant update', () =>
      recorder.withKey(Topics.KpiUpdated, `${tenantId}/tenant/${tenantId}`).length >= 4
        ? true
        : undefined,
    );
    // The team's updates may come in a later send of the relay than the tenant's.
    await waitFor('the team update', () =>
      recorder.withKey(Topics.KpiUpdated, `${tenantId}/team/t-1`).length >= 4 ? true : undefined,
    );
    // The day bucket's last update carries all three calls, each handled for 60 s.
    const aht = await waitFor('the day update with the three calls', () =>
      recorder
        .withKey(Topics.KpiUpdated, `${tenantId}/tenant/${tenantId}`)
        .map((m) => KpiUpdated.decode(m.message.value!))
        .filter((e) => e.window === 'day')
        .flatMap((e) => e.values)
        .find((v) => v.name === 'ahtSeconds' && v.denominator === 3),
    );
    expect(aht).toMatchObject({ value: 60, numerator: 180, denominator: 3 });
  });

  it('reports and corrects a tampered, a missing and a stray bucket, then finds nothing more', async () => {
    const day = new Date('2026-11-22T16:00:00Z');
    await h.db.query(
      `UPDATE kpi.aggregates SET calls = 999 WHERE tenant_id = $1 AND "window" = 'day' AND scope = 'tenant'`,
      [tenantId],
    );
    await h.db.query(
      `DELETE FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'minute' AND scope = 'agent'
         AND bucket_start = $2`,
      [tenantId, new Date(T0)],
    );
    await h.db.query(
      `INSERT INTO kpi.aggregates SELECT tenant_id, "window", scope, scope_id, bucket_start + interval '3 days',
         team_id, calls, answered, handle_seconds_sum, csat_count, csat_sum, fcr_repeated, evaluated,
         score_sum, grade_best, grade_excellent, grade_good, grade_pass, grade_fail, three_ring_pass,
         three_ring_applied, forbidden_hits, complaints_opened, complaints_resolved, complaints_repeat,
         complaints_closed, median_hours_to_close, callbacks_due, callbacks_on_time, callback_csat_count,
         callback_csat_sum, sla_breaches
       FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'day' AND scope = 'team'`,
      [tenantId],
    );
    const rebuild = h.app.get(RebuildService);
    const period = {
      from: new Date('2026-11-20T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      tenantId,
    };
    const report = await rebuild.rebuild(period);
    expect(report.corrected).toBe(3);
    expect(report.byWindow).toEqual({ minute: 1, hour: 0, day: 2, month: 0 });
    expect(report.examples).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          window: 'day',
          scope: 'tenant',
          bucketStart: day.toISOString(),
          removed: false,
        }),
        expect.objectContaining({ window: 'day', scope: 'team', removed: true }),
        expect.objectContaining({ window: 'minute', scope: 'agent', id: 'a-1', removed: false }),
      ]),
    );
    const [row] = (await h.db.query(
      `SELECT calls FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'day' AND scope = 'tenant'`,
      [tenantId],
    )) as { calls: string }[];
    expect(Number(row.calls)).toBe(3);
    expect((await rebuild.rebuild(period)).corrected).toBe(0);
  });
});
