import type { Client } from 'pg';
import { Topics } from '@qa/contracts';

/** One printed line of the result: a count, and whether it is what it must be. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Expected {
  tenantId: string;
  /** Every call the gateway answered accepted or duplicate for (stored), and whether answered. */
  accepted: Map<string, { answered: boolean }>;
  /** Callback calls posted for tickets of the plan `callback`: call id → the original call. */
  callbackCalls: Map<string, string>;
  noAnswerTickets: Set<string>;
}

const sample = (xs: string[]) => (xs.length ? ` e.g. ${xs.slice(0, 3).join(', ')}` : '');
const q = async <T>(db: Client, sql: string, args: unknown[] = []) =>
  (await db.query(sql, args)).rows as T[];

/** Each accepted call stored once and scored exactly once per scorecard version. */
export async function callChecks(db: Client, e: Expected): Promise<Check[]> {
  const stored = await q<{ call_id: string }>(
    db,
    `SELECT call_id FROM ingestion.calls WHERE tenant_id = $1`,
    [e.tenantId],
  );
  const storedIds = new Set(stored.map((r) => r.call_id));
  const missing = [...e.accepted.keys()].filter((id) => !storedIds.has(id));
  const stray = [...storedIds].filter((id) => !e.accepted.has(id));
  const evals = await q<{ call_id: string; version: number; n: number }>(
    db,
    `SELECT call_id, scorecard_version AS version, count(*)::int AS n FROM scoring.evaluations
     WHERE tenant_id = $1 GROUP BY 1, 2`,
    [e.tenantId],
  );
  const answered = [...e.accepted].filter(([, c]) => c.answered).map(([id]) => id);
  const versions = [...new Set(evals.map((r) => r.version))].sort();
  const checks: Check[] = [
    {
      name: 'calls stored = calls accepted',
      ok: missing.length === 0 && stray.length === 0,
      detail: `${storedIds.size} stored / ${e.accepted.size} accepted; missing ${missing.length}${sample(missing)}; unexpected ${stray.length}${sample(stray)}`,
    },
  ];
  for (const v of versions.length ? versions : [1]) {
    const of = evals.filter((r) => r.version === v);
    const byCall = new Map(of.map((r) => [r.call_id, r.n]));
    const none = answered.filter((id) => !byCall.has(id));
    const twice = of.filter((r) => r.n > 1).map((r) => r.call_id);
    const unanswered = of.filter((r) => e.accepted.get(r.call_id)?.answered === false);
    checks.push({
      name: `exactly one evaluation per answered call (scorecard version ${v})`,
      ok: none.length === 0 && twice.length === 0 && unanswered.length === 0,
      detail: `${of.length} evaluated / ${answered.length} answered calls; none ${none.length}${sample(none)}; more than one ${twice.length}${sample(twice)}; unanswered calls scored ${unanswered.length}`,
    });
  }
  return checks;
}

/** Every complaint scoring detected has exactly one ticket, and no ticket comes from elsewhere. */
export async function complaintChecks(db: Client, e: Expected): Promise<Check[]> {
  const detected = await q<{ call_id: string }>(
    db,
    `SELECT DISTINCT call_id FROM scoring.evaluations
     WHERE tenant_id = $1 AND (result -> 'complaint' ->> 'detected')::boolean`,
    [e.tenantId],
  );
  const tickets = await q<{ call_id: string | null; n: number }>(
    db,
    `SELECT call_id, count(*)::int AS n FROM complaints.tickets WHERE tenant_id = $1 GROUP BY 1`,
    [e.tenantId],
  );
  const byCall = new Map(tickets.map((t) => [t.call_id, t.n]));
  const det = new Set(detected.map((d) => d.call_id));
  const none = [...det].filter((id) => !byCall.has(id));
  const twice = tickets.filter((t) => t.n > 1).map((t) => String(t.call_id));
  const stray = tickets.filter((t) => !det.has(t.call_id ?? '')).map((t) => String(t.call_id));
  return [
    {
      name: 'exactly one ticket per detected complaint',
      ok: det.size > 0 && none.length === 0 && twice.length === 0 && stray.length === 0,
      detail: `${det.size} detected, ${tickets.reduce((n, t) => n + t.n, 0)} tickets; without a ticket ${none.length}${sample(none)}; more than one ${twice.length}${sample(twice)}; not detected ${stray.length}${sample(stray)}`,
    },
  ];
}

interface Clock {
  budgetMinutes: number;
  usedMinutes: number;
  since: string | null;
  stoppedAt: string | null;
}

/**
 * SLA timers and callbacks: every deadline that passed while its clock ran breached exactly once
 * (one breach, one supervisor notification, one published event), and every callback was
 * recorded exactly once.
 */
export async function timerChecks(db: Client, e: Expected, now: Date): Promise<Check[]> {
  const tickets = await q<{
    id: string;
    status: string;
    clocks: Record<string, Clock>;
    breached: { purpose: string; dueAt: string }[];
  }>(db, `SELECT id, status, clocks, breached FROM complaints.tickets WHERE tenant_id = $1`, [
    e.tenantId,
  ]);
  const notes = await q<{ ticket_id: string; purpose: string; due_at: Date }>(
    db,
    `SELECT ticket_id, purpose, due_at FROM complaints.notifications
     WHERE tenant_id = $1 AND kind = 'sla_breached'`,
    [e.tenantId],
  );
  const events = await q<{ key: string; n: number }>(
    db,
    `SELECT key, count(*)::int AS n FROM complaints.outbox
     WHERE topic = $1 AND headers ->> 'tenant-id' = $2 GROUP BY key`,
    [Topics.ComplaintSlaBreached, e.tenantId],
  );
  const eventsOf = new Map(events.map((r) => [r.key, r.n]));
  const noteKeys = new Map<string, number>();
  for (const n of notes) {
    const k = `${n.ticket_id}|${n.purpose}|${n.due_at.toISOString()}`;
    noteKeys.set(k, (noteKeys.get(k) ?? 0) + 1);
  }
  const byPurpose: Record<string, number> = {};
  const doubled: string[] = [];
  const unnoticed: string[] = [];
  const eventMismatch: string[] = [];
  const unfired: string[] = [];
  const metLate: string[] = [];
  for (const t of tickets) {
    const seen = new Set<string>();
    for (const b of t.breached) {
      const k = `${t.id}|${b.purpose}|${new Date(b.dueAt).toISOString()}`;
      if (seen.has(k)) doubled.push(k);
      seen.add(k);
      byPurpose[b.purpose] = (byPurpose[b.purpose] ?? 0) + 1;
      if (noteKeys.get(k) !== 1) unnoticed.push(k);
    }
    if ((eventsOf.get(t.id) ?? 0) !== t.breached.length)
      eventMismatch.push(
        `${t.id}: ${eventsOf.get(t.id) ?? 0} events, ${t.breached.length} breaches`,
      );
    for (const [purpose, c] of Object.entries(t.clocks)) {
      const had = t.breached.some((b) => b.purpose === purpose);
      // The fault test's calendar counts every minute, so a deadline is since + what is left.
      if (c.since && !c.stoppedAt && t.status !== 'closed') {
        const due = Date.parse(c.since) + (c.budgetMinutes - c.usedMinutes) * 60_000;
        const breachedAt = t.breached.some(
          (b) => b.purpose === purpose && Math.abs(Date.parse(b.dueAt) - due) < 1000,
        );
        if (due < now.getTime() && !breachedAt) unfired.push(`${t.id} ${purpose}`);
      } else if (c.usedMinutes > c.budgetMinutes + 1 / 60 && !had) {
        metLate.push(`${t.id} ${purpose}`);
      }
    }
  }
  const notes1 = notes.length;
  const breaches = tickets.reduce((n, t) => n + t.breached.length, 0);
  const cbRows = await q<{ call_id: string | null; ticket_id: string; outcome: string; n: number }>(
    db,
    `SELECT call_id, ticket_id, outcome, count(*)::int AS n FROM complaints.callbacks
     WHERE tenant_id = $1 GROUP BY 1, 2, 3`,
    [e.tenantId],
  );
  const byCallbackCall = new Map(cbRows.filter((r) => r.call_id).map((r) => [r.call_id!, r.n]));
  const cbMissing = [...e.callbackCalls.keys()].filter((id) => byCallbackCall.get(id) !== 1);
  const noAnswer = new Map(
    cbRows.filter((r) => r.outcome === 'no_answer' && !r.call_id).map((r) => [r.ticket_id, r.n]),
  );
  const naWrong = [...e.noAnswerTickets].filter((id) => noAnswer.get(id) !== 1);
  return [
    {
      name: 'every due SLA timer fired exactly once',
      ok:
        breaches > 0 &&
        doubled.length === 0 &&
        unfired.length === 0 &&
        metLate.length === 0 &&
        unnoticed.length === 0 &&
        notes1 === breaches &&
        eventMismatch.length === 0,
      detail: `${breaches} breaches (${Object.entries(byPurpose)
        .map(([p, n]) => `${p} ${n}`)
        .join(
          ', ',
        )}), ${notes1} supervisor notifications, ${events.reduce((n, r) => n + r.n, 0)} events; twice ${doubled.length}${sample(doubled)}; due but not fired ${unfired.length}${sample(unfired)}; met after the deadline with no breach ${metLate.length}${sample(metLate)}; breach without one notification ${unnoticed.length}; events ≠ breaches ${eventMismatch.length}${sample(eventMismatch)}`,
    },
    {
      name: 'every callback recorded exactly once',
      ok: cbMissing.length === 0 && naWrong.length === 0 && e.callbackCalls.size > 0,
      detail: `${e.callbackCalls.size} callback calls, ${e.callbackCalls.size - cbMissing.length} recorded once; ${e.noAnswerTickets.size} unanswered callbacks by hand, ${e.noAnswerTickets.size - naWrong.length} recorded once; wrong ${cbMissing.length + naWrong.length}${sample([...cbMissing, ...naWrong])}`,
    },
  ];
}

/** Nothing waits in any outbox, and every published event reached each of its consumers once. */
export async function deliveryChecks(db: Client): Promise<Check[]> {
  const schemas = (
    await q<{ s: string; t: string }>(
      db,
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
       WHERE table_name IN ('outbox', 'inbox') ORDER BY 1`,
    )
  ).reduce((m, r) => m.set(r.t, [...(m.get(r.t) ?? []), r.s]), new Map<string, string[]>());
  const pending: string[] = [];
  let published = 0;
  for (const s of schemas.get('outbox') ?? []) {
    const [r] = await q<{ pending: number; all: number }>(
      db,
      `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS pending, count(*)::int AS all FROM ${s}.outbox`,
    );
    published += r.all;
    if (r.pending) pending.push(`${s}: ${r.pending}`);
  }
  const lost: string[] = [];
  let consumed = 0;
  for (const c of schemas.get('inbox') ?? []) {
    const pairs = await q<{ consumer: string; topic: string }>(
      db,
      `SELECT DISTINCT consumer, topic FROM ${c}.inbox`,
    );
    for (const p of pairs) {
      for (const s of schemas.get('outbox') ?? []) {
        const [r] = await q<{ all: number; missing: number }>(
          db,
          `SELECT count(*)::int AS all, count(*) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM ${c}.inbox i WHERE i.consumer = $1 AND i.event_id = o.event_id::text))::int AS missing
           FROM ${s}.outbox o WHERE o.topic = $2`,
          [p.consumer, p.topic],
        );
        consumed += r.all - r.missing;
        if (r.missing) lost.push(`${p.consumer} ← ${s} ${p.topic}: ${r.missing} of ${r.all}`);
      }
    }
  }
  return [
    {
      name: 'nothing left in any outbox',
      ok: pending.length === 0,
      detail: `${published} events in ${schemas.get('outbox')?.length ?? 0} outboxes; unsent ${pending.join(', ') || 0}`,
    },
    {
      name: 'every published event consumed once by each of its consumers',
      ok: lost.length === 0,
      detail: `${consumed} (consumer, event) pairs in inboxes; missing ${lost.join('; ') || 0}`,
    },
  ];
}

/** The kpi service's facts are the sources' facts, one each. */
export async function kpiFactChecks(db: Client, tenantId: string): Promise<Check[]> {
  const one = async (sql: string) => (await q<{ n: number }>(db, sql, [tenantId]))[0].n;
  const pairs: [string, string, string][] = [
    [
      'calls',
      `SELECT count(*)::int AS n FROM ingestion.calls WHERE tenant_id = $1`,
      `SELECT count(*)::int AS n FROM kpi.call_facts WHERE tenant_id = $1`,
    ],
    [
      'evaluations',
      `SELECT count(*)::int AS n FROM scoring.evaluations WHERE tenant_id = $1`,
      `SELECT count(*)::int AS n FROM kpi.evaluation_facts WHERE tenant_id = $1`,
    ],
    [
      'tickets',
      `SELECT count(*)::int AS n FROM complaints.tickets WHERE tenant_id = $1`,
      `SELECT count(*)::int AS n FROM kpi.complaint_facts WHERE tenant_id = $1`,
    ],
    [
      'SLA breaches',
      `SELECT coalesce(sum(jsonb_array_length(breached)), 0)::int AS n FROM complaints.tickets WHERE tenant_id = $1`,
      `SELECT count(*)::int AS n FROM kpi.complaint_breaches WHERE tenant_id = $1`,
    ],
    [
      'callbacks scheduled',
      `SELECT coalesce(sum(callback_attempt), 0)::int AS n FROM complaints.tickets WHERE tenant_id = $1`,
      `SELECT count(*)::int AS n FROM kpi.callback_facts WHERE tenant_id = $1`,
    ],
    [
      'callbacks done',
      `SELECT count(*)::int AS n FROM complaints.callbacks WHERE tenant_id = $1 AND final`,
      `SELECT count(*)::int AS n FROM kpi.callback_facts WHERE tenant_id = $1 AND done_at IS NOT NULL`,
    ],
  ];
  const rows: string[] = [];
  let ok = true;
  for (const [what, source, fact] of pairs) {
    const [a, b] = [await one(source), await one(fact)];
    ok &&= a === b;
    rows.push(`${what} ${b}/${a}${a === b ? '' : ' ✘'}`);
  }
  return [{ name: 'KPI facts = the sources (kpi/source)', ok, detail: rows.join(', ') }];
}
