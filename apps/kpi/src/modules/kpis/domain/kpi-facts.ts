import { gradeOf } from './kpi-definitions';
import { emptyComponents, KpiComponents, median } from './kpi-math';
import { businessHoursBetween, DEFAULT_CALENDAR } from '@qa/business-calendar';

/**
 * The facts KPIs are computed from, one per natural id, and the rules that make them exact. The
 * database computes the same with set-based SQL; this is the reference it is tested against.
 */
export interface CallFact {
  callId: string;
  agentId: string;
  teamId: string;
  purpose: string;
  customerId: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  csat: number | null;
  relatedCallIds: string[];
  /** As the call says; events without one: answered when it has an answer time, else no_answer. */
  disposition?: Disposition;
  /** Events without one (older facts included) count as inbound. */
  direction?: 'inbound' | 'outbound';
}

export const DISPOSITIONS = ['answered', 'no_answer', 'busy', 'failed', 'congestion'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const dispositionOf = (c: Pick<CallFact, 'disposition' | 'answeredAt'>): Disposition =>
  c.disposition ?? (c.answeredAt !== null ? 'answered' : 'no_answer');

export interface EvaluationFact {
  evaluationId: string;
  callId: string;
  agentId: string;
  teamId: string;
  active: boolean;
  score: number;
  threeRing: 'pass' | 'fail' | null;
  forbiddenHits: number;
  callStartedAt: number;
  scoredAt: number;
  /** The latest human review of this evaluation, if any. */
  reviewedScore: number | null;
  reviewedAt: number | null;
}

export interface ComplaintTransition {
  version: number;
  to: string;
  at: number;
  /** On a move to closed: business hours open by the tenant's calendar (complaints says). */
  businessHoursOpen?: number | null;
}

export interface ComplaintFact {
  ticketId: string;
  agentId: string;
  teamId: string;
  repeat: boolean;
  openedAt: number | null;
  transitions: ComplaintTransition[];
  breachedAt: number[];
}

export interface CallbackFact {
  ticketId: string;
  attempt: number;
  agentId: string;
  teamId: string;
  dueAt: number | null;
  doneAt: number | null;
  satisfaction: number | null;
}

export const TRAINING = 'training';
export const FCR_DAYS = 7;
const DAY = 86_400_000;

/** Statuses that count as resolved (the customer has the solution). */
export const RESOLVED_STATUSES = ['resolved', 'callback_scheduled', 'callback_done', 'closed'];

/**
 * The evaluation that stands for a call: a reviewed one first (a person's final word), then the
 * latest scored with a version the tenant had active, then (events from before that flag) the
 * first one. Ties break on the id, so every order of arrival picks the same.
 */
export function finalEvaluation(evals: EvaluationFact[]): EvaluationFact | undefined {
  const rank = (e: EvaluationFact): [number, number, number, number, string] => [
    e.reviewedAt !== null ? 1 : 0,
    e.reviewedAt ?? 0,
    e.active ? 1 : 0,
    e.active ? e.scoredAt : -e.scoredAt,
    e.evaluationId,
  ];
  let best: EvaluationFact | undefined;
  for (const e of evals) {
    if (!best) best = e;
    else {
      const a = rank(e);
      const b = rank(best);
      const i = a.findIndex((x, k) => x !== b[k]);
      if (i >= 0 && a[i] > b[i]) best = e;
    }
  }
  return best;
}

export const finalScore = (e: EvaluationFact): number => e.reviewedScore ?? e.score;

/** A ticket's state from its transitions, whatever order they came in: the highest version wins. */
export function complaintState(c: ComplaintFact): {
  status: string;
  reopened: boolean;
  closedAt: number | null;
  businessHoursOpen: number | null;
} {
  const sorted = [...c.transitions].sort((a, b) => a.version - b.version);
  const last = sorted[sorted.length - 1];
  const status = last?.to ?? 'open';
  return {
    status,
    reopened: sorted.some((t) => t.to === 'reopened'),
    closedAt: status === 'closed' ? last.at : null,
    businessHoursOpen: status === 'closed' ? (last.businessHoursOpen ?? null) : null,
  };
}

/**
 * Business hours from opening to closing. The complaints service counts them by the tenant's own
 * business calendar and sends them on the closing transition; a closing event from before that
 * field is counted here by the default calendar (the one complaints uses for a tenant that has
 * set none).
 */
export function ticketHoursToClose(
  openedAt: number,
  closedAt: number,
  fromEvent: number | null | undefined,
): number {
  return (
    fromEvent ?? businessHoursBetween(DEFAULT_CALENDAR, new Date(openedAt), new Date(closedAt))
  );
}

export const resolvedWithoutReopening = (c: ComplaintFact): boolean => {
  const s = complaintState(c);
  return RESOLVED_STATUSES.includes(s.status) && !s.reopened;
};

/**
 * Calls that were followed, within 7 days, by a call naming them as related from the same
 * customer (when both carry a customer id): these were not resolved at first contact.
 */
export function repeatedCallIds(calls: CallFact[]): Set<string> {
  const byId = new Map(calls.map((c) => [c.callId, c]));
  const out = new Set<string>();
  for (const later of calls) {
    if (later.purpose === TRAINING) continue;
    for (const id of later.relatedCallIds) {
      const first = byId.get(id);
      if (!first || first.callId === later.callId) continue;
      const sameCustomer =
        !first.customerId || !later.customerId || first.customerId === later.customerId;
      const gap = later.startedAt - first.startedAt;
      if (sameCustomer && gap > 0 && gap <= FCR_DAYS * DAY) out.add(first.callId);
    }
  }
  return out;
}

export interface BucketSelector {
  scope: 'tenant' | 'team' | 'agent';
  id: string;
  from: number;
  to: number;
}

export interface AllFacts {
  calls: CallFact[];
  evaluations: EvaluationFact[];
  complaints: ComplaintFact[];
  callbacks: CallbackFact[];
}

/** Reference computation of one bucket straight from the facts (tests and the rebuild compare). */
export function componentsFromFacts(f: AllFacts, b: BucketSelector): KpiComponents {
  const c = emptyComponents();
  const inScope = (x: { teamId: string; agentId: string }) =>
    b.scope === 'tenant' || (b.scope === 'team' ? x.teamId === b.id : x.agentId === b.id);
  const inBucket = (t: number | null): t is number => t !== null && t >= b.from && t < b.to;
  // Evaluations of training calls and of unanswered calls (an older scoring scored them) count in
  // no figure: an unanswered call is not an agent's work.
  const notCounted = new Set(
    f.calls
      .filter((x) => x.purpose === TRAINING || dispositionOf(x) !== 'answered')
      .map((x) => x.callId),
  );
  const repeated = repeatedCallIds(f.calls);

  for (const call of f.calls) {
    if (call.purpose === TRAINING || !inScope(call) || !inBucket(call.startedAt)) continue;
    c.calls++;
    if (repeated.has(call.callId)) c.fcrRepeated++;
    const disposition = dispositionOf(call);
    if (disposition === 'answered' && call.answeredAt !== null && call.endedAt !== null) {
      c.answered++;
      c.handleSecondsSum += (call.endedAt - call.answeredAt) / 1000;
    }
    if (
      call.direction !== 'outbound' &&
      (disposition === 'answered' || disposition === 'no_answer')
    ) {
      c.offered++;
      if (disposition === 'no_answer') {
        c.abandoned++;
        if (call.endedAt !== null) {
          c.abandonedTimed++;
          c.abandonedRingSecondsSum += (call.endedAt - call.startedAt) / 1000;
        }
      }
    }
    if (call.csat !== null) {
      c.csatCount++;
      c.csatSum += call.csat;
    }
  }

  const byCall = new Map<string, EvaluationFact[]>();
  for (const e of f.evaluations) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e]);
  for (const [callId, evals] of byCall) {
    const e = finalEvaluation(evals)!;
    if (notCounted.has(callId) || !inScope(e) || !inBucket(e.callStartedAt)) continue;
    const score = finalScore(e);
    c.evaluated++;
    c.scoreSum += score;
    c.grades[gradeOf(score)]++;
    c.forbiddenHits += e.forbiddenHits;
    if (e.threeRing !== null) {
      c.threeRingApplied++;
      if (e.threeRing === 'pass') c.threeRingPass++;
    }
  }

  const hoursToClose: number[] = [];
  for (const t of f.complaints) {
    if (!inScope(t)) continue;
    if (inBucket(t.openedAt)) {
      c.complaintsOpened++;
      if (t.repeat) c.complaintsRepeat++;
      if (resolvedWithoutReopening(t)) c.complaintsResolved++;
    }
    const { closedAt, businessHoursOpen } = complaintState(t);
    if (t.openedAt !== null && closedAt !== null && inBucket(closedAt)) {
      c.complaintsClosed++;
      hoursToClose.push(ticketHoursToClose(t.openedAt, closedAt, businessHoursOpen));
    }
    c.slaBreaches += t.breachedAt.filter(inBucket).length;
  }
  c.medianHoursToClose = median(hoursToClose);

  for (const cb of f.callbacks) {
    if (!inScope(cb)) continue;
    if (inBucket(cb.dueAt)) {
      c.callbacksDue++;
      if (cb.doneAt !== null && cb.doneAt <= cb.dueAt) c.callbacksOnTime++;
    }
    if (inBucket(cb.doneAt) && cb.satisfaction !== null) {
      c.callbackCsatCount++;
      c.callbackCsatSum += cb.satisfaction;
    }
  }
  return c;
}
