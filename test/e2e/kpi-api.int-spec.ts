import { randomUUID } from 'node:crypto';
import { get as httpGet, IncomingMessage } from 'node:http';
import { Call, Topics } from '@qa/contracts';
import { asIdentity, identityHeaders, IdentityInput, waitFor } from '@qa/testing';
import request from 'supertest';
import { KpiHarness, sent, Sent } from './kpi-support';

interface SseEvent {
  id: string;
  event: string;
  data: {
    scope: string;
    id: string;
    window: string;
    bucketStart: string;
    values: Record<string, unknown>;
  };
}

/** A Server-Sent Events client that records events and comment lines until closed. */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  private res?: IncomingMessage;
  private buffer = '';

  static open(base: string, path: string, identity: IdentityInput, lastEventId?: string) {
    const c = new SseClient();
    const headers: Record<string, string> = identityHeaders(identity, { method: 'GET', path });
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const req = httpGet(`${base}${path}`, { headers }, (res) => {
      c.res = res;
      c.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => c.feed(chunk));
    });
    req.on('error', () => undefined);
    return c;
  }

  private feed(chunk: string) {
    this.buffer += chunk;
    let i: number;
    while ((i = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line);
        else {
          const k = line.indexOf(':');
          fields[line.slice(0, k)] = line.slice(k + 1).trimStart();
        }
      }
      if (fields.data)
        this.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
    }
  }

  close() {
    this.res?.destroy();
  }
}

describe('kpi service API and stream (real Kafka and Postgres)', () => {
  const h = new KpiHarness();
  const tenantId = `ka-${randomUUID().slice(0, 8)}`;
  const ops = { tenantId, role: 'ops' as const };
  const started = new Date();
  const http = () => request(h.url);

  const call = (agentId: string, teamId: string, over: Partial<Call> = {}): Sent => {
    const now = Date.now();
    const c: Call = Call.fromPartial({
      callId: `c-${randomUUID().slice(0, 8)}`,
      tenantId,
      direction: 1,
      purpose: 1,
      agentId,
      teamId,
      customer: { phone: '', id: 'u-1', name: '' },
      startedAt: new Date(now - 120_000).toISOString(),
      answeredAt: new Date(now - 115_000).toISOString(),
      endedAt: new Date(now - 55_000).toISOString(),
      ringCount: 1,
      hangupBy: 1,
      segments: [],
      recordingUrl: '',
      csat: 4,
      relatedCallIds: [],
      ...over,
    });
    return sent(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' }, tenantId);
  };

  beforeAll(async () => {
    await h.start();
    const tenant = sent(
      Topics.TenantUpserted,
      tenantId,
      { tenantId, name: tenantId, companyName: 'K', secondsPerRing: 3, timezone: 'Asia/Shanghai' },
      tenantId,
    );
    const calls = [call('a-1', 't-1'), call('a-2', 't-1'), call('a-3', 't-2')];
    const scores = calls.map((c, i) => {
      const p = c.payload as { call: Call };
      return sent(
        Topics.EvaluationScored,
        c.key,
        {
          evaluationId: randomUUID(),
          callId: c.key,
          tenantId,
          agentId: p.call.agentId,
          teamId: p.call.teamId,
          scorecardId: 'default',
          scorecardVersion: 1,
          score: [95, 65, 82][i],
          grade: '',
          findings: [],
          sections: [],
          callStartedAt: p.call.startedAt,
          answeredWithinThreeRings: true,
          forbiddenPhraseCount: 0,
          csat: 4,
          handleSeconds: 60,
          scorecardActive: true,
          callPurpose: 1,
        },
        tenantId,
      );
    });
    await h.publish([tenant, ...calls, ...scores]);
    await h.settle([tenant, ...calls, ...scores].map((e) => e.eventId));
  });

  afterAll(() => h.stop());

  describe('queries', () => {
    it('answers a tenant series: counts, averages, and null where there is no data', async () => {
      const res = await http()
        .get('/api/v1/kpis')
        .query({ scope: 'tenant', window: 'day' })
        .use(asIdentity(ops))
        .expect(200);
      expect(res.body).toMatchObject({ scope: 'tenant', id: tenantId, window: 'day' });
      const last = res.body.series[res.body.series.length - 1];
      expect(last.values).toMatchObject({
        calls: 3,
        qaScoreAvg: (95 + 65 + 82) / 3,
        gradeMix: { best: 1, excellent: 1, good: 0, pass: 1, fail: 0 },
        csatAvg: 4,
        ahtSeconds: 60,
        complaintsOpened: 0,
        complaintResolutionRate: null,
        medianHoursToClose: null,
        threeRingRate: null,
      });
      expect(res.body.targets).toEqual({ complaintResolutionRate: 0.92 });
      expect(res.body.onTarget).toEqual({ complaintResolutionRate: null });
    });

    it('defines every KPI in both languages', async () => {
      const res = await http().get('/api/v1/kpis/definitions').use(asIdentity(ops)).expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(13);
      for (const d of res.body.items) {
        expect(d.name.zh && d.name.en && d.formula.zh && d.formula.en).toBeTruthy();
        expect(['up', 'down']).toContain(d.better);
      }
    });

    it.each([
      [{ scope: 'company' }, 'scope'],
      [{ window: 'week' }, 'window'],
      [{ kpis: 'happiness' }, 'kpis'],
      [{ from: '2026-11-30', to: '2026-11-01' }, 'from'],
      [{ from: 'not-a-date' }, 'from'],
      [{ window: 'minute', from: '2024-01-01', to: '2026-01-01' }, 'window'],
      [{ scope: 'team' }, 'id'],
    ])('refuses %j with a 400 naming %s', async (query, path) => {
      const res = await http().get('/api/v1/kpis').query(query).use(asIdentity(ops)).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    });

    it('shows agents their own figures and leads their team', async () => {
      const agent = { tenantId, role: 'agent' as const, agentId: 'a-1' };
      const mine = await http()
        .get('/api/v1/kpis')
        .query({ window: 'day' })
        .use(asIdentity(agent))
        .expect(200);
      expect(mine.body).toMatchObject({ scope: 'agent', id: 'a-1' });
      expect(mine.body.series.at(-1).values.qaScoreAvg).toBe(95);
      await http()
        .get('/api/v1/kpis')
        .query({ scope: 'agent', id: 'a-2' })
        .use(asIdentity(agent))
        .expect(403);
      await http()
        .get('/api/v1/kpis')
        .query({ scope: 'tenant' })
        .use(asIdentity(agent))
        .expect(403);

      const lead = { tenantId, role: 'lead' as const, teamId: 't-1' };
      const team = await http()
        .get('/api/v1/kpis')
        .query({ window: 'day' })
        .use(asIdentity(lead))
        .expect(200);
      expect(team.body).toMatchObject({ scope: 'team', id: 't-1' });
      expect(team.body.series.at(-1).values.calls).toBe(2);
      await http()
        .get('/api/v1/kpis')
        .query({ scope: 'agent', id: 'a-2' })
        .use(asIdentity(lead))
        .expect(200);
      await http()
        .get('/api/v1/kpis')
        .query({ scope: 'agent', id: 'a-3' })
        .use(asIdentity(lead))
        .expect(403);
      await http()
        .get('/api/v1/kpis')
        .query({ scope: 'team', id: 't-2' })
        .use(asIdentity(lead))
        .expect(403);
      const ranking = await http().get('/api/v1/kpis/agents').use(asIdentity(lead)).expect(200);
      expect(ranking.body.items.map((r: { agentId: string }) => r.agentId)).toEqual(['a-1', 'a-2']);
    });

    it('ranks agents for the month with the seed 002 grade', async () => {
      const month = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
      })
        .format(started)
        .slice(0, 7);
      const res = await http()
        .get('/api/v1/kpis/agents')
        .query({ month })
        .use(asIdentity(ops))
        .expect(200);
      expect(
        res.body.items.map((r: { agentId: string; grade: string; rank: number }) => [
          r.rank,
          r.agentId,
          r.grade,
        ]),
      ).toEqual([
        [1, 'a-1', 'monthly_best'],
        [2, 'a-3', 'monthly_excellent'],
        [3, 'a-2', 'pass'],
      ]);
      await http()
        .get('/api/v1/kpis/agents')
        .query({ month: '2026-13' })
        .use(asIdentity(ops))
        .expect(400);
    });

    it('keeps targets per tenant; only admins change them', async () => {
      const admin = { tenantId, role: 'admin' as const };
      await http()
        .put('/api/v1/kpis/targets')
        .send({ targets: { csatAvg: 4.5 } })
        .use(asIdentity(ops))
        .expect(403);
      const bad = await http()
        .put('/api/v1/kpis/targets')
        .send({ targets: { complaintResolutionRate: 1.5, nope: 1 } })
        .use(asIdentity(admin))
        .expect(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'targets.complaintResolutionRate',
        'targets.nope',
      ]);
      await http()
        .put('/api/v1/kpis/targets')
        .send({ targets: { csatAvg: 4.5 } })
        .use(asIdentity(admin))
        .expect(200);
      const res = await http()
        .get('/api/v1/kpis')
        .query({ window: 'day' })
        .use(asIdentity(ops))
        .expect(200);
      expect(res.body.targets).toEqual({ complaintResolutionRate: 0.92, csatAvg: 4.5 });
      expect(res.body.series.at(-1).onTarget.csatAvg).toBe(false);
    });
  });

  describe('stream', () => {
    const path = '/api/v1/kpis/stream?scope=team&id=t-1&window=day';

    it('streams the update a call makes, then resumes after a disconnect without a gap', async () => {
      const first = SseClient.open(h.url, path, ops);
      await waitFor('a heartbeat', () => first.comments.some((c) => c.startsWith(': heartbeat')), {
        timeoutMs: 5000,
      });
      expect(first.status).toBe(200);
      const c1 = call('a-1', 't-1');
      await h.publish([c1]);
      // What is asserted is that the open stream delivers the update; the timeout only stops a
      // stream that never does (freshness is measured by `npm run bench`, not asserted here).
      const ev = await waitFor(
        'the update',
        () => first.events.find((e) => e.data.values.calls === 3),
        { timeoutMs: 30_000 },
      );
      expect(ev).toMatchObject({ event: 'kpi', data: { scope: 'team', id: 't-1', window: 'day' } });
      const lastSeen = first.events.at(-1)!.id;
      first.close();

      // Missed while away: two calls and a score.
      const missed = [call('a-2', 't-1'), call('a-1', 't-1')];
      await h.publish(missed);
      await h.settle([c1, ...missed].map((e) => e.eventId));

      const second = SseClient.open(h.url, path, ops, lastSeen);
      await waitFor('the missed updates', () =>
        second.events.find((e) => e.data.values.calls === 5),
      );
      const stored = (await h.db.query(
        `SELECT id::text FROM kpi.kpi_updates WHERE tenant_id = $1 AND scope = 'team' AND scope_id = 't-1'
           AND "window" = 'day' AND id > $2 ORDER BY id`,
        [tenantId, lastSeen],
      )) as { id: string }[];
      expect(second.events.map((e) => e.id)).toEqual(stored.map((r) => r.id));
      const live = call('a-1', 't-1');
      await h.publish([live]);
      await waitFor('a live update after the resume', () =>
        second.events.find((e) => e.data.values.calls === 6),
      );
      const ids = second.events.map((e) => BigInt(e.id));
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
      second.close();
    });

    it('resumes from Last-Event-ID after the service restarts', async () => {
      const agentPath = '/api/v1/kpis/stream?scope=agent&id=a-9&window=day';
      const first = SseClient.open(h.url, agentPath, ops);
      await waitFor('the stream to open', () => first.status === 200);
      const c1 = call('a-9', 't-9');
      await h.publish([c1]);
      await waitFor('the first update', () => first.events.find((e) => e.data.values.calls === 1));
      const lastSeen = first.events.at(-1)!.id;
      first.close();
      await h.restart();
      const c2 = call('a-9', 't-9');
      await h.publish([c2]);
      await h.settle([c1, c2].map((e) => e.eventId));
      const second = SseClient.open(h.url, agentPath, ops, lastSeen);
      await waitFor('the update made while down', () =>
        second.events.find((e) => e.data.values.calls === 2),
      );
      expect(BigInt(second.events[0].id)).toBeGreaterThan(BigInt(lastSeen));
      second.close();
    });

    it('refuses a bad scope and another team', async () => {
      const bad = SseClient.open(h.url, '/api/v1/kpis/stream?scope=company', ops);
      await waitFor('an answer', () => bad.status !== 0);
      expect(bad.status).toBe(400);
      const lead = SseClient.open(h.url, '/api/v1/kpis/stream?scope=team&id=t-2', {
        tenantId,
        role: 'lead',
        teamId: 't-1',
      });
      await waitFor('an answer', () => lead.status !== 0);
      expect(lead.status).toBe(403);
      bad.close();
      lead.close();
    });
  });
});
