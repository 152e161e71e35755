import { authorized, call } from '../../api';

export interface Breach {
  purpose: 'accept' | 'reply' | 'callback';
  dueAt: string;
  at: string;
}

export interface Ticket {
  id: string;
  callId: string | null;
  evaluationId: string | null;
  customer: { id: string | null; phone: string | null };
  agentId: string | null;
  teamId: string | null;
  category: string;
  severity: string;
  description: string;
  status: string;
  allowedMoves: string[];
  version: number;
  assignee: string | null;
  rootCause: string | null;
  department: string | null;
  sla: {
    acceptBy: string | null;
    replyBy: string | null;
    callbackBy: string | null;
    nextDueAt: string | null;
    overdue: boolean;
    breached: Breach[];
    paused: boolean;
  };
  repeatOf: string | null;
  callbackAttempt: number;
  reopenedCount: number;
  openedAt: string;
  closedAt: string | null;
}

export interface TicketDetail extends Ticket {
  history: { at: string; by: string; from: string | null; to: string; reason: string }[];
  callbacks: {
    id: string;
    attempt: number;
    outcome: string;
    satisfaction: number | null;
    notes: string;
    callId: string | null;
    by: string;
    at: string;
    onTime: boolean;
    final: boolean;
  }[];
}

export interface StatsItem {
  key: string;
  opened: number;
  resolved: number;
  closed: number;
  reopened: number;
  repeat: number;
  medianHoursToClose: number | null;
  onTimeCallbackRate: number | null;
}

const query = (q: Record<string, string>) =>
  new URLSearchParams(Object.entries(q).filter(([, v]) => v !== '')).toString();

const send = <T>(path: string, method: string, body: object) =>
  call<T>(path, { method, body: JSON.stringify(body) });

export const complaintsApi = {
  list(q: Record<string, string>): Promise<{ items: Ticket[]; nextCursor: string | null }> {
    return call(`/api/v1/complaints?${query(q)}`);
  },
  get(id: string): Promise<TicketDetail> {
    return call(`/api/v1/complaints/${encodeURIComponent(id)}`);
  },
  transition(id: string, body: { to: string; reason: string; expectedVersion: number }) {
    return send<Ticket>(`/api/v1/complaints/${encodeURIComponent(id)}/transitions`, 'POST', body);
  },
  patch(id: string, body: Record<string, unknown>) {
    return send<Ticket>(`/api/v1/complaints/${encodeURIComponent(id)}`, 'PATCH', body);
  },
  callback(id: string, body: Record<string, unknown>) {
    return send<unknown>(`/api/v1/complaints/${encodeURIComponent(id)}/callbacks`, 'POST', body);
  },
  stats(q: Record<string, string>): Promise<{ items: StatsItem[] }> {
    return call(`/api/v1/complaints/stats?${query(q)}`);
  },
  /** The CSV as a blob URL: a download link cannot send the bearer token. */
  async statsCsv(q: Record<string, string>): Promise<string> {
    const res = await authorized(`/api/v1/complaints/stats?${query({ ...q, format: 'csv' })}`);
    return URL.createObjectURL(await res.blob());
  },
};
