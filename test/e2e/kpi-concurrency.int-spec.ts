import { randomUUID } from 'node:crypto';
import { Call, CallIngested, EvaluationScored } from '@qa/contracts';
import { QueryRunner } from 'typeorm';
import { AggregatesRepository } from '../../apps/kpi/src/modules/aggregates/aggregates.repository';
import { AggregationService } from '../../apps/kpi/src/modules/aggregates/aggregation.service';
import { AggregatorRunner } from '../../apps/kpi/src/modules/aggregates/aggregator.runner';
import { RecordFactsService } from '../../apps/kpi/src/modules/facts/record-facts.service';
import { KpiHarness } from './kpi-support';

const T0 = Date.parse('2026-11-24T02:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
/** Whether `p` settles within `ms` (it goes on either way). */
async function settledWithin<T>(p: Promise<T>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Which kpi writers wait for which: chunks of one tenant's different calls, a call's score beside
 * the call itself and an aggregator tick go on side by side; two writers of one call still take
 * turns (issue 14's lock contention).
 */
describe('kpi writers of one tenant (real Postgres)', () => {
  const h = new KpiHarness();
  const tenantId = `kc-${randomUUID().slice(0, 8)}`;
  const open: QueryRunner[] = [];

  const ingested = (callId: string, startedAt: number, relatedCallIds: string[] = []) => ({
    event: CallIngested.fromPartial({
      call: Call.fromPartial({
        callId,
        tenantId,
        direction: 1,
        disposition: 1,
        purpose: 1,
        agentId: 'a-1',
        teamId: 't-1',
        startedAt: iso(startedAt),
        answeredAt: iso(startedAt + 5000),
        endedAt: iso(startedAt + 65_000),
        relatedCallIds,
      }),
      ingestedAt: iso(startedAt + 70_000),
    }),
    meta: {
      eventId: randomUUID(),
      eventType: 'qa.call.ingested.v1',
      schemaVersion: '1',
      occurredAt: iso(startedAt + 70_000),
      tenantId,
      traceId: 't',
    },
  });

  /** A transaction left open, as a consumer chunk or a tick is while it works. */
  async function begin(): Promise<QueryRunner> {
    const q = h.db.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    open.push(q);
    return q;
  }
  async function commit(q: QueryRunner): Promise<void> {
    await q.commitTransaction();
    await q.release();
    open.splice(open.indexOf(q), 1);
  }

  beforeAll(async () => {
    await h.start();
  }, 120_000);
  afterAll(async () => {
    for (const q of open) await q.rollbackTransaction().then(() => q.release());
    await h.stop();
  });

  it('lets other calls and a tick through, keeps one call in turn, and stays exact', async () => {
    const record = h.app.get(RecordFactsService);
    const aggregation = h.app.get(AggregationService);
    // The service's own loop would fold the deltas this test folds by hand.
    await h.app.get(AggregatorRunner).onModuleDestroy();

    // Call A's chunk is open: a chunk of call B (same tenant, same minute) commits meanwhile.
    const a = await begin();
    await record.calls(a.manager, [ingested('A', T0)]);
    const b = await begin();
    expect(await settledWithin(record.calls(b.manager, [ingested('B', T0 + 1000)]), 15_000)).toBe(
      true,
    );
    await commit(b);
    // Call A's score is derived from evaluations alone: its chunk need not wait for A's own.
    const scored = await begin();
    const evaluation = {
      event: EvaluationScored.fromPartial({
        evaluationId: randomUUID(),
        tenantId,
        callId: 'A',
        agentId: 'a-1',
        teamId: 't-1',
        scorecardId: 'sc-1',
        scorecardVersion: 1,
        scorecardActive: true,
        score: 80,
        callStartedAt: iso(T0),
      }),
      meta: { ...ingested('A', T0).meta, eventType: 'qa.evaluation.scored.v1' },
    };
    expect(await settledWithin(record.scored(scored.manager, [evaluation]), 15_000)).toBe(true);
    await commit(scored);

    // A second chunk about call A (or following it up) waits for the first.
    const a2 = await begin();
    const a2done = record.calls(a2.manager, [ingested('C', T0 + 2000, ['A'])]);
    expect(await settledWithin(a2done, 1500)).toBe(false);
    await commit(a);
    await a2done;
    await commit(a2);

    // A tick holds the minute's deltas: a chunk queuing more for the same minute does not wait.
    const tick = await begin();
    const taken = await aggregation.aggregatePending(tick.manager, 2000);
    expect(taken.minutes).toBeGreaterThan(0);
    const d = await begin();
    expect(await settledWithin(record.calls(d.manager, [ingested('D', T0 + 3000)]), 15_000)).toBe(
      true,
    );
    await commit(d);
    await commit(tick);

    // Whatever the order, the stored minute equals the facts once the deltas are folded.
    while ((await h.db.transaction((m) => aggregation.aggregatePending(m, 2000))).minutes > 0);
    const stored = (await h.db.query(
      `SELECT calls::int, fcr_repeated::int, evaluated::int FROM kpi.aggregates
       WHERE tenant_id = $1 AND "window" = 'minute' AND scope = 'tenant' AND bucket_start = $2`,
      [tenantId, iso(T0)],
    )) as { calls: number; fcr_repeated: number; evaluated: number }[];
    const fresh = await h.app
      .get(AggregatesRepository)
      .computeFromFacts(h.db.manager, [
        { tenantId, start: new Date(T0), end: new Date(T0 + 60_000) },
      ]);
    const tenantRow = fresh.find((r) => (r as { scope?: string }).scope === 'tenant');
    expect(stored).toEqual([{ calls: 4, fcr_repeated: 1, evaluated: 1 }]);
    expect(Number(tenantRow?.calls)).toBe(4);
  }, 60_000);
});
