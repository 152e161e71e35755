import { call } from '../../api';

export interface Quoted {
  evaluationId: string;
  callId: string;
  callStartedAt: string;
  outcome: string | null;
  evidence: { segment: number; start: number; end: number; text: string }[];
  reason?: string;
}

export interface PassRate {
  passed: number;
  applicable: number;
  rate: number | null;
}

export interface Assignment {
  id: string;
  agentId: string;
  teamId: string;
  ruleId: string;
  origin: 'auto' | 'manual';
  status: 'open' | 'session_recorded' | 'closed';
  version: number;
  openedAt: string;
  openedBy: string;
  threshold: { failures: number; window: number };
  evidence: Quoted[];
  session: {
    heldAt: string;
    recordedBy: string;
    notes: string;
    actions: string[];
    dueDate: string;
  } | null;
  passRate?: { pivot: string; before: PassRate; after: PassRate };
}

export interface AgentMonth {
  agentId: string;
  planPoints: number;
  maxPlanPoints: number;
  satisfactionRate: number | null;
  satisfactionPoints: number;
  score: number;
  band: string;
  bandName: string;
  title: string | null;
  flagged: boolean;
}

export interface Figures {
  calls: number;
  qaScoreAvg: number | null;
  behaviourScore: number | null;
  forbiddenPer100Calls: number | null;
  complaintsOpened: number;
  complaintResolutionRate: number | null;
  repeatComplaintRate: number | null;
  trainingCalls: number;
  trainingCallScoreAvg: number | null;
}

export interface Programme {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  trainees: string[];
}

export interface EffectRow {
  before: Figures;
  after: Figures;
  onTarget: {
    complaintResolution: boolean | null;
    repeatComplaints: boolean | null;
    behaviourScore: boolean | null;
  };
}

export interface Effect {
  programme: Programme;
  windows: { before: { from: string; to: string }; after: { from: string; to: string } };
  complete: boolean;
  cohort: EffectRow;
  trainees: (EffectRow & {
    agentId: string;
    attendance: number | null;
    sources: Record<string, string>;
  })[];
}

const query = (q: Record<string, string>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== '')).toString();

export const coachingApi = {
  list(q: Record<string, string>): Promise<{ items: Assignment[]; nextCursor: string | null }> {
    return call(`/api/v1/coaching/assignments?${query(q)}`);
  },
  get(id: string): Promise<Assignment> {
    return call(`/api/v1/coaching/assignments/${encodeURIComponent(id)}`);
  },
  session(
    id: string,
    body: { expectedVersion: number; notes: string; actions: string[]; dueDate: string },
  ) {
    return call<Assignment>(`/api/v1/coaching/assignments/${encodeURIComponent(id)}/session`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
  },
  programmes(): Promise<{ items: Programme[] }> {
    return call('/api/v1/training/programmes');
  },
  effect(id: string): Promise<Effect> {
    return call(`/api/v1/training/programmes/${encodeURIComponent(id)}/effect`);
  },
  month(
    month: string,
    agentId?: string,
  ): Promise<{ month: string; workingDays: number; items: AgentMonth[] }> {
    return call(`/api/v1/appraisal/months/${month}?${query({ agentId: agentId ?? '' })}`);
  },
};
