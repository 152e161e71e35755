import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CallFactRow {
  tenant_id: string;
  call_id: string;
  agent_id: string;
  team_id: string;
  purpose: string;
  customer_id: string;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  csat: number | null;
  related_call_ids: string[];
  disposition: string;
  direction: string;
  occurred_at: string;
}

export interface EvaluationFactRow {
  tenant_id: string;
  evaluation_id: string;
  call_id: string;
  agent_id: string;
  team_id: string;
  scorecard_id: string;
  scorecard_version: number;
  active: boolean;
  score: number;
  three_ring: 'pass' | 'fail' | null;
  forbidden_hits: number;
  call_started_at: string;
  scored_at: string;
}

export interface ReviewFactRow {
  tenant_id: string;
  evaluation_id: string;
  call_id: string;
  score: number;
  finalized: boolean;
  reviewed_at: string;
  event_id: string;
}

export interface ComplaintFactRow {
  tenant_id: string;
  ticket_id: string;
  call_id: string;
  agent_id: string;
  team_id: string;
  customer_id: string;
  category: string;
  repeat: boolean;
  opened_at: string;
}

export interface TransitionRow {
  tenant_id: string;
  ticket_id: string;
  version: number;
  from_status: string;
  to_status: string;
  at: string;
  agent_id: string;
  team_id: string;
  /** On a move to closed, from the event: business hours open by the tenant's calendar. */
  business_hours_open: number | null;
}

export interface BreachRow {
  tenant_id: string;
  ticket_id: string;
  status: string;
  due_at: string;
  breached_at: string;
}

export interface CallbackRow {
  tenant_id: string;
  ticket_id: string;
  attempt: number;
  due_at: string | null;
  done_at: string | null;
  outcome: string | null;
  satisfaction: number | null;
  agent_id: string;
  team_id: string;
}

export interface ComplaintStateRow {
  tenant_id: string;
  ticket_id: string;
  agent_id: string;
  team_id: string;
  opened_at: string | null;
  repeat: boolean;
  status: string;
  resolved_clean: boolean;
  closed_at: string | null;
  hours_to_close: number | null;
}

export interface TicketKey {
  tenant_id: string;
  ticket_id: string;
}

/** A call whose evaluation counts: a production call that was answered (COUNTED_EVALUATION). */
const COUNTED = `(purpose <> 'training' AND disposition = 'answered')`;

/** Pairs as two parallel arrays, for unnest(). */
const pairs = <T>(rows: T[], a: keyof T, b: keyof T) => [
  rows.map((r) => r[a]),
  rows.map((r) => r[b]),
];

/**
 * Every fact table: upserts keyed by natural ids that give the same rows whatever the order or
 * repetition of events, and the reads that derived rows and stale minutes are computed from.
 */
@Injectable()
export class FactsRepository {
  /**
   * The whole tenant to itself (a time-zone change, the rebuild): waits for every writer holding
   * one of its keys (lockKeys) and keeps them out until commit.
   */
  async lockTenants(m: EntityManager, tenantIds: string[]): Promise<void> {
    for (const t of [...new Set(tenantIds)].sort())
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('kpi.facts'), hashtext($1))`, [t]);
  }

  /**
   * Serialises the writers of one derived row (and the minutes they mark), not of the whole
   * tenant: chunks of other keys go on side by side. `call`: a call's fact and the follow-ups'
   * links; `score`: the evaluation standing for a call (read from evaluations and reviews only, so
   * it need not wait for the call's own chunk); `ticket`: a ticket's state. The tenant is held
   * shared, so lockTenants() still waits for them. Keys are taken in one sorted order, so two
   * chunks cannot deadlock; a hash collision only makes two keys wait for each other.
   */
  async lockKeys(
    m: EntityManager,
    kind: 'call' | 'score' | 'ticket',
    keys: { tenant_id: string; id: string }[],
  ): Promise<void> {
    if (keys.length === 0) return;
    // One round trip: the tenants shared first, then the keys, each set in sorted order.
    await m.query(
      `SELECT CASE WHEN s.shared THEN pg_advisory_xact_lock_shared(s.a, s.b)
         ELSE pg_advisory_xact_lock(s.a, s.b) END
       FROM (SELECT DISTINCT true AS shared, hashtext('kpi.facts') AS a, hashtext(t) AS b
             FROM unnest($2::text[]) AS x(t)
             UNION
             SELECT false, hashtext($1), hashtext(t || '/' || k)
             FROM unnest($2::text[], $3::text[]) AS x(t, k)
             ORDER BY shared DESC, a, b) s`,
      [`kpi.${kind}`, keys.map((k) => k.tenant_id), keys.map((k) => k.id)],
    );
  }

  async timezones(m: EntityManager, tenantIds: string[]): Promise<Map<string, string>> {
    const rows = (await m.query(
      `SELECT tenant_id, timezone FROM kpi.tenants WHERE tenant_id = ANY($1::text[])`,
      [[...new Set(tenantIds)]],
    )) as { tenant_id: string; timezone: string }[];
    return new Map(rows.map((r) => [r.tenant_id, r.timezone]));
  }

  /** Returns the previous zone (null when new). */
  async upsertTenant(m: EntityManager, tenantId: string, timezone: string): Promise<string | null> {
    const before = (await m.query(
      `SELECT timezone FROM kpi.tenants WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    )) as { timezone: string }[];
    await m.query(
      `INSERT INTO kpi.tenants (tenant_id, timezone) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET timezone = excluded.timezone, updated_at = now()`,
      [tenantId, timezone],
    );
    return before[0]?.timezone ?? null;
  }

  /**
   * Keeps the latest version of each call. Answers the calls whose evaluation now counts where it
   * did not, or the other way round (a training or unanswered call's does not; before its call
   * arrives, an evaluation counts).
   */
  async upsertCalls(
    m: EntityManager,
    rows: CallFactRow[],
  ): Promise<{ tenant_id: string; call_id: string }[]> {
    const recount = (await m.query(
      `WITH old AS (SELECT tenant_id, call_id, ${COUNTED} AS counted FROM kpi.call_facts
         WHERE (tenant_id, call_id) IN (SELECT x.tenant_id, x.call_id
           FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, call_id text))),
       up AS (INSERT INTO kpi.call_facts (tenant_id, call_id, agent_id, team_id, purpose, customer_id,
         started_at, answered_at, ended_at, csat, related_call_ids, disposition, direction,
         occurred_at)
       SELECT x.tenant_id, x.call_id, x.agent_id, x.team_id, x.purpose, x.customer_id, x.started_at,
         x.answered_at, x.ended_at, x.csat, x.related_call_ids, x.disposition, x.direction,
         x.occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, call_id text, agent_id text,
         team_id text, purpose text, customer_id text, started_at timestamptz,
         answered_at timestamptz, ended_at timestamptz, csat smallint, related_call_ids text[],
         disposition text, direction text, occurred_at timestamptz)
       ON CONFLICT ON CONSTRAINT pk_call_facts DO UPDATE SET agent_id = excluded.agent_id,
         team_id = excluded.team_id, purpose = excluded.purpose, customer_id = excluded.customer_id,
         started_at = excluded.started_at, answered_at = excluded.answered_at,
         ended_at = excluded.ended_at, csat = excluded.csat,
         related_call_ids = excluded.related_call_ids, disposition = excluded.disposition,
         direction = excluded.direction, occurred_at = excluded.occurred_at
       WHERE excluded.occurred_at > kpi.call_facts.occurred_at
       RETURNING tenant_id, call_id, ${COUNTED} AS counted)
       SELECT up.tenant_id, up.call_id FROM up LEFT JOIN old USING (tenant_id, call_id)
       WHERE up.counted IS DISTINCT FROM COALESCE(old.counted, true)`,
      [JSON.stringify(rows)],
    )) as { tenant_id: string; call_id: string }[];
    const links = rows.flatMap((r) =>
      r.related_call_ids.map((rel) => ({ t: r.tenant_id, rel, c: r.call_id })),
    );
    if (links.length) {
      await m.query(
        `INSERT INTO kpi.call_links (tenant_id, related_call_id, call_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [links.map((l) => l.t), links.map((l) => l.rel), links.map((l) => l.c)],
      );
    }
    return recount;
  }

  async insertEvaluations(m: EntityManager, rows: EvaluationFactRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.evaluation_facts (tenant_id, evaluation_id, call_id, agent_id, team_id,
         scorecard_id, scorecard_version, active, score, three_ring, forbidden_hits,
         call_started_at, scored_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, evaluation_id text,
         call_id text, agent_id text, team_id text, scorecard_id text, scorecard_version integer,
         active boolean, score double precision, three_ring text, forbidden_hits integer,
         call_started_at timestamptz, scored_at timestamptz)
       ON CONFLICT ON CONSTRAINT pk_evaluation_facts DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /** Keeps each evaluation's latest review (by when it happened, then event id). */
  async upsertReviews(m: EntityManager, rows: ReviewFactRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.review_facts (tenant_id, evaluation_id, call_id, score, finalized,
         reviewed_at, event_id)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, evaluation_id text,
         call_id text, score double precision, finalized boolean, reviewed_at timestamptz,
         event_id text)
       ON CONFLICT ON CONSTRAINT pk_review_facts DO UPDATE SET score = excluded.score,
         finalized = excluded.finalized, reviewed_at = excluded.reviewed_at,
         event_id = excluded.event_id
       WHERE (excluded.reviewed_at, excluded.event_id)
         > (kpi.review_facts.reviewed_at, kpi.review_facts.event_id)`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * Re-derives the evaluation that stands for each call: a reviewed one first, then the latest
   * scored with an active version, then the first (the same order as finalEvaluation()).
   */
  async deriveCallScores(
    m: EntityManager,
    keys: { tenant_id: string; call_id: string }[],
  ): Promise<void> {
    const [t, c] = pairs(keys, 'tenant_id', 'call_id');
    await m.query(
      `INSERT INTO kpi.call_scores (tenant_id, call_id, evaluation_id, agent_id, team_id,
         call_started_at, score, three_ring, forbidden_hits)
       SELECT DISTINCT ON (e.tenant_id, e.call_id) e.tenant_id, e.call_id, e.evaluation_id,
         e.agent_id, e.team_id, e.call_started_at, COALESCE(r.score, e.score), e.three_ring,
         e.forbidden_hits
       FROM kpi.evaluation_facts e
       JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[])) AS k(tenant_id, call_id)
         ON e.tenant_id = k.tenant_id AND e.call_id = k.call_id
       LEFT JOIN kpi.review_facts r
         ON r.tenant_id = e.tenant_id AND r.evaluation_id = e.evaluation_id
       ORDER BY e.tenant_id, e.call_id, (r.evaluation_id IS NOT NULL) DESC,
         r.reviewed_at DESC NULLS LAST, e.active DESC,
         CASE WHEN e.active THEN e.scored_at END DESC NULLS LAST, e.scored_at ASC,
         e.evaluation_id DESC
       ON CONFLICT ON CONSTRAINT pk_call_scores DO UPDATE SET
         evaluation_id = excluded.evaluation_id, agent_id = excluded.agent_id,
         team_id = excluded.team_id, call_started_at = excluded.call_started_at,
         score = excluded.score, three_ring = excluded.three_ring,
         forbidden_hits = excluded.forbidden_hits`,
      [t, c],
    );
  }

  async upsertComplaints(m: EntityManager, rows: ComplaintFactRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.complaint_facts (tenant_id, ticket_id, call_id, agent_id, team_id,
         customer_id, category, repeat, opened_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         call_id text, agent_id text, team_id text, customer_id text, category text,
         repeat boolean, opened_at timestamptz)
       ON CONFLICT ON CONSTRAINT pk_complaint_facts DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async insertTransitions(m: EntityManager, rows: TransitionRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.complaint_transitions (tenant_id, ticket_id, version, from_status,
         to_status, at, agent_id, team_id, business_hours_open)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         version integer, from_status text, to_status text, at timestamptz, agent_id text,
         team_id text, business_hours_open double precision)
       ON CONFLICT ON CONSTRAINT pk_complaint_transitions DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async insertBreaches(m: EntityManager, rows: BreachRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.complaint_breaches (tenant_id, ticket_id, status, due_at, breached_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         status text, due_at text, breached_at timestamptz)
       ON CONFLICT ON CONSTRAINT pk_complaint_breaches DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /** A scheduled event sets the due time, a completed one the outcome: either may come first. */
  async upsertCallbacks(m: EntityManager, rows: CallbackRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.callback_facts (tenant_id, ticket_id, attempt, due_at, done_at, outcome,
         satisfaction, agent_id, team_id)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         attempt integer, due_at timestamptz, done_at timestamptz, outcome text,
         satisfaction smallint, agent_id text, team_id text)
       ON CONFLICT ON CONSTRAINT pk_callback_facts DO UPDATE SET
         due_at = COALESCE(excluded.due_at, kpi.callback_facts.due_at),
         done_at = COALESCE(excluded.done_at, kpi.callback_facts.done_at),
         outcome = COALESCE(excluded.outcome, kpi.callback_facts.outcome),
         satisfaction = COALESCE(excluded.satisfaction, kpi.callback_facts.satisfaction),
         agent_id = COALESCE(NULLIF(excluded.agent_id, ''), kpi.callback_facts.agent_id),
         team_id = COALESCE(NULLIF(excluded.team_id, ''), kpi.callback_facts.team_id)`,
      [JSON.stringify(rows)],
    );
  }

  /** Everything a ticket's state depends on. */
  async ticketFacts(m: EntityManager, keys: TicketKey[]) {
    const [t, k] = pairs(keys, 'tenant_id', 'ticket_id');
    const where = `(tenant_id, ticket_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
    // One transaction is one connection: these run one after another.
    const opened: unknown = await m.query(`SELECT * FROM kpi.complaint_facts WHERE ${where}`, [
      t,
      k,
    ]);
    const transitions: unknown = await m.query(
      `SELECT * FROM kpi.complaint_transitions WHERE ${where}`,
      [t, k],
    );
    return {
      opened: opened as (Omit<ComplaintFactRow, 'opened_at'> & { opened_at: Date })[],
      transitions: transitions as (Omit<TransitionRow, 'at'> & { at: Date })[],
    };
  }

  async upsertComplaintState(m: EntityManager, rows: ComplaintStateRow[]): Promise<void> {
    await m.query(
      `INSERT INTO kpi.complaint_state (tenant_id, ticket_id, agent_id, team_id, opened_at, repeat,
         status, resolved_clean, closed_at, hours_to_close)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, ticket_id text,
         agent_id text, team_id text, opened_at timestamptz, repeat boolean, status text,
         resolved_clean boolean, closed_at timestamptz, hours_to_close double precision)
       ON CONFLICT ON CONSTRAINT pk_complaint_state DO UPDATE SET agent_id = excluded.agent_id,
         team_id = excluded.team_id, opened_at = excluded.opened_at, repeat = excluded.repeat,
         status = excluded.status, resolved_clean = excluded.resolved_clean,
         closed_at = excluded.closed_at, hours_to_close = excluded.hours_to_close`,
      [JSON.stringify(rows)],
    );
  }

  async ticketsOf(m: EntityManager, tenantId: string): Promise<TicketKey[]> {
    return (await m.query(
      `SELECT tenant_id, ticket_id FROM kpi.complaint_facts WHERE tenant_id = $1
       UNION SELECT tenant_id, ticket_id FROM kpi.complaint_transitions WHERE tenant_id = $1`,
      [tenantId],
    )) as TicketKey[];
  }

  /** Calls and tickets with an event time in a period (the rebuild re-derives them). */
  async keysInPeriod(m: EntityManager, tenantId: string, from: Date, to: Date) {
    const calls = (await m.query(
      `SELECT DISTINCT tenant_id, call_id FROM kpi.evaluation_facts
       WHERE tenant_id = $1 AND call_started_at >= $2 AND call_started_at < $3`,
      [tenantId, from, to],
    )) as { tenant_id: string; call_id: string }[];
    const tickets = (await m.query(
      `SELECT ticket_id FROM kpi.complaint_facts WHERE tenant_id = $1 AND opened_at >= $2 AND opened_at < $3
       UNION SELECT ticket_id FROM kpi.complaint_transitions WHERE tenant_id = $1 AND at >= $2 AND at < $3
       UNION SELECT ticket_id FROM kpi.complaint_breaches WHERE tenant_id = $1 AND breached_at >= $2 AND breached_at < $3
       UNION SELECT ticket_id FROM kpi.callback_facts WHERE tenant_id = $1
         AND (due_at >= $2 AND due_at < $3 OR done_at >= $2 AND done_at < $3)`,
      [tenantId, from, to],
    )) as { ticket_id: string }[];
    return {
      calls,
      tickets: tickets.map((t) => ({ tenant_id: tenantId, ticket_id: t.ticket_id })),
    };
  }

  /** Minutes in a period that hold an event time of some fact. */
  async factMinutes(m: EntityManager, tenantId: string, from: Date, to: Date): Promise<Date[]> {
    const rows = (await m.query(
      `SELECT DISTINCT date_bin('1 minute', t, TIMESTAMPTZ 'epoch') AS minute FROM (
         SELECT started_at AS t FROM kpi.call_facts WHERE tenant_id = $1
         UNION ALL SELECT call_started_at FROM kpi.call_scores WHERE tenant_id = $1
         UNION ALL SELECT opened_at FROM kpi.complaint_state WHERE tenant_id = $1
         UNION ALL SELECT closed_at FROM kpi.complaint_state WHERE tenant_id = $1
         UNION ALL SELECT breached_at FROM kpi.complaint_breaches WHERE tenant_id = $1
         UNION ALL SELECT due_at FROM kpi.callback_facts WHERE tenant_id = $1
         UNION ALL SELECT done_at FROM kpi.callback_facts WHERE tenant_id = $1
       ) x WHERE t >= $2 AND t < $3`,
      [tenantId, from, to],
    )) as { minute: Date }[];
    return rows.map((r) => r.minute);
  }

  async allTenants(m: EntityManager): Promise<string[]> {
    const rows = (await m.query(
      `SELECT tenant_id FROM kpi.tenants UNION SELECT DISTINCT tenant_id FROM kpi.call_facts`,
    )) as { tenant_id: string }[];
    return rows.map((r) => r.tenant_id).sort();
  }
}
