import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { ingestedCall } from '@qa/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { ScoredCallsRepository } from '../../apps/scoring/src/modules/calls/scored-calls.repository';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/** The re-scoring scan: keyset pages over (started_at, call_id), ties included, none twice. */
describe(ScoredCallsRepository.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('pages through a window once, in (started_at, call_id) order, with calls sharing a start', async () => {
    const tenantId = `kp-${randomUUID().slice(0, 8)}`;
    const starts = [
      '09:00:00',
      '09:00:00',
      '09:00:00',
      '09:05:00',
      '09:05:00',
      '10:00:00',
      '11:00:00',
    ];
    const calls = starts.map((t, i) =>
      ingestedCall(tenantId, `c-${String(7 - i)}`, [[1, '您好']], {
        startedAt: `2026-11-22T${t}.000Z`,
      }),
    );
    const repo = app.get(ScoredCallsRepository);
    const db = app.get(DataSource);
    await repo.saveMany(
      db.manager,
      calls.map((call) => ({ call, eventId: randomUUID() })),
    );
    const from = new Date('2026-11-22T09:00:00Z');
    const to = new Date('2026-11-22T11:00:00Z');
    const seen: string[] = [];
    let after: { startedAt: Date; callId: string } | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const { calls: page, last } = await repo.page(tenantId, from, to, after, 2);
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.callId));
      after = last;
    }
    // 11:00 is outside [from, to); ties at 09:00 and 09:05 are ordered by call id.
    expect(seen).toEqual(['c-5', 'c-6', 'c-7', 'c-3', 'c-4', 'c-2']);
    expect(await repo.countInRange(tenantId, from, to)).toBe(6);
  });
});
