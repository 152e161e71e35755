import { eventSchemaProblems, isInstant, maxEventBytes, MAX_EVENT_BYTES } from './event-schema';
import { CallbackScheduled, CallIngested, KpiUpdated } from './generated';
import { MAX_CALL_RECORD_BYTES } from './record-limits';
import { Codecs, EventTopic, Topics } from './topics';

describe(isInstant.name, () => {
  it.each([
    '2026-11-22T01:00:00Z',
    '2026-11-22T09:00:07+08:00',
    '2026-11-22T01:00:00.123456789Z',
    '2024-02-29T23:59:59-05:30',
  ])('takes %s', (v) => expect(isInstant(v)).toBe(true));

  // Each of these made a consumer fail in Postgres (or store nonsense) instead of refusing it.
  it.each([
    '',
    '1',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-11-22',
    '2026-11-22 01:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T01:00:60Z',
    '2026-11-22T01:00:00',
    '2026-11-22T01:00:00+24:00',
    '0000-01-01T00:00:00Z',
    'Sun, 22 Nov 2026 01:00:00 GMT',
  ])('refuses %j', (v) => expect(isInstant(v)).toBe(false));
});

describe(eventSchemaProblems.name, () => {
  const empty = (t: EventTopic) =>
    (Codecs[t] as (typeof Codecs)[EventTopic]).fromPartial({} as never);

  it.each(Object.keys(Codecs) as EventTopic[])(
    '%s: an empty message names what it lacks',
    (topic) => {
      const problems = eventSchemaProblems(topic, empty(topic) as never);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(p).toMatch(/^[a-zA-Z.]+ is missing or invalid$/);
    },
  );

  it('names each missing id and time of a call, and nothing of a whole one', () => {
    const call = {
      callId: 'c-1',
      tenantId: 't-1',
      startedAt: '2026-11-22T01:00:00Z',
      answeredAt: '',
      endedAt: '2026-11-22T01:03:00Z',
    };
    const ingested = (over: object, ingestedAt = '') =>
      CallIngested.fromPartial({ call: { ...call, ...over }, ingestedAt });
    expect(eventSchemaProblems(Topics.CallIngested, ingested({}))).toEqual([]);
    expect(
      eventSchemaProblems(
        Topics.CallIngested,
        ingested({ callId: '', startedAt: '', endedAt: '2026-13-01T00:00:00Z' }, 'now'),
      ),
    ).toEqual([
      'call.callId is missing or invalid',
      'call.startedAt is missing or invalid',
      'call.endedAt is missing or invalid',
      'ingestedAt is missing or invalid',
    ]);
    expect(eventSchemaProblems(Topics.CallIngested, CallIngested.fromPartial({}))).toEqual([
      'call is missing or invalid',
    ]);
  });

  it('lets a callback without a deadline through (kpi, which needs it, checks it itself)', () => {
    const scheduled = CallbackScheduled.fromPartial({
      ticketId: 'k-1',
      tenantId: 't-1',
      dueAt: '',
    });
    expect(eventSchemaProblems(Topics.CallbackScheduled, scheduled)).toEqual([]);
  });

  it('takes KPI figures with or without a target, but not onTarget without one', () => {
    const kpi = (values: object[]) =>
      KpiUpdated.fromPartial({ tenantId: 't-1', windowStart: '2026-11-01T00:00:00Z', values });
    const figure = { name: 'complaintResolutionRate', value: 0.95, numerator: 19, denominator: 20 };
    expect(eventSchemaProblems(Topics.KpiUpdated, kpi([figure]))).toEqual([]);
    expect(
      eventSchemaProblems(Topics.KpiUpdated, kpi([{ ...figure, target: 0.92, onTarget: true }])),
    ).toEqual([]);
    expect(eventSchemaProblems(Topics.KpiUpdated, kpi([{ ...figure, onTarget: true }]))).toEqual([
      'values.target is missing or invalid',
    ]);
    expect(eventSchemaProblems(Topics.KpiUpdated, kpi([{ ...figure, target: NaN }]))).toEqual([
      'values.target is missing or invalid',
    ]);
  });
});

describe(maxEventBytes.name, () => {
  it('gives call topics a call and the rest 256 KiB', () => {
    expect(maxEventBytes(Topics.CallIngested)).toBe(MAX_CALL_RECORD_BYTES);
    expect(maxEventBytes(Topics.EvaluationScored)).toBe(MAX_CALL_RECORD_BYTES);
    expect(maxEventBytes(Topics.ComplaintOpened)).toBe(MAX_EVENT_BYTES);
    expect(MAX_EVENT_BYTES).toBe(262_144);
  });
});
