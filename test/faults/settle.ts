import { sleep } from '@qa/testing';
import { AssignerProtocol, type Kafka } from 'kafkajs';
import type { Client } from 'pg';
import type { ComplaintLead } from './complaint-lead';
import type { Expected } from './fault-checks';

/**
 * Messages not yet committed by the platform's consumer groups, over the partitions each group
 * is assigned now (the start committed every topic for every group; only assigned ones count).
 */
async function consumerLag(kafka: Kafka, prefix: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    const described = await admin.describeGroups(ours);
    let lag = 0;
    for (const g of described.groups) {
      const assigned = new Set<string>();
      for (const m of g.members) {
        const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
        for (const [topic, parts] of Object.entries(a?.assignment ?? {}))
          for (const p of parts) assigned.add(`${topic}|${p}`);
      }
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: g.groupId })) {
        const ends = new Map(
          (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
        );
        for (const p of partitions) {
          if (!assigned.has(`${topic}|${p.partition}`)) continue;
          const at = Number(p.offset);
          lag += Math.max(0, (ends.get(p.partition) ?? 0) - (at < 0 ? 0 : at));
        }
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

async function pendingOutbox(db: Client): Promise<number> {
  const schemas = (
    await db.query<{ s: string }>(
      `SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'outbox'`,
    )
  ).rows;
  let n = 0;
  for (const { s } of schemas)
    n += (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${s}.outbox WHERE sent_at IS NULL`,
      )
    ).rows[0].n;
  return n;
}

/** KPI work queued but not yet aggregated: deltas (or, before them, stale minutes). */
async function kpiBacklog(db: Client): Promise<number> {
  let n = 0;
  for (const table of ['kpi.aggregate_deltas', 'kpi.stale_minutes']) {
    const [{ t }] = (
      await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [table])
    ).rows;
    if (t)
      n += (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  }
  return n;
}

/**
 * Waits until the platform has done everything the run asked of it: every answered call scored,
 * every ticket at the end of its plan (so no deadline is left running), nothing in an outbox, no
 * consumer behind, no KPI minute waiting to be recomputed. Twice in a row, to be sure.
 */
export async function settle(o: {
  db: Client;
  kafka: Kafka;
  lead: ComplaintLead;
  expected: Expected;
  log: (m: string) => void;
  seconds: number;
  groupPrefix: string;
}): Promise<{ ok: boolean; detail: string }> {
  const answered = [...o.expected.accepted.values()].filter((c) => c.answered).length;
  const deadline = Date.now() + o.seconds * 1000;
  const t0 = Date.now();
  let calm = 0;
  let lastLog = 0;
  let detail = '';
  while (Date.now() < deadline) {
    const [{ n: scored }] = (
      await o.db.query<{ n: number }>(
        `SELECT count(DISTINCT call_id)::int AS n FROM scoring.evaluations WHERE tenant_id = $1
           AND call_id = ANY($2)`,
        [o.expected.tenantId, [...o.expected.accepted.keys()]],
      )
    ).rows;
    const tickets = await o.lead.tickets();
    const done = tickets.filter((t) => o.lead.done(t)).length;
    const outbox = await pendingOutbox(o.db);
    const lag = await consumerLag(o.kafka, o.groupPrefix).catch(() => -1);
    const stale = await kpiBacklog(o.db);
    detail = `scored ${scored}/${answered}, tickets at their plan's end ${done}/${tickets.length}, outbox ${outbox}, lag ${lag}, KPI backlog ${stale}`;
    const quiet =
      scored === answered && done === tickets.length && outbox === 0 && lag === 0 && stale === 0;
    calm = quiet ? calm + 1 : 0;
    if (calm >= 2) {
      o.log(`settled in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${detail}`);
      return { ok: true, detail: `in ${((Date.now() - t0) / 1000).toFixed(0)} s after the drive` };
    }
    if (Date.now() - lastLog > 10_000) {
      o.log(`settling: ${detail}`);
      lastLog = Date.now();
    }
    await sleep(2000);
  }
  return { ok: false, detail: `not after ${o.seconds} s: ${detail}` };
}
