import { authorized, call } from '../../api';

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

export interface TrendPoint {
  bucketStart: string;
  passed: number;
  applicable: number;
  rate: number | null;
}

export interface AgentTrend {
  agentId: string;
  bucket: 'week' | 'month';
  from: string;
  to: string;
  buckets: string[];
  rules: { ruleId: string; total: Omit<TrendPoint, 'bucketStart'>; points: TrendPoint[] }[];
}

export interface TrainingCall {
  evaluationId: string;
  callId: string;
  agentId: string;
  callStartedAt: string;
  score: number;
  autoScore: number;
  reviewedAt: string | null;
}

export interface Goal {
  text: string;
  points: number;
  done: boolean;
}

export interface Plan {
  agentId: string;
  date: string;
  goals: Goal[];
  points: number;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export const FACTORS = [
  'writtenTest',
  'trainingCallScore',
  'csat',
  'attendance',
  'kpiAttainment',
] as const;
export type Factor = (typeof FACTORS)[number];

export interface Round {
  id: string;
  name: string;
  period: { from: string; to: string };
  eligibility: {
    minGrade: number;
    consecutiveMonths: number;
    minBand: string;
    noMajorIncident: boolean;
  };
  weights: Record<Factor, number>;
  createdBy: string;
  createdAt: string;
}

export interface Candidate {
  agentId: string;
  grade: number;
  writtenTest: number | null;
  attendance: number | null;
  kpiAttainment: number | null;
  majorIncident: boolean;
}

export interface Ranked {
  rank: number | null;
  agentId: string;
  eligible: boolean;
  reasons: string[];
  grade: number;
  majorIncident: boolean;
  bands: (string | null)[];
  factors: Record<Factor, { raw: number | null; points: number; weight: number; weighted: number }>;
  /** How KPI attainment came about: derived from the KPI figures, entered by hand, or neither. */
  kpi: {
    source: 'derived' | 'entered' | 'none';
    derived: number | null;
    entered: number | null;
    onTarget: number;
    withTarget: number;
    figures: { month: string; kpi: string; value: number; target: number; onTarget: boolean }[];
  };
  total: number;
  trainingCalls: number;
  surveyed: number;
}

export interface Ranking {
  round: Round;
  sources: Record<string, string>;
  items: Ranked[];
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
  trend(agentId: string, q: Record<string, string>): Promise<AgentTrend> {
    return call(`/api/v1/coaching/agents/${encodeURIComponent(agentId)}/trend?${query(q)}`);
  },
  trainingCalls(
    q: Record<string, string>,
  ): Promise<{ from: string; to: string; items: TrainingCall[]; nextCursor: string | null }> {
    return call(`/api/v1/training/calls?${query(q)}`);
  },
  plans(month: string, agentId: string): Promise<{ items: Plan[] }> {
    return call(`/api/v1/appraisal/plans?${query({ month, agentId })}`);
  },
  putPlan(agentId: string, date: string, body: { goals: Goal[]; expectedVersion: number }) {
    return call<Plan>(
      `/api/v1/appraisal/plans/${encodeURIComponent(agentId)}/${encodeURIComponent(date)}`,
      { method: 'PUT', body: JSON.stringify(body) },
    );
  },
  rounds(): Promise<{ items: Round[] }> {
    return call('/api/v1/promotion/rounds');
  },
  createRound(body: Omit<Round, 'id' | 'createdBy' | 'createdAt'>): Promise<Round> {
    return call('/api/v1/promotion/rounds', { method: 'POST', body: JSON.stringify(body) });
  },
  putCandidate(roundId: string, c: Candidate): Promise<Candidate> {
    const { agentId, ...body } = c;
    return call(
      `/api/v1/promotion/rounds/${encodeURIComponent(roundId)}/candidates/${encodeURIComponent(agentId)}`,
      { method: 'PUT', body: JSON.stringify(body) },
    );
  },
  ranking(roundId: string): Promise<Ranking> {
    return call(`/api/v1/promotion/rounds/${encodeURIComponent(roundId)}/ranking`);
  },
  /** The CSV as a blob URL: a download link cannot send the bearer token itself. */
  async rankingCsv(roundId: string): Promise<string> {
    const res = await authorized(
      `/api/v1/promotion/rounds/${encodeURIComponent(roundId)}/ranking?format=csv`,
    );
    if (!res.ok) throw new Error(res.statusText);
    return URL.createObjectURL(await res.blob());
  },
};
