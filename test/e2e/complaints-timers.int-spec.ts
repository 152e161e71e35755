import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { createService } from '@qa/platform';
import { asIdentity, sleep, waitFor } from '@qa/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { SettingsRepository } from '../../apps/complaints/src/modules/settings/settings.repository';
import { SlaBreachService } from '../../apps/complaints/src/modules/sla/sla-breach.service';
import { TicketWorkflow } from '../../apps/complaints/src/modules/tickets/ticket-workflow';
import { TicketsRepository } from '../../apps/complaints/src/modules/tickets/tickets.repository';

/**
 * SLA timers are BullMQ delayed jobs in the real Redis. The service that set them is closed, the
 * deadlines pass with no worker running, then the service comes back (twice): each timer fires
 * exactly once, and a ticket that moved on in the meantime is left alone.
 */
describe('complaint SLA timers across restarts', () => {
  const tenantId = `ct-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-zhao' });
  const start = async () => {
    const app = await createService(AppModule, complaintsServiceOptions);
    await app.listen(0);
    return app;
  };

  const breachCounts = async (app: INestApplication, ids: string[]) => {
    const db = app.get(DataSource);
    const rows = (await db.query(
      `SELECT t.id, t.status, jsonb_array_length(t.breached) AS breaches,
         (SELECT count(*)::int FROM complaints.notifications n WHERE n.ticket_id = t.id) AS notes,
         (SELECT count(*)::int FROM complaints.outbox o WHERE o.key = t.id::text AND o.topic = $2) AS events
       FROM complaints.tickets t WHERE t.id = ANY($1)`,
      [ids, Topics.ComplaintSlaBreached],
    )) as { id: string; status: string; breaches: number; notes: number; events: number }[];
    return new Map(rows.map((r) => [r.id, r]));
  };

  it('fires each delayed timer exactly once after the worker was closed and restarted', async () => {
    let app = await start();
    const http = () => request(app.getHttpServer());
    const put = await http()
      .put('/api/v1/complaints/settings')
      .use(lead)
      .send({ sla: { accept: { basis: 'calendar', minutes: 0.08 } } }); // 4.8 s
    expect(put.status).toBe(200);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await http()
        .post('/api/v1/complaints')
        .use(lead)
        .send({ customer: { id: `u-t${i}` }, category: 'timers', description: `#${i}` });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const [, , acceptedInTime] = ids;
    await app.close(); // the worker is gone while the timers are delayed

    app = await start();
    const accept = await http()
      .post(`/api/v1/complaints/${acceptedInTime}/transitions`)
      .use(lead)
      .send({ to: 'accepted', reason: 'in time', expectedVersion: 1 });
    expect(accept.status).toBe(200);
    await app.close();
    await sleep(5500); // the deadlines pass with no worker running

    app = await start();
    await waitFor('both late tickets escalated', async () => {
      const rows = await breachCounts(app, ids);
      return ids.slice(0, 2).every((id) => rows.get(id)?.status === 'escalated');
    });
    await app.close();
    app = await start(); // its start-up resync re-adds the same job ids
    await sleep(2500);
    const rows = await breachCounts(app, ids);
    for (const id of ids.slice(0, 2))
      expect(rows.get(id)).toMatchObject({ status: 'escalated', breaches: 1, notes: 1, events: 1 });
    expect(rows.get(acceptedInTime)).toMatchObject({
      status: 'accepted',
      breaches: 0,
      notes: 0,
      events: 0,
    });

    const listed = await http().get('/api/v1/complaints').query({ category: 'timers' }).use(lead);
    expect(
      listed.body.items
        .slice(0, 2)
        .map((t: { id: string }) => t.id)
        .sort(),
    ).toEqual(ids.slice(0, 2).sort());
    expect(listed.body.items[0].sla).toMatchObject({
      overdue: true,
      breached: [expect.objectContaining({ purpose: 'accept' })],
    });
    const overdue = await http()
      .get('/api/v1/complaints')
      .query({ category: 'timers', overdue: 'true' })
      .use(lead);
    expect(overdue.body.items).toHaveLength(2);
    const detail = await http().get(`/api/v1/complaints/${ids[0]}`).use(lead);
    expect(detail.body.history.at(-1)).toMatchObject({
      by: 'system',
      from: 'open',
      to: 'escalated',
    });
    await app.close();
  });

  it('breaches a passed deadline whose timer has not fired when the ticket moves, once', async () => {
    const app = await start();
    const http = () => request(app.getHttpServer());
    const put = await http()
      .put('/api/v1/complaints/settings')
      .use(lead)
      .send({ sla: { accept: { basis: 'calendar', minutes: 10 } } });
    expect(put.status).toBe(200);
    const opened = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer: { id: 'u-late' }, category: 'late-move', description: 'late' });
    expect(opened.status).toBe(201);
    const id: string = opened.body.id;
    const acceptBy = Date.parse(opened.body.sla.acceptBy);
    // Accepted a minute after the deadline, before its timer fired (a restart, a Redis outage).
    const late = new Date(acceptBy + 60_000);
    const db = app.get(DataSource);
    const tickets = app.get(TicketsRepository);
    await db.transaction(async (manager) => {
      const t = (await tickets.lock(manager, tenantId, id))!;
      const { settings } = await app.get(SettingsRepository).get(tenantId, manager);
      await app
        .get(TicketWorkflow)
        .move(manager, t, 'accepted', {
          actor: 'lead-zhao',
          reason: 'late',
          now: late,
          traceId: 'late',
          settings,
        });
      await tickets.update(manager, t);
    });
    expect((await breachCounts(app, [id])).get(id)).toMatchObject({
      status: 'accepted',
      breaches: 1,
      notes: 1,
      events: 1,
    });
    // The timer fires afterwards: nothing more.
    const outcome = await app
      .get(SlaBreachService)
      .fire(
        { tenantId, ticketId: id, purpose: 'accept', dueAt: new Date(acceptBy).toISOString() },
        new Date(acceptBy + 120_000),
      );
    expect(outcome).not.toBe('breached');
    expect((await breachCounts(app, [id])).get(id)).toMatchObject({
      breaches: 1,
      notes: 1,
      events: 1,
    });
    const detail = await http().get(`/api/v1/complaints/${id}`).use(lead);
    expect(detail.body.sla.breached).toEqual([
      expect.objectContaining({ purpose: 'accept', dueAt: new Date(acceptBy).toISOString() }),
    ]);
    await app.close();
  });
});
