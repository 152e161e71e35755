// What the engine reports is what the API returns: the same types, not a copy.
import type { Evidence, Outcome } from '../../libs/qa-rules/src';

export interface Session {
  accessToken: string;
  refreshToken: string;
  username: string;
  role: string;
  tenantId: string | null;
  agentId?: string;
  /** The tenant's IANA time zone (null for the platform admin). */
  timezone?: string | null;
}

export type { Evidence };

export interface Finding {
  ruleId: string;
  itemId: string;
  section: string;
  /** After human review; the engine's when nobody changed it. */
  outcome: Outcome;
  automaticOutcome: Outcome;
  overrideReason?: string;
  /** The scorecard marks the item "needs human review". */
  needsHumanReview: boolean;
  /** An unconfirmed fail of such an item: left out of the score until a person confirms it. */
  heldForReview: boolean;
  critical: boolean;
  evidence: Evidence[];
}

export interface EvaluationSummary {
  id: string;
  callId: string;
  agentId: string;
  teamId: string;
  callStartedAt: string;
  /** The reviewed score (held-out items left out). */
  score: number;
  grade: string;
  /** The engine's score and grade, kept after review. */
  autoScore: number;
  autoGrade: string;
  scorecardId: string;
  scorecardVersion: number;
  /** auto: the engine's; in_review: a person has started; final: finalized by a person. */
  status: 'auto' | 'in_review' | 'final';
  /** Optimistic lock: POST /review sends it as expectedVersion; a stale one is a 409. */
  version: number;
  failedRules: string[];
  /** When the agent could first see it. */
  releasedAt: string | null;
}

/** A manual item a person answered (or a finding they overrode). */
export interface ManualAnswerView {
  itemId: string;
  question: string;
  outcome: Outcome;
  comment?: string;
}

export interface Evaluation extends EvaluationSummary {
  sections: { sectionId: string; name: string; weight: number; score: number }[];
  findings: Finding[];
  pendingManualItems: string[];
  manualAnswers: ManualAnswerView[];
  reviewComment?: string;
  finalizedAt: string | null;
  finalizedBy: string | null;
  acknowledgedAt: string | null;
}

export interface Segment {
  speaker: 'agent' | 'customer';
  startMs: number;
  endMs: number;
  text: string;
}

export interface CallView {
  callId: string;
  agentId: string;
  teamId: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  ringCount: number;
  hangupBy: 'customer' | 'agent' | 'system' | 'unknown';
  /** Masked unless the user may see personal numbers. */
  customer?: { phone?: string; id?: string; name?: string };
  segments: Segment[];
  recordingUrl?: string;
}

const KEY = 'qa.session';
/**
 * The session is kept in localStorage, so a link opened in a new tab or a reload stays logged in;
 * it lapses after this long without a login or a token renewal (a shift plus breaks).
 */
const IDLE_MS = 12 * 3600_000;
const CHANGED = 'qa-session-changed';

export const session = {
  get(): Session | null {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session & { expiresAt?: number };
    if (!s.expiresAt || s.expiresAt < Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  },
  set(s: Session | null): void {
    if (s) localStorage.setItem(KEY, JSON.stringify({ ...s, expiresAt: Date.now() + IDLE_MS }));
    else localStorage.removeItem(KEY);
    // The storage event reaches only the other tabs.
    dispatchEvent(new Event(CHANGED));
  },
  /** This or another tab logged in, renewed the tokens or logged out. */
  onChange(listener: (s: Session | null) => void): () => void {
    const on = (e: Event) => {
      if (!(e instanceof StorageEvent) || e.key === KEY || e.key === null) listener(session.get());
    };
    addEventListener('storage', on);
    addEventListener(CHANGED, on);
    return () => {
      removeEventListener('storage', on);
      removeEventListener(CHANGED, on);
    };
  },
};

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** The problem's code (e.g. AUTH_BAD_CREDENTIALS): what the UI translates. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface Tenant {
  tenantId: string;
  name: string;
  companyName: string;
  secondsPerRing: number;
  timezone: string;
}

export interface User {
  id: string;
  username: string;
  role: string;
  tenantId: string | null;
  agentId: string | null;
  teamId: string | null;
  disabled: boolean;
  /** Optimistic lock: a PATCH sends it as expectedVersion; a stale one is a 409. */
  version: number;
}

/** What an admin may change on a user (null clears an id). */
export interface UserPatch {
  role?: string;
  agentId?: string | null;
  teamId?: string | null;
  disabled?: boolean;
  expectedVersion: number;
}

let refreshing: Promise<boolean> | null = null;

/**
 * Swaps the refresh token for a new pair; one at a time, since each token works once. Tabs share
 * the session, so a lock spans them, and a tab that waited uses the pair another tab just got.
 */
function refreshSession(): Promise<boolean> {
  const stale = session.get()?.refreshToken;
  const renew = async () => {
    const s = session.get();
    if (!s?.refreshToken) return false;
    if (s.refreshToken !== stale) return true;
    const res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: s.refreshToken }),
    });
    if (!res.ok) return false;
    const pair = (await res.json()) as { accessToken: string; refreshToken: string };
    session.set({ ...s, ...pair });
    return true;
  };
  refreshing ??= (
    navigator.locks ? navigator.locks.request('qa.session.refresh', renew) : renew()
  ).finally(() => (refreshing = null));
  return refreshing;
}

/** fetch with the access token; an expired one is refreshed once, else the user logs in again. */
export async function authorized(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const s = session.get();
    return fetch(path, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(s ? { authorization: `Bearer ${s.accessToken}` } : {}),
      },
    });
  };
  let res = await send();
  if (res.status === 401 && session.get()) {
    if (await refreshSession()) res = await send();
    if (res.status === 401) {
      session.set(null);
      location.hash = '#/login';
    }
  }
  return res;
}

/** A refused request as an ApiError carrying the problem's message, code and field errors. */
async function problemOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => ({}))) as {
    detail?: string;
    title?: string;
    code?: string;
    errors?: FieldError[];
  };
  return new ApiError(
    res.status,
    body.detail ?? body.title ?? res.statusText,
    body.errors,
    body.code,
  );
}

/** A stored scorecard version; `definition` is the card as data (sections, items, bands). */
export interface ScorecardVersion {
  id: string;
  key: string;
  version: number;
  name: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  definition: ScorecardDefinitionView;
}

export interface ScorecardDefinitionView {
  name: string;
  sections: { id: string; name: string; weight: number }[];
  items: {
    id: string;
    sectionId: string;
    kind: string;
    ruleId?: string;
    name: string;
    points: number;
    critical?: boolean;
  }[];
  gradeBands: { min: number; grade: string }[];
  [rest: string]: unknown;
}

/** A re-scoring job; `result` once done (a dry run stores nothing). */
export interface RescoreJob {
  state: string;
  progress: unknown;
  result?: {
    dryRun: boolean;
    calls: number;
    raised: number;
    lowered: number;
    unchanged: number;
    averageDelta: number;
    largestMoves: { callId: string; before: number | null; after: number }[];
  } | null;
}

/** What a batch or a PBX import answers: counts, and a result per item (with its field errors). */
export interface BatchResult {
  accepted: number;
  duplicate: number;
  rejected: number;
  results: {
    index: number;
    callId: string | null;
    status: 'accepted' | 'duplicate' | 'rejected';
    errors?: FieldError[];
    line?: number;
  }[];
}

/**
 * POSTs a body with upload progress (fetch reports none), as `call` does: the access token,
 * refreshed once on a 401; a refusal becomes an ApiError. `onProgress` gets 0..1.
 */
export async function upload<T>(
  path: string,
  body: FormData | Blob | string,
  onProgress: (share: number) => void,
  type?: string,
): Promise<T> {
  const send = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      const s = session.get();
      if (s) xhr.setRequestHeader('authorization', `Bearer ${s.accessToken}`);
      if (type) xhr.setRequestHeader('content-type', type);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new Error('network error'));
      xhr.send(body);
    });
  let res = await send();
  if (res.status === 401 && session.get() && (await refreshSession())) res = await send();
  const answer = new Response(res.text || null, { status: res.status });
  if (res.status >= 400) throw await problemOf(answer);
  onProgress(1);
  return (await answer.json()) as T;
}

export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await authorized(path, init);
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** A request answered 204 No Content. */
async function send(path: string, init: RequestInit): Promise<void> {
  const res = await authorized(path, init);
  if (!res.ok) throw await problemOf(res);
}

export const api = {
  async login(username: string, password: string): Promise<Session> {
    const res = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw await problemOf(res);
    const pair = (await res.json()) as { accessToken: string; refreshToken: string };
    // Stored only once complete: other tabs and the shell see no half-made session.
    const who = await fetch('/api/v1/auth/me', {
      headers: { authorization: `Bearer ${pair.accessToken}` },
    });
    if (!who.ok) throw await problemOf(who);
    const s = { ...((await who.json()) as Omit<Session, 'accessToken' | 'refreshToken'>), ...pair };
    session.set(s);
    return s;
  },
  /** Ends the session on the server too, so the refresh token cannot be used again. */
  async logout(): Promise<void> {
    const s = session.get();
    session.set(null);
    if (s?.refreshToken)
      await fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: s.refreshToken }),
      }).catch(() => undefined);
  },
  evaluations(
    query: Record<string, string>,
  ): Promise<{ items: EvaluationSummary[]; nextCursor: string | null }> {
    const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
    return call(`/api/v1/evaluations?${q.toString()}`);
  },
  tenants(): Promise<Tenant[]> {
    return call('/api/v1/tenants');
  },
  createTenant(t: Tenant): Promise<Tenant> {
    return call('/api/v1/tenants', { method: 'POST', body: JSON.stringify(t) });
  },
  updateTenant(tenantId: string, patch: Omit<Tenant, 'tenantId'>): Promise<Tenant> {
    return call(`/api/v1/tenants/${encodeURIComponent(tenantId)}`, {
      method: 'PATCH',
      body: JSON.stringify(patch),
    });
  },
  users(tenantId?: string): Promise<User[]> {
    return call(`/api/v1/users${tenantId ? `?tenantId=${encodeURIComponent(tenantId)}` : ''}`);
  },
  createUser(u: Record<string, string>): Promise<User> {
    return call('/api/v1/users', { method: 'POST', body: JSON.stringify(u) });
  },
  updateUser(id: string, patch: UserPatch): Promise<User> {
    return call(`/api/v1/users/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: JSON.stringify(patch),
    });
  },
  resetPassword(id: string, newPassword: string): Promise<void> {
    return send(`/api/v1/users/${encodeURIComponent(id)}/password`, {
      method: 'POST',
      body: JSON.stringify({ newPassword }),
    });
  },
  deleteUser(id: string): Promise<void> {
    return send(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  scorecards(): Promise<ScorecardVersion[]> {
    return call('/api/v1/scorecards');
  },
  scorecardVersions(key: string): Promise<ScorecardVersion[]> {
    return call(`/api/v1/scorecards/${encodeURIComponent(key)}/versions`);
  },
  saveScorecardVersion(key: string, definition: object): Promise<ScorecardVersion> {
    return call(`/api/v1/scorecards/${encodeURIComponent(key)}/versions`, {
      method: 'POST',
      body: JSON.stringify({ definition }),
    });
  },
  activateScorecard(key: string, version: number): Promise<ScorecardVersion> {
    return call(`/api/v1/scorecards/${encodeURIComponent(key)}/versions/${version}/activate`, {
      method: 'POST',
    });
  },
  rescore(key: string, version: number, from: string, to: string): Promise<{ jobId: string }> {
    return call(`/api/v1/scorecards/${encodeURIComponent(key)}/versions/${version}/rescore`, {
      method: 'POST',
      body: JSON.stringify({ from, to, dryRun: true }),
    });
  },
  rescoreJob(jobId: string): Promise<RescoreJob> {
    return call(`/api/v1/scorecards/rescore-jobs/${encodeURIComponent(jobId)}`);
  },
  evaluation(id: string): Promise<Evaluation> {
    return call(`/api/v1/evaluations/${encodeURIComponent(id)}`);
  },
  call(callId: string): Promise<CallView> {
    return call(`/api/v1/calls/${encodeURIComponent(callId)}`);
  },
  /** The audio element cannot send a bearer token, so the recording is fetched into a blob URL. */
  async recording(callId: string): Promise<string | null> {
    const res = await authorized(`/api/v1/calls/${encodeURIComponent(callId)}/recording`);
    return res.ok ? URL.createObjectURL(await res.blob()) : null;
  },
};
