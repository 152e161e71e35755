import { bucketStart, DEFAULT_TIMEZONE, KpiWindow, WINDOWS } from '../kpis/domain/time-buckets';
import { SUM_COLUMNS } from './component-columns';
import { UnitKind } from './fact-sources';

type Value = string | number | null | Date;

/**
 * What one unit (a call, the score standing for it, a ticket) adds to the aggregates of one
 * minute, team and agent: every summed column (numerics come from Postgres as text) and, for a
 * closed ticket, its hours to close (the median is not a sum).
 */
export interface Contribution {
  kind: UnitKind;
  tenant_id: string;
  unit_id: string;
  minute: Date | string;
  team_id: string;
  agent_id: string;
  hours: number | null;
  [column: string]: Value;
}

/**
 * A signed contribution waiting to be folded into the aggregates: `sign` −1 takes back what a
 * unit added before, +1 adds what it adds now. `median` asks for the minute's median to be
 * recomputed (a closed ticket came, went or changed its hours).
 */
export interface Delta {
  tenant_id: string;
  minute: Date | string;
  team_id: string;
  agent_id: string;
  sign: 1 | -1;
  median: boolean;
  [column: string]: Value | boolean;
}

const keyOf = (c: Contribution) =>
  [c.kind, c.tenant_id, c.unit_id, new Date(c.minute).getTime(), c.team_id, c.agent_id].join(
    '\u0000',
  );

const closed = (c: Contribution | undefined) => (c ? Number(c.complaints_closed ?? 0) : 0);

function same(a: Contribution, b: Contribution): boolean {
  return (
    (a.hours ?? null) === (b.hours ?? null) &&
    SUM_COLUMNS.every((col) => Number(a[col] ?? 0) === Number(b[col] ?? 0))
  );
}

function medianMoved(before: Contribution | undefined, after: Contribution | undefined): boolean {
  if (closed(before) !== closed(after)) return true;
  return closed(before) > 0 && (before?.hours ?? null) !== (after?.hours ?? null);
}

function delta(c: Contribution, sign: 1 | -1, median: boolean): Delta {
  const d: Delta = {
    tenant_id: c.tenant_id,
    minute: c.minute,
    team_id: c.team_id,
    agent_id: c.agent_id,
    sign,
    median,
  };
  for (const col of SUM_COLUMNS) d[col] = c[col] ?? 0;
  return d;
}

/**
 * Compares what some units added before (`stored`) with what their facts make now (`fresh`):
 * the rows to write, the rows to remove and the deltas that move the aggregates from one to the
 * other. A unit whose facts make what they made before (a duplicate, a replay, a re-score of a
 * version not activated) changes nothing.
 */
export function contributionChanges(
  stored: Contribution[],
  fresh: Contribution[],
): { put: Contribution[]; drop: Contribution[]; deltas: Delta[] } {
  const before = new Map(stored.map((c) => [keyOf(c), c]));
  const put: Contribution[] = [];
  const drop: Contribution[] = [];
  const deltas: Delta[] = [];
  for (const f of fresh) {
    const k = keyOf(f);
    const o = before.get(k);
    before.delete(k);
    if (o && same(o, f)) continue;
    put.push(f);
    const median = medianMoved(o, f);
    if (o) deltas.push(delta(o, -1, median));
    deltas.push(delta(f, 1, median));
  }
  for (const o of before.values()) {
    drop.push(o);
    deltas.push(delta(o, -1, medianMoved(o, undefined)));
  }
  return { put, drop, deltas };
}

export interface MinuteTarget {
  tenant_id: string;
  minute: Date;
  window: KpiWindow;
  bucket_start: Date;
}

/** The bucket of every window that each (tenant, minute) falls in, by the tenant's time zone. */
export function bucketsOfMinutes(
  minutes: { tenant_id: string; minute: Date }[],
  zones: Map<string, string>,
): MinuteTarget[] {
  return minutes.flatMap(({ tenant_id, minute }) => {
    const tz = zones.get(tenant_id) ?? DEFAULT_TIMEZONE;
    return WINDOWS.map((window) => ({
      tenant_id,
      minute,
      window,
      bucket_start: new Date(bucketStart(minute.getTime(), window, tz)),
    }));
  });
}
