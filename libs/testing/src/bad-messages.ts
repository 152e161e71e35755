import { randomUUID } from 'node:crypto';
import {
  Codecs,
  eventSchemaProblems,
  EventHeader,
  EventMap,
  EventTopic,
  maxEventBytes,
  TenantUpserted,
  Topics,
  validateTenantUpserted,
} from '@qa/contracts';
import { IHeaders, Message } from 'kafkajs';
import { ingestedCall, scoredCallbackCall } from './events';

const T0 = Date.parse('2026-11-30T02:00:00Z');
const at = (n: number) => new Date(T0 + n * 60_000).toISOString();

/**
 * A valid event of `topic` for `tenantId`, number `n`: every consumer of the topic applies it.
 * Ids derive from `id` so a test can find what it applied.
 */
export function goodEvent<K extends EventTopic>(
  topic: K,
  tenantId: string,
  id: string,
  n = 0,
): EventMap[K] {
  const events: { [T in EventTopic]: () => EventMap[T] } = {
    [Topics.CallIngested]: () => ({
      call: ingestedCall(tenantId, id, [
        [1, '您好,星河通信,工号1001,很高兴为您服务'],
        [2, '我想查一下订单'],
        [1, '好的,感谢您的来电,再见'],
      ]),
      ingestedAt: at(n),
    }),
    [Topics.EvaluationScored]: () => ({
      ...scoredCallbackCall(tenantId, id, ''),
      evaluationId: randomUUID(),
      findings: [],
    }),
    [Topics.EvaluationReviewed]: () => ({
      evaluationId: randomUUID(),
      callId: id,
      tenantId,
      agentId: 'a-1',
      teamId: 't-1',
      reviewerId: 'qa-1',
      previousScore: 80,
      score: 85,
      grade: 'B',
      overrides: [],
      finalized: true,
      callStartedAt: at(n),
    }),
    [Topics.EvaluationReviewStep]: () => ({
      evaluationId: randomUUID(),
      callId: id,
      tenantId,
      agentId: 'a-1',
      teamId: 't-1',
      action: 'release',
      by: 'qa-1',
      role: 'qa',
      disputeId: '',
      decision: '',
      itemIds: [],
      score: 85,
      version: 1,
      at: at(n),
    }),
    [Topics.ComplaintDetected]: () => ({
      callId: id,
      tenantId,
      agentId: 'a-1',
      teamId: 't-1',
      customerId: '',
      customerPhone: '',
      reason: 'keyword',
      evidence: [{ segment: 1, start: 0, end: 2, text: '投诉' }],
      evaluationId: randomUUID(),
      callStartedAt: at(n),
    }),
    [Topics.ComplaintOpened]: () => ({
      ticketId: id,
      tenantId,
      callId: `call-${id}`,
      agentId: 'a-1',
      teamId: 't-1',
      customerId: 'ck-1',
      category: 'service',
      repeat: false,
      openedAt: at(n),
      dueAt: at(n + 60),
    }),
    [Topics.ComplaintTransitioned]: () => ({
      ticketId: id,
      tenantId,
      fromStatus: 'new',
      toStatus: 'accepted',
      actorId: 'lead-1',
      reason: '',
      version: 2,
      at: at(n + 1),
      teamId: 't-1',
      agentId: 'a-1',
      category: 'service',
      rootCause: '',
    }),
    [Topics.ComplaintSlaBreached]: () => ({
      ticketId: id,
      tenantId,
      status: 'new',
      dueAt: at(n),
      breachedAt: at(n + 1),
    }),
    [Topics.CallbackScheduled]: () => ({ ticketId: id, tenantId, attempt: 1, dueAt: at(n + 30) }),
    [Topics.CallbackCompleted]: () => ({
      ticketId: id,
      tenantId,
      attempt: 1,
      outcome: 'satisfied',
      satisfaction: 5,
      onTime: true,
      doneAt: at(n + 20),
      teamId: 't-1',
      agentId: 'a-1',
    }),
    // An agent's month with a target: what coaching keeps (the other buckets it only skips).
    [Topics.KpiUpdated]: () => ({
      tenantId,
      scope: 'agent',
      scopeId: `a-${id}`,
      window: 'month',
      windowStart: at(n),
      values: [
        {
          name: 'qaScoreAvg',
          value: 88,
          numerator: 176,
          denominator: 2,
          target: 85,
          onTarget: true,
        },
      ],
    }),
    [Topics.TenantUpserted]: () => ({
      tenantId: id,
      name: id,
      companyName: '星河通信',
      secondsPerRing: 3,
      timezone: 'Asia/Shanghai',
    }),
  };
  return events[topic]() as EventMap[K];
}

export const encodeEvent = <K extends EventTopic>(topic: K, event: EventMap[K]): Buffer =>
  Buffer.from((Codecs[topic] as (typeof Codecs)[EventTopic]).encode(event as never).finish());

/** The headers our outbox writes. */
export function eventHeaders(topic: string, tenantId: string, over: IHeaders = {}): IHeaders {
  return {
    [EventHeader.EventId]: randomUUID(),
    [EventHeader.EventType]: topic,
    [EventHeader.SchemaVersion]: '1',
    [EventHeader.OccurredAt]: new Date().toISOString(),
    [EventHeader.TenantId]: tenantId,
    [EventHeader.TraceId]: randomUUID(),
    ...over,
  };
}

const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
};

/**
 * `value` with a field no schema has (number 1000, skipped by every decoder) that takes it just
 * past `bytes`: still a valid event when decoded, so only a size limit refuses it.
 */
export function paddedPast(value: Buffer, bytes: number): Buffer {
  const tag = varint((1000 << 3) | 2);
  let room = bytes + 1 - value.length - tag.length;
  while (room + varint(room).length > bytes + 1 - value.length - tag.length) room--;
  const head = Buffer.from([...tag, ...varint(room)]);
  return Buffer.concat([value, head, Buffer.alloc(room, 0x20)]);
}

/** Not protobuf at all: wire type 7 does not exist, so every decoder throws. */
export const MALFORMED = Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01, 0x07]);

export type BadKind =
  | 'malformed'
  | 'oversized'
  | 'other-event-type'
  | 'other-schema'
  | 'missing-fields'
  | 'no-occurred-at'
  | 'poison';

export interface BadMessage {
  kind: BadKind;
  message: Message & { headers: IHeaders };
  /** What the dead letter's reason must say (each consumer of the topic gives the same). */
  reason: RegExp;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A topic's other event, whose bytes decoded as `topic` fail its contract (or do not decode). */
function foreignFor(topic: EventTopic, tenantId: string): Buffer {
  for (const other of Object.keys(Codecs) as EventTopic[]) {
    if (other === topic) continue;
    const bytes = encodeEvent(other, goodEvent(other, tenantId, `x-${randomUUID()}`));
    try {
      const decoded = Codecs[topic].decode(bytes);
      const problems = [
        ...eventSchemaProblems(topic, decoded as never),
        // Every consumer of tenants checks this too (any id decodes as a tenant id).
        ...(topic === Topics.TenantUpserted
          ? validateTenantUpserted(decoded as TenantUpserted)
          : []),
      ];
      if (problems.length > 0) return bytes;
    } catch {
      return bytes;
    }
  }
  throw new Error(`no other topic's event fails ${topic}'s contract`);
}

/** The event without its tenant and its times (the empty timestamp kpi used to retry). */
function blank<K extends EventTopic>(
  topic: K,
  e: EventMap[K],
): { event: EventMap[K]; fields: string[] } {
  let event: EventMap[K];
  if (topic === Topics.CallIngested) {
    const c = (e as EventMap['qa.call.ingested.v1']).call!;
    event = { ...e, call: { ...c, tenantId: '', startedAt: '' } };
  } else {
    const times = Object.keys(e as object).filter((k) => k === 'at' || k.endsWith('At'));
    event = { ...e, tenantId: '', ...Object.fromEntries(times.map((k) => [k, ''])) };
  }
  const fields = eventSchemaProblems(topic, event).map((p) =>
    p.replace(/ is missing or invalid$/, ''),
  );
  return { event, fields };
}

/**
 * One of each kind of bad message for a protobuf topic: bytes that are not protobuf, a valid event
 * padded past the topic's size limit, another topic's event (with its own event type, and under
 * this topic's), the event without its ids and times, without its occurred-at header, and a
 * poison value that passes every check but that the database refuses in the handler (a NUL in
 * the tenant id).
 */
export function badMessages<K extends EventTopic>(
  topic: K,
  tenantId: string,
  key: string,
): BadMessage[] {
  const good = (id: string) => goodEvent(topic, tenantId, id);
  const h = (over: IHeaders = {}) => eventHeaders(topic, tenantId, over);
  const other = topic === Topics.TenantUpserted ? Topics.ComplaintOpened : Topics.TenantUpserted;
  const blanked = blank(topic, good(`${key}-blank`));
  const max = maxEventBytes(topic);
  const poison = { ...good(`${key}-poison`), tenantId: `${tenantId}\u0000` } as EventMap[K];
  if (topic === Topics.CallIngested) {
    const call = (poison as EventMap['qa.call.ingested.v1']).call!;
    // A callback call, so complaints' consumer (which skips other calls) stores it too.
    Object.assign(poison, { call: { ...call, tenantId: `${tenantId}\u0000`, purpose: 3 } });
  }
  if (topic === Topics.EvaluationScored)
    Object.assign(poison, scoredCallbackCall(`${tenantId}\u0000`, `${key}-poison`, '回访'));
  const msg = (value: Buffer, headers: IHeaders) => ({ key, value, headers });
  return [
    { kind: 'malformed', message: msg(MALFORMED, h()), reason: /^undecodable protobuf: / },
    {
      kind: 'oversized',
      message: msg(paddedPast(encodeEvent(topic, good(`${key}-big`)), max), h()),
      reason: new RegExp(
        `^too large: the record is ${max + 1} bytes; ${esc(topic)} events may be at most ${max} bytes$`,
      ),
    },
    {
      kind: 'other-event-type',
      message: msg(
        encodeEvent(other, goodEvent(other, tenantId, `${key}-other`)),
        eventHeaders(other, tenantId),
      ),
      reason: new RegExp(`^event-type ${esc(other)} does not match topic ${esc(topic)}$`),
    },
    {
      kind: 'other-schema',
      message: msg(foreignFor(topic, tenantId), h()),
      reason: /^(undecodable protobuf|invalid): /,
    },
    {
      kind: 'missing-fields',
      message: msg(encodeEvent(topic, blanked.event), h()),
      reason: new RegExp(
        `^invalid: ${blanked.fields.map((f) => `${esc(f)} is missing or invalid`).join('; ')}`,
      ),
    },
    {
      kind: 'no-occurred-at',
      message: msg(encodeEvent(topic, good(`${key}-no-time`)), h({ [EventHeader.OccurredAt]: '' })),
      reason: /^missing or invalid occurred-at header$/,
    },
    {
      kind: 'poison',
      message: msg(encodeEvent(topic, poison), h()),
      reason: /^\d attempt\(s\) failed: .*(0x00|Unicode escape)/,
    },
  ];
}
