import { MAX_CALL_RECORD_BYTES } from './record-limits';
import { EventMap, EventTopic, Topics } from './topics';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * An RFC 3339 date-time with its offset, on the calendar. Date.parse is not enough: it takes
 * "1" or "2026-02-30T00:00:00Z", which Postgres refuses, so the event failed in the handler and
 * was retried instead of refused.
 */
export function isInstant(v: string): boolean {
  const m = RFC3339.exec(v);
  if (!m) return false;
  const [year, month, day, h, min, sec] = m.slice(1, 7).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  if (day > (month === 2 && !leap ? 28 : DAYS[month - 1])) return false;
  if (h > 23 || min > 59 || sec > 59) return false;
  return m[7] === undefined || (+m[7] <= 23 && +m[8] <= 59);
}

type Check<T> = [field: string, ok: (e: T) => boolean];

const id = (v: string | undefined) => typeof v === 'string' && v.length > 0;
const time = (v: string | undefined) => typeof v === 'string' && isInstant(v);
/** Empty is allowed (unknown, not yet): anything else must be a time. */
const timeOrEmpty = (v: string | undefined) => !v || isInstant(v);

/**
 * What an event must carry whoever consumes it: its ids and its times. Each consumer's own
 * `validate` adds what it needs besides; a message that fails either is dead-lettered on its
 * first attempt instead of failing in the handler, being retried and then dead-lettered.
 */
const SCHEMA: { [K in EventTopic]: Check<EventMap[K]>[] } = {
  [Topics.CallIngested]: [
    ['call', (e) => !!e.call],
    ['call.callId', (e) => !e.call || id(e.call.callId)],
    ['call.tenantId', (e) => !e.call || id(e.call.tenantId)],
    ['call.startedAt', (e) => !e.call || time(e.call.startedAt)],
    ['call.answeredAt', (e) => !e.call || timeOrEmpty(e.call.answeredAt)],
    ['call.endedAt', (e) => !e.call || timeOrEmpty(e.call.endedAt)],
    ['ingestedAt', (e) => timeOrEmpty(e.ingestedAt)],
  ],
  [Topics.EvaluationScored]: [
    ['evaluationId', (e) => id(e.evaluationId)],
    ['callId', (e) => id(e.callId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['callStartedAt', (e) => time(e.callStartedAt)],
  ],
  [Topics.EvaluationReviewed]: [
    ['evaluationId', (e) => id(e.evaluationId)],
    ['callId', (e) => id(e.callId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['callStartedAt', (e) => timeOrEmpty(e.callStartedAt)],
  ],
  [Topics.EvaluationReviewStep]: [
    ['evaluationId', (e) => id(e.evaluationId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['at', (e) => timeOrEmpty(e.at)],
  ],
  [Topics.ComplaintDetected]: [
    ['callId', (e) => id(e.callId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['callStartedAt', (e) => timeOrEmpty(e.callStartedAt)],
  ],
  [Topics.ComplaintOpened]: [
    ['ticketId', (e) => id(e.ticketId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['openedAt', (e) => time(e.openedAt)],
    ['dueAt', (e) => timeOrEmpty(e.dueAt)],
  ],
  [Topics.ComplaintTransitioned]: [
    ['ticketId', (e) => id(e.ticketId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['toStatus', (e) => id(e.toStatus)],
    ['at', (e) => time(e.at)],
  ],
  [Topics.ComplaintSlaBreached]: [
    ['ticketId', (e) => id(e.ticketId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['dueAt', (e) => time(e.dueAt)],
    ['breachedAt', (e) => time(e.breachedAt)],
  ],
  [Topics.CallbackScheduled]: [
    ['ticketId', (e) => id(e.ticketId)],
    ['tenantId', (e) => id(e.tenantId)],
    // Empty when the calendar gives no deadline; kpi, which counts callbacks due, requires it.
    ['dueAt', (e) => timeOrEmpty(e.dueAt)],
  ],
  [Topics.CallbackCompleted]: [
    ['ticketId', (e) => id(e.ticketId)],
    ['tenantId', (e) => id(e.tenantId)],
    ['doneAt', (e) => time(e.doneAt)],
  ],
  [Topics.KpiUpdated]: [
    ['tenantId', (e) => id(e.tenantId)],
    ['windowStart', (e) => time(e.windowStart)],
    // Optional (added later): a target is a finite number, and onTarget comes only with one.
    [
      'values.target',
      (e) =>
        (e.values ?? []).every(
          (v) =>
            (v.target === undefined && v.onTarget === undefined) ||
            (v.target !== undefined && Number.isFinite(v.target)),
        ),
    ],
  ],
  [Topics.TenantUpserted]: [['tenantId', (e) => id(e.tenantId)]],
};

/** The fields of a decoded `topic` event that are missing or not what the contract says. */
export function eventSchemaProblems<K extends EventTopic>(topic: K, event: EventMap[K]): string[] {
  const checks = SCHEMA[topic] as Check<EventMap[K]>[];
  return checks.filter(([, ok]) => !ok(event)).map(([field]) => `${field} is missing or invalid`);
}

/**
 * The largest value a consumer decodes on a protobuf topic. Calls and their evaluations may be
 * as large as a raw call (evidence included); every other event is a few hundred bytes, so 256 KiB
 * is far above any real one and far below the broker's 1 MiB default.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

const CALL_SIZED_EVENTS: readonly string[] = [
  Topics.CallIngested,
  Topics.EvaluationScored,
  Topics.ComplaintDetected,
];

export function maxEventBytes(topic: string): number {
  return CALL_SIZED_EVENTS.includes(topic) ? MAX_CALL_RECORD_BYTES : MAX_EVENT_BYTES;
}
