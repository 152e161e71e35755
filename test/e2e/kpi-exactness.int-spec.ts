import { randomUUID } from 'node:crypto';
import { Call, EvaluationScored, FindingOutcome, Topics } from '@qa/contracts';
import { componentsOfRow } from '../../apps/kpi/src/modules/aggregates/component-columns';
import {
  AllFacts,
  CallbackFact,
  ComplaintFact,
  componentsFromFacts,
  Disposition,
  EvaluationFact,
} from '../../apps/kpi/src/modules/kpis/domain/kpi-facts';
import { emptyComponents, KpiComponents } from '../../apps/kpi/src/modules/kpis/domain/kpi-math';
import {
  bucketStart,
  KpiWindow,
  nextBucket,
  WINDOWS,
} from '../../apps/kpi/src/modules/kpis/domain/time-buckets';
import { KpiHarness, sent, Sent } from './kpi-support';

const TZ = 'Asia/Shanghai';
const T0 = Date.parse('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
/** CallDisposition's numbers as the facts name them; 0 (not given) is derived from answeredAt. */
const DISPOSITION_OF: Record<number, Disposition | undefined> = {
  1: 'answered',
  2: 'no_answer',
  3: 'busy',
  4: 'failed',
  5: 'congestion',
};

/** A small random generator with a seed, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * One set of events — calls, scores, re-scores, reviews, complaints, callbacks — fed in shuffled
 * order with duplicates (same event id, and same fact under a new event id) and a late second
 * wave; every stored aggregate must equal the reference computed from the ground truth.
 */
describe('kpi exactness (real Kafka and Postgres)', () => {
  const h = new KpiHarness();
  const tenantId = `kx-${randomUUID().slice(0, 8)}`;
  const seed = Number(process.env.KPI_SEED ?? Date.now() % 100000);
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const agents = [
    { agentId: 'a-1', teamId: 't-1' },
    { agentId: 'a-2', teamId: 't-1' },
    { agentId: 'a-3', teamId: 't-2' },
  ];
  const truth: AllFacts = { calls: [], evaluations: [], complaints: [], callbacks: [] };
  const wave1: Sent[] = [];
  const wave2: Sent[] = [];

  function addCall(startedAt: number, over: Partial<Call> = {}, wave = wave1) {
    const a = pick(agents);
    const callId = `c-${randomUUID().slice(0, 8)}`;
    const answered = rand() < 0.85;
    // Unanswered: no disposition (derived as no answer) or one of the four; some calls outbound.
    const disposition = answered ? pick([0, 1]) : pick([0, 2, 2, 3, 4, 5]);
    const call: Call = Call.fromPartial({
      callId,
      tenantId,
      direction: rand() < 0.1 ? 2 : 1,
      disposition,
      purpose: 1,
      agentId: a.agentId,
      teamId: a.teamId,
      customer: { phone: '', id: `u-${Math.floor(rand() * 6)}`, name: '' },
      startedAt: iso(startedAt),
      answeredAt: answered ? iso(startedAt + 5000) : '',
      endedAt: iso(startedAt + 5000 + Math.floor(rand() * 300) * 1000),
      ringCount: 2,
      hangupBy: 1,
      segments: [],
      recordingUrl: '',
      csat: rand() < 0.5 ? 1 + Math.floor(rand() * 5) : 0,
      relatedCallIds: [],
      ...over,
    });
    truth.calls.push({
      callId,
      agentId: call.agentId,
      teamId: call.teamId,
      purpose: call.purpose === 4 ? 'training' : 'service',
      customerId: call.customer!.id,
      startedAt,
      answeredAt: call.answeredAt ? Date.parse(call.answeredAt) : null,
      endedAt: Date.parse(call.endedAt),
      csat: call.csat || null,
      relatedCallIds: call.relatedCallIds,
      disposition: DISPOSITION_OF[call.disposition],
      direction: call.direction === 2 ? 'outbound' : 'inbound',
    });
    wave.push(
      sent(Topics.CallIngested, callId, { call, ingestedAt: iso(startedAt + 400_000) }, tenantId),
    );
    return call;
  }

  function addEvaluation(
    call: Call,
    o: { active: boolean; scoredAt: number; score: number },
    wave = wave1,
  ) {
    const ring = rand() < 0.2 ? null : rand() < 0.7 ? 'pass' : 'fail';
    const ev: EvaluationScored = {
      evaluationId: randomUUID(),
      callId: call.callId,
      tenantId,
      agentId: call.agentId,
      teamId: call.teamId,
      scorecardId: 'default',
      scorecardVersion: 1,
      score: o.score,
      grade: '',
      findings: ring
        ? [
            {
              ruleId: 'answer.within-three-rings',
              itemId: 'three-rings',
              section: 'efficiency',
              outcome:
                ring === 'pass'
                  ? FindingOutcome.FINDING_OUTCOME_PASS
                  : FindingOutcome.FINDING_OUTCOME_FAIL,
              critical: false,
              evidence: [],
            },
          ]
        : [],
      sections: [],
      callStartedAt: call.startedAt,
      answeredWithinThreeRings: ring === 'pass',
      forbiddenPhraseCount: Math.floor(rand() * 3),
      csat: call.csat,
      handleSeconds: 0,
      scorecardActive: o.active,
      callPurpose: 1,
    };
    const fact: EvaluationFact = {
      evaluationId: ev.evaluationId,
      callId: call.callId,
      agentId: call.agentId,
      teamId: call.teamId,
      active: o.active,
      score: o.score,
      threeRing: ring as 'pass' | 'fail' | null,
      forbiddenHits: ev.forbiddenPhraseCount,
      callStartedAt: Date.parse(call.startedAt),
      scoredAt: o.scoredAt,
      reviewedScore: null,
      reviewedAt: null,
    };
    truth.evaluations.push(fact);
    wave.push(sent(Topics.EvaluationScored, call.callId, ev, tenantId, iso(o.scoredAt)));
    return fact;
  }

  function addReview(f: EvaluationFact, score: number, at: number, wave = wave1) {
    if (f.reviewedAt === null || at > f.reviewedAt) {
      f.reviewedAt = at;
      f.reviewedScore = score;
    }
    wave.push(
      sent(
        Topics.EvaluationReviewed,
        f.callId,
        {
          evaluationId: f.evaluationId,
          callId: f.callId,
          tenantId,
          agentId: f.agentId,
          teamId: f.teamId,
          reviewerId: 'qa-1',
          previousScore: f.score,
          score,
          grade: '',
          overrides: [],
          finalized: true,
          callStartedAt: iso(f.callStartedAt),
        },
        tenantId,
        iso(at),
      ),
    );
  }

  function addComplaint(openedAt: number, statuses: string[], wave = wave1) {
    const a = pick(agents);
    const ticketId = `k-${randomUUID().slice(0, 8)}`;
    const c: ComplaintFact = {
      ticketId,
      agentId: a.agentId,
      teamId: a.teamId,
      repeat: rand() < 0.3,
      openedAt,
      transitions: [],
      breachedAt: [],
    };
    truth.complaints.push(c);
    wave.push(
      sent(
        Topics.ComplaintOpened,
        ticketId,
        {
          ticketId,
          tenantId,
          callId: '',
          agentId: a.agentId,
          teamId: a.teamId,
          customerId: 'u-1',
          category: 'billing',
          repeat: c.repeat,
          openedAt: iso(openedAt),
          dueAt: iso(openedAt + 3_600_000),
        },
        tenantId,
      ),
    );
    let from = 'open';
    statuses.forEach((to, i) => {
      const at = openedAt + (i + 1) * 47 * MIN;
      c.transitions.push({ version: i + 1, to, at });
      wave.push(
        sent(
          Topics.ComplaintTransitioned,
          ticketId,
          {
            ticketId,
            tenantId,
            fromStatus: from,
            toStatus: to,
            actorId: 'lead-1',
            reason: '',
            version: i + 1,
            at: iso(at),
            teamId: a.teamId,
            agentId: a.agentId,
            category: 'billing',
            rootCause: '',
          },
          tenantId,
        ),
      );
      from = to;
    });
    return c;
  }

  function addBreach(c: ComplaintFact, at: number) {
    c.breachedAt.push(at);
    wave1.push(
      sent(
        Topics.ComplaintSlaBreached,
        c.ticketId,
        {
          ticketId: c.ticketId,
          tenantId,
          status: 'open',
          dueAt: iso(at - 1000),
          breachedAt: iso(at),
        },
        tenantId,
      ),
    );
  }

  function addCallback(
    c: ComplaintFact,
    dueAt: number,
    doneAt: number | null,
    satisfaction: number,
  ) {
    const cb: CallbackFact = {
      ticketId: c.ticketId,
      attempt: 1,
      agentId: c.agentId,
      teamId: c.teamId,
      dueAt,
      doneAt,
      satisfaction: doneAt !== null && satisfaction ? satisfaction : null,
    };
    truth.callbacks.push(cb);
    wave1.push(
      sent(
        Topics.CallbackScheduled,
        c.ticketId,
        { ticketId: c.ticketId, tenantId, attempt: 1, dueAt: iso(dueAt) },
        tenantId,
      ),
    );
    if (doneAt !== null)
      wave1.push(
        sent(
          Topics.CallbackCompleted,
          c.ticketId,
          {
            ticketId: c.ticketId,
            tenantId,
            attempt: 1,
            outcome: 'satisfied',
            satisfaction,
            onTime: doneAt <= dueAt,
            doneAt: iso(doneAt),
            // Completed events may not know the team: the ticket's is used.
            teamId: '',
            agentId: '',
          },
          tenantId,
        ),
      );
  }

  /** Shuffles, and repeats some events: the same delivery twice, and the same fact under a new id. */
  function shuffledWithDuplicates(events: Sent[]): Sent[] {
    const out = [...events];
    for (const e of events) {
      if (rand() < 0.15) out.push(e);
      if (rand() < 0.1 && e.topic !== Topics.EvaluationReviewed)
        out.push({ ...e, eventId: randomUUID() });
    }
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  beforeAll(async () => {
    await h.start();
    const tenant = sent(
      Topics.TenantUpserted,
      tenantId,
      { tenantId, name: tenantId, companyName: 'K', secondsPerRing: 3, timezone: TZ },
      tenantId,
    );
    await h.publish([tenant]);
    await h.settle([tenant.eventId]);

    // Calls over three hours and a day boundary, with scores, re-scores, a trial version and reviews.
    const calls: Call[] = [];
    for (let i = 0; i < 36; i++)
      calls.push(addCall(T0 + Math.floor(rand() * 180) * MIN + Math.floor(rand() * 59_000)));
    calls.push(addCall(Date.parse('2026-11-23T15:59:30Z'))); // 23:59:30 local: the day's last minute
    const training = addCall(T0 + 5 * MIN, { purpose: 4 });
    addEvaluation(training, { active: true, scoredAt: T0 + 6 * MIN, score: 100 });
    // Follow-ups: the same customer calls back about the same issue (first-contact resolution).
    for (const first of calls.slice(0, 6))
      calls.push(
        addCall(Date.parse(first.startedAt) + 2 * 3_600_000, {
          customer: first.customer,
          relatedCallIds: [first.callId],
        }),
      );
    for (const call of calls) {
      if (rand() < 0.1) continue; // not scored yet
      const t = Date.parse(call.startedAt) + 5 * MIN;
      const first = addEvaluation(call, {
        active: true,
        scoredAt: t,
        score: Math.round(rand() * 1000) / 10,
      });
      if (rand() < 0.25)
        addEvaluation(call, {
          active: true,
          scoredAt: t + 3_600_000,
          score: Math.round(rand() * 1000) / 10,
        });
      if (rand() < 0.2) addEvaluation(call, { active: false, scoredAt: t + 7_200_000, score: 1 });
      if (rand() < 0.2) {
        addReview(first, 55, t + 600_000);
        addReview(first, 92.5, t + 900_000);
      }
    }
    // Complaints with every ending, and their SLA breaches and callbacks.
    const endings = [
      ['accepted', 'investigating', 'solution_proposed', 'resolved'],
      ['accepted', 'resolved', 'callback_scheduled', 'callback_done', 'closed'],
      ['accepted', 'resolved', 'reopened', 'resolved', 'closed'],
      ['accepted'],
      [],
    ];
    for (let i = 0; i < 14; i++) {
      const c = addComplaint(T0 + Math.floor(rand() * 600) * MIN, pick(endings));
      if (rand() < 0.4) addBreach(c, c.openedAt! + 65 * MIN);
      if (rand() < 0.6) {
        const due = c.openedAt! + 26 * 3_600_000;
        addCallback(
          c,
          due,
          rand() < 0.7 ? due + (rand() < 0.5 ? -3_600_000 : 3_600_000) : null,
          Math.floor(rand() * 6),
        );
      }
    }

    // Late arrivals: calls from three days back, a re-score and a review of wave-one calls.
    for (let i = 0; i < 5; i++) addCall(T0 - 3 * 86_400_000 + i * 7 * MIN, {}, wave2);
    const scored = truth.evaluations.filter((e) => e.active && e.callId !== training.callId);
    addEvaluation(
      calls.find((c) => c.callId === scored[0].callId)!,
      { active: true, scoredAt: T0 + 86_400_000, score: 12 },
      wave2,
    );
    addReview(scored[1], 77, T0 + 86_400_000, wave2);

    const first = shuffledWithDuplicates(wave1);
    await h.publish(first);
    await h.settle(first.map((e) => e.eventId));
    const second = shuffledWithDuplicates(wave2);
    await h.publish(second);
    await h.settle(second.map((e) => e.eventId));
  }, 300_000);

  afterAll(() => h.stop());

  const scopesOf = (f: AllFacts) => {
    const ids = [...f.calls, ...f.evaluations, ...f.complaints, ...f.callbacks];
    return [
      { scope: 'tenant' as const, id: tenantId },
      ...[...new Set(ids.map((x) => x.teamId))]
        .filter(Boolean)
        .map((id) => ({ scope: 'team' as const, id })),
      ...[...new Set(ids.map((x) => x.agentId))]
        .filter(Boolean)
        .map((id) => ({ scope: 'agent' as const, id })),
    ];
  };

  const eventTimes = (f: AllFacts) => [
    ...f.calls.map((c) => c.startedAt),
    ...f.complaints.flatMap((c) => [
      c.openedAt!,
      ...c.transitions.map((t) => t.at),
      ...c.breachedAt,
    ]),
    ...f.callbacks.flatMap((c) => [c.dueAt!, ...(c.doneAt === null ? [] : [c.doneAt])]),
  ];

  const isEmpty = (c: KpiComponents) =>
    JSON.stringify({ ...c, medianHoursToClose: null }) ===
    JSON.stringify({ ...emptyComponents(), medianHoursToClose: null });

  function differences(actual: KpiComponents, expected: KpiComponents): string[] {
    const diffs: string[] = [];
    for (const k of Object.keys(expected) as (keyof KpiComponents)[]) {
      const a = actual[k];
      const e = expected[k];
      const same =
        k === 'grades'
          ? JSON.stringify(a) === JSON.stringify(e)
          : a === null || e === null
            ? a === e
            : Math.abs((a as number) - (e as number)) <= 1e-6;
      if (!same) diffs.push(`${k}: ${JSON.stringify(a)} ≠ ${JSON.stringify(e)}`);
    }
    return diffs;
  }

  it('stores every bucket the facts make, and each equals the reference computed from them', async () => {
    const rows = (await h.db.query(`SELECT * FROM kpi.aggregates WHERE tenant_id = $1`, [
      tenantId,
    ])) as Record<string, never>[];
    const stored = new Map(
      rows.map((r) => [
        `${r.window}|${r.scope}|${r.scope_id}|${new Date(r.bucket_start).getTime()}`,
        r,
      ]),
    );
    let compared = 0;
    const problems: string[] = [];
    for (const window of WINDOWS as readonly KpiWindow[]) {
      const starts = new Set(eventTimes(truth).map((t) => bucketStart(t, window, TZ)));
      for (const start of starts) {
        for (const s of scopesOf(truth)) {
          const expected = componentsFromFacts(truth, {
            ...s,
            from: start,
            to: nextBucket(start, window, TZ),
          });
          const key = `${window}|${s.scope}|${s.id}|${start}`;
          const row = stored.get(key);
          stored.delete(key);
          if (isEmpty(expected) !== !row) {
            problems.push(`${key}: ${row ? 'stored, but the facts make nothing' : 'missing'}`);
            continue;
          }
          if (!row) continue;
          problems.push(...differences(componentsOfRow(row), expected).map((d) => `${key} ${d}`));
          compared++;
        }
      }
    }
    expect({ seed, problems }).toEqual({ seed, problems: [] });
    expect([...stored.keys()]).toEqual([]); // nothing stored that the facts do not make
    expect(compared).toBeGreaterThan(100);
  });

  it('counts the late calls in their own day, the training call nowhere', async () => {
    const day = (t: number) => bucketStart(t, 'day', TZ);
    const rows = (await h.db.query(
      `SELECT bucket_start, calls FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = 'day'
         AND scope = 'tenant' ORDER BY bucket_start`,
      [tenantId],
    )) as { bucket_start: Date; calls: string }[];
    const late = rows.find((r) => r.bucket_start.getTime() === day(T0 - 3 * 86_400_000));
    expect(Number(late?.calls)).toBe(5);
    const total = rows.reduce((s, r) => s + Number(r.calls), 0);
    expect(total).toBe(truth.calls.filter((c) => c.purpose !== 'training').length);
  });
});
