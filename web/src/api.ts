export interface Session {
  accessToken: string;
  username: string;
  role: string;
  tenantId: string | null;
  agentId?: string;
}

export interface Evidence {
  segment: number;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  ruleId: string;
  itemId: string;
  section: string;
  outcome: 'pass' | 'fail' | 'not_applicable';
  critical: boolean;
  evidence: Evidence[];
}

export interface EvaluationSummary {
  id: string;
  callId: string;
  agentId: string;
  teamId: string;
  callStartedAt: string;
  score: number;
  grade: string;
  scorecardVersion: number;
  failedRules: string[];
}

export interface Evaluation extends EvaluationSummary {
  sections: { sectionId: string; name: string; weight: number; score: number }[];
  findings: Finding[];
}

export interface Segment {
  speaker: 'agent' | 'customer';
  startMs: number;
  endMs: number;
  text: string;
}

export interface CallView {
  callId: string;
  segments: Segment[];
  recordingUrl?: string;
}

const KEY = 'qa.session';

export const session = {
  get(): Session | null {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  },
  set(s: Session | null): void {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const s = session.get();
  const res = await fetch(path, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(s ? { authorization: `Bearer ${s.accessToken}` } : {}),
    },
  });
  if (res.status === 401 && s) {
    session.set(null);
    location.hash = '#/login';
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new ApiError(res.status, body.detail ?? body.title ?? res.statusText);
  }
  return (await res.json()) as T;
}

export const api = {
  async login(username: string, password: string): Promise<Session> {
    const t = await call<{ accessToken: string }>('/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    });
    session.set({ accessToken: t.accessToken, username, role: '', tenantId: null });
    const me = await call<Omit<Session, 'accessToken'>>('/api/v1/auth/me');
    const s = { ...me, accessToken: t.accessToken };
    session.set(s);
    return s;
  },
  evaluations(
    query: Record<string, string>,
  ): Promise<{ items: EvaluationSummary[]; nextCursor: string | null }> {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    return call(`/api/v1/evaluations?${q.toString()}`);
  },
  evaluation(id: string): Promise<Evaluation> {
    return call(`/api/v1/evaluations/${encodeURIComponent(id)}`);
  },
  call(callId: string): Promise<CallView> {
    return call(`/api/v1/calls/${encodeURIComponent(callId)}`);
  },
  /** The audio element cannot send a bearer token, so the recording is fetched into a blob URL. */
  async recording(callId: string): Promise<string | null> {
    const s = session.get();
    const res = await fetch(`/api/v1/calls/${encodeURIComponent(callId)}/recording`, {
      headers: s ? { authorization: `Bearer ${s.accessToken}` } : {},
    });
    return res.ok ? URL.createObjectURL(await res.blob()) : null;
  },
};
