import { call, Evaluation } from '../../api';
import type { Outcome } from '../../../../libs/qa-rules/src';

export type ReviewStatus = 'auto' | 'in_review' | 'final';

/** One rule's or manual item's change inside a history entry. */
export interface HistoryChange {
  ruleId?: string;
  itemId: string;
  /** pass|fail|not_applicable, or 'held' / 'pending'. */
  before: string;
  after: string;
  /** Why, when the API records it per change (an override's reason). */
  reason?: string;
}

export interface HistoryEntry {
  at: string;
  by: string;
  role: string;
  /** scored, reviewed, finalized, released, acknowledged, disputed, dispute_decided. */
  action: string;
  changes: HistoryChange[];
  reason: string | null;
  scoreBefore: number | null;
  scoreAfter: number | null;
  disputeId?: string;
}

export interface Override {
  ruleId: string;
  itemId?: string;
  outcome: Outcome;
  /** Needed when the outcome differs from the engine's; a confirmation needs none. */
  reason?: string;
}

export interface Answer {
  itemId: string;
  outcome: Outcome;
  comment?: string;
}

export interface ReviewRequest {
  expectedVersion: number;
  overrides?: Override[];
  answers?: Answer[];
  comment?: string;
  finalize?: boolean;
}

export interface DisputeItem {
  ruleId?: string;
  itemId?: string;
  comment: string;
}

export interface Dispute {
  id: string;
  evaluationId: string;
  agentId: string;
  status: 'open' | DecisionKind;
  items: (DisputeItem & { itemId: string })[];
  openedBy: string;
  openedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  decisionItems: { ruleId?: string; itemId: string; outcome: Outcome; comment?: string }[];
}

export type DecisionKind = 'upheld' | 'partly_accepted' | 'amended';

export interface DecisionRequest {
  decision: DecisionKind;
  items?: { ruleId?: string; itemId?: string; outcome: Outcome }[];
  comment: string;
}

export interface QueueItem {
  id: string;
  evaluationId: string;
  callId: string;
  agentId: string;
  policyId: string;
  /** Why the call was sampled: critical_fail, complaint, needs_human_review, share, minimum. */
  reasons: string[];
  assignee: string;
  dueAt: string;
  assignedAt: string;
  overdue: boolean;
  version: number;
  evaluationStatus: string;
  score: number;
  grade: string;
  reassignments: { at: string; by: string; from: string; to: string; reason: string | null }[];
}

export interface AgreementReport {
  from: string;
  to: string;
  items: AgreementItem[];
  /** Monday (UTC) of the week the decisions were made. */
  byWeek: { week: string; items: AgreementItem[] }[];
}

export interface AgreementItem {
  ruleId: string;
  reviewed: number;
  confirmed: number;
  overridden: number;
  precisionOfFails: number | null;
  kappa: number | null;
}

export interface CalibrationSession {
  id: string;
  name: string;
  status: 'open' | 'closed';
  callIds: string[];
  /** Per call: its evaluation and the items each participant answers. */
  calls: { callId: string; evaluationId: string; itemIds: string[] }[];
  evaluators: string[];
  expert: string;
  /** Who has submitted (never what). */
  submitted: string[];
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

export interface CalibrationScores {
  scores: { callId: string; items: { itemId: string; outcome: Outcome }[] }[];
}

export interface CalibrationReport {
  sessionId: string;
  expert: string;
  /** Points of mean deviation that make an evaluator strict or lenient. */
  tendencyThreshold: number;
  benchmark: { callId: string; score: number }[];
  items: { itemId: string; answers: number; agreeing: number; agreement: number | null }[];
  evaluators: {
    evaluator: string;
    scores: { callId: string; score: number; benchmark: number; deviation: number }[];
    /** Mean score − benchmark. */
    deviation: number;
    absoluteDeviation: number;
    itemAgreement: number | null;
    tendency: 'strict' | 'lenient' | 'aligned';
  }[];
}

const path = (...parts: string[]) => `/api/v1/${parts.map(encodeURIComponent).join('/')}`;
const send = <T>(url: string, body: object, method = 'POST') =>
  call<T>(url, { method, body: JSON.stringify(body) });
const query = (q: Record<string, string>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== '')).toString();

export const reviewApi = {
  review(id: string, body: ReviewRequest): Promise<Evaluation> {
    return send(`${path('evaluations', id)}/review`, body);
  },
  history(id: string): Promise<{ items: HistoryEntry[] }> {
    return call(`${path('evaluations', id)}/history`);
  },
  release(id: string): Promise<Evaluation> {
    return send(`${path('evaluations', id)}/release`, {});
  },
  acknowledge(id: string): Promise<Evaluation> {
    return send(`${path('evaluations', id)}/acknowledge`, {});
  },
  dispute(id: string, items: DisputeItem[]): Promise<Dispute> {
    return send(`${path('evaluations', id)}/disputes`, { items });
  },
  decide(disputeId: string, body: DecisionRequest): Promise<Dispute> {
    return send(`${path('disputes', disputeId)}/decision`, body);
  },
  disputes(
    q: Record<string, string> = {},
  ): Promise<{ items: Dispute[]; nextCursor: string | null }> {
    return call(`/api/v1/disputes?${query(q)}`);
  },
  queue(
    q: Record<string, string> = {},
  ): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
    return call(`/api/v1/review-queue?${query(q)}`);
  },
  reassign(item: QueueItem, assignee: string): Promise<QueueItem> {
    return send(`${path('review-queue', item.id)}/reassign`, {
      assignee,
      expectedVersion: item.version,
    });
  },
  agreement(q: Record<string, string>): Promise<AgreementReport> {
    return call(`/api/v1/reports/agreement?${query(q)}`);
  },
  calibrations(): Promise<{ items: CalibrationSession[] }> {
    return call('/api/v1/calibrations');
  },
  calibration(id: string): Promise<CalibrationSession> {
    return call(path('calibrations', id));
  },
  createCalibration(body: {
    name?: string;
    callIds: string[];
    evaluators: string[];
    expert: string;
  }): Promise<CalibrationSession> {
    return send('/api/v1/calibrations', body);
  },
  scoreCalibration(
    id: string,
    body: CalibrationScores,
  ): Promise<{ calibrationId: string; participant: string; status: 'open' | 'closed' }> {
    return send(`${path('calibrations', id)}/scores`, body);
  },
  calibrationReport(id: string): Promise<CalibrationReport> {
    return call(`${path('calibrations', id)}/report`);
  },
};
