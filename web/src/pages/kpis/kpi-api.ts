import { authorized, call } from '../../api';

export type KpiValues = Record<string, number | null | Record<string, number>>;

export interface KpiSeries {
  scope: 'tenant' | 'team' | 'agent';
  id: string;
  window: string;
  from: string;
  to: string;
  series: { bucketStart: string; values: KpiValues; onTarget: Record<string, boolean | null> }[];
  totals: KpiValues;
  targets: Record<string, number>;
  onTarget: Record<string, boolean | null>;
}

export interface KpiDefinition {
  id: string;
  name: { zh: string; en: string };
  formula: { zh: string; en: string };
  unit: string;
  better: 'up' | 'down';
}

export interface RankedAgent {
  rank: number;
  agentId: string;
  teamId: string;
  evaluated: number;
  qaScoreAvg: number;
  grade: string;
  previousGrade: string | null;
  flagged: boolean;
  award: string | null;
}

export interface KpiUpdate {
  scope: string;
  id: string;
  window: string;
  bucketStart: string;
  values: KpiValues;
}

const qs = (q: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();

export const kpiApi = {
  series(q: { scope?: string; id?: string; window: string }): Promise<KpiSeries> {
    return call(`/api/v1/kpis?${qs(q)}`);
  },
  definitions(): Promise<{
    items: KpiDefinition[];
    monthlyGrades: { code: string; name: { zh: string; en: string } }[];
  }> {
    return call('/api/v1/kpis/definitions');
  },
  agents(q: { teamId?: string; month?: string }): Promise<{ month: string; items: RankedAgent[] }> {
    return call(`/api/v1/kpis/agents?${qs(q)}`);
  },
};

/**
 * Follows /api/v1/kpis/stream with fetch (EventSource cannot send the bearer token), resuming
 * after a drop from the last id it saw, until `signal` aborts.
 */
export async function followKpis(
  q: { scope: string; id: string; window: string },
  onUpdate: (u: KpiUpdate) => void,
  signal: AbortSignal,
): Promise<void> {
  let lastEventId: string | undefined;
  while (!signal.aborted) {
    try {
      const res = await authorized(`/api/v1/kpis/stream?${qs({ ...q, lastEventId })}`, { signal });
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id:')) lastEventId = line.slice(3).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) onUpdate(JSON.parse(data) as KpiUpdate);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}
