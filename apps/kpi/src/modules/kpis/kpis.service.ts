import { Injectable } from '@nestjs/common';
import { fromWallClock, zonedDate } from '@qa/business-calendar';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { componentsOfRow } from '../aggregates/component-columns';
import { KpiUpdatesPublisher } from '../aggregates/kpi-updates.publisher';
import { FactsRepository } from '../facts/facts.repository';
import {
  DEFAULT_TARGETS,
  GRADE_BANDS,
  KPI_DEFINITIONS,
  KpiId,
  isKpiId,
} from './domain/kpi-definitions';
import { addComponents, kpiValues, KpiValues } from './domain/kpi-math';
import { onTargets, tenantTargets } from './domain/kpi-targets';
import { KpiScope, parseKpiQuery } from './domain/kpi-query';
import { MONTHLY_GRADES, rankAgents } from './domain/monthly-grade';
import { DEFAULT_TIMEZONE } from './domain/time-buckets';
import { KpiError } from './kpis.errors';
import { KpisRepository } from './kpis.repository';

export interface ResolvedScope {
  tenantId: string;
  scope: KpiScope;
  id: string;
}

const RATIO_KPIS = new Set(KPI_DEFINITIONS.filter((d) => d.unit === 'ratio').map((d) => d.id));

function pick(values: KpiValues, kpis?: KpiId[]): Partial<KpiValues> {
  if (!kpis) return values;
  return Object.fromEntries(kpis.map((k) => [k, values[k]])) as Partial<KpiValues>;
}

/** Reads: series, targets, the agent ranking; who may see which scope is decided here. */
@Injectable()
export class KpisService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly aggregates: AggregatesRepository,
    private readonly kpis: KpisRepository,
    private readonly facts: FactsRepository,
    private readonly publisher: KpiUpdatesPublisher,
  ) {}

  definitions() {
    return {
      items: KPI_DEFINITIONS.map((d) => ({ ...d, defaultTarget: DEFAULT_TARGETS[d.id] ?? null })),
      gradeBands: GRADE_BANDS.map(({ code, min, zh, en }) => ({
        code,
        min: Number.isFinite(min) ? min : null,
        name: { zh, en },
      })),
      monthlyGrades: MONTHLY_GRADES.map(({ code, min, zh, en }) => ({
        code,
        min: Number.isFinite(min) ? min : null,
        name: { zh, en },
      })),
    };
  }

  private async timezone(tenantId: string): Promise<string> {
    return (
      (await this.facts.timezones(this.dataSource.manager, [tenantId])).get(tenantId) ??
      DEFAULT_TIMEZONE
    );
  }

  /**
   * Agents see their own figures, leads their team's (and its agents'); the rest their tenant's.
   * Without a scope each role gets its own. A lead or agent not linked to a team or agent id sees
   * an empty scope rather than someone else's.
   */
  async resolveScope(identity: Identity, scope?: KpiScope, id?: string): Promise<ResolvedScope> {
    const tenantId = tenantOf(identity);
    if (identity.role === 'agent') {
      const own = identity.agentId ?? '';
      if ((scope && scope !== 'agent') || (id !== undefined && id !== own))
        throw KpiError.forbidden('agents see only their own figures');
      return { tenantId, scope: 'agent', id: own };
    }
    if (identity.role === 'lead') {
      const team = identity.teamId ?? '';
      if (!scope || (scope === 'team' && (id === undefined || id === team)))
        return { tenantId, scope: 'team', id: team };
      if (
        scope === 'agent' &&
        id &&
        team &&
        (await this.kpis.agentInTeam(this.dataSource.manager, tenantId, id, team))
      )
        return { tenantId, scope, id };
      throw KpiError.forbidden('leads see their own team and its agents');
    }
    if (!scope || scope === 'tenant') {
      if (id !== undefined && id !== tenantId)
        throw KpiError.badQuery([{ path: 'id', message: 'the tenant scope is your own tenant' }]);
      return { tenantId, scope: 'tenant', id: tenantId };
    }
    if (id === undefined)
      throw KpiError.badQuery([{ path: 'id', message: `id is required for the ${scope} scope` }]);
    return { tenantId, scope, id };
  }

  async targets(tenantId: string): Promise<Partial<Record<KpiId, number>>> {
    return tenantTargets(await this.kpis.targets(this.dataSource.manager, tenantId));
  }

  async setTargets(identity: Identity, body: unknown, traceId: string) {
    const tenantId = tenantOf(identity);
    const targets = (body as { targets?: unknown } | null)?.targets;
    if (!targets || typeof targets !== 'object' || Array.isArray(targets))
      throw KpiError.badQuery([
        { path: 'targets', message: 'targets must be an object of KPI id → number or null' },
      ]);
    const errors: { path: string; message: string }[] = [];
    const set: { kpi: string; target: number }[] = [];
    const clear: string[] = [];
    for (const [k, v] of Object.entries(targets as Record<string, unknown>)) {
      const path = `targets.${k}`;
      if (!isKpiId(k) || k === 'gradeMix') errors.push({ path, message: `unknown KPI ${k}` });
      else if (v === null) clear.push(k);
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
        errors.push({ path, message: 'must be a number ≥ 0 or null' });
      else if (RATIO_KPIS.has(k) && v > 1)
        errors.push({ path, message: 'a rate is between 0 and 1' });
      else set.push({ kpi: k, target: v });
    }
    if (errors.length) throw KpiError.badQuery(errors);
    await this.dataSource.transaction(async (m) => {
      // Month figures already published say on/off target against the old targets: publish them
      // again with the new ones (coaching's promotion ranking reads them), after any tick.
      await this.aggregates.lockAggregation(m);
      await this.kpis.setTargets(m, tenantId, set, clear);
      await this.publisher.republish(m, await this.kpis.monthBuckets(m, tenantId), traceId);
    });
    this.publisher.wake();
    return { targets: await this.targets(tenantId) };
  }

  async series(identity: Identity, raw: Record<string, unknown>) {
    const tenantId = tenantOf(identity);
    const tz = await this.timezone(tenantId);
    const parsed = parseKpiQuery(raw, Date.now(), tz);
    if (!parsed.ok) throw KpiError.badQuery(parsed.errors);
    const q = parsed.query;
    const scope = await this.resolveScope(identity, q.scope, q.id);
    const range = {
      tenantId,
      scope: scope.scope,
      scopeId: scope.id,
      from: new Date(q.from),
      to: new Date(q.to),
    };
    const [rows, median, targets] = await Promise.all([
      this.aggregates.series(this.dataSource.manager, { ...range, window: q.window }),
      this.aggregates.medianHoursToClose(this.dataSource.manager, range),
      this.targets(tenantId),
    ]);
    const components = rows.map(componentsOfRow);
    const total = addComponents(components);
    total.medianHoursToClose = median;
    const totals = pick(kpiValues(total), q.kpis);
    return {
      scope: scope.scope,
      id: scope.id,
      window: q.window,
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      timezone: tz,
      series: rows.map((r, i) => {
        const values = pick(kpiValues(components[i]), q.kpis);
        return {
          bucketStart: new Date(r.bucket_start as Date).toISOString(),
          values,
          onTarget: onTargets(values, targets),
        };
      }),
      totals,
      targets,
      onTarget: onTargets(totals, targets),
    };
  }

  async agents(identity: Identity, raw: Record<string, unknown>) {
    const tenantId = tenantOf(identity);
    const tz = await this.timezone(tenantId);
    const errors: { path: string; message: string }[] = [];
    for (const k of Object.keys(raw))
      if (k !== 'teamId' && k !== 'month')
        errors.push({ path: k, message: `unknown parameter ${k}` });
    const monthRaw = typeof raw.month === 'string' ? raw.month : undefined;
    if (monthRaw !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(monthRaw))
      errors.push({ path: 'month', message: 'month must be YYYY-MM' });
    let teamId = typeof raw.teamId === 'string' && raw.teamId ? raw.teamId : undefined;
    if (teamId && teamId.length > 128)
      errors.push({ path: 'teamId', message: 'teamId is too long' });
    if (errors.length) throw KpiError.badQuery(errors);
    if (identity.role === 'lead') {
      if (teamId && teamId !== identity.teamId)
        throw KpiError.forbidden('leads see their own team');
      teamId = identity.teamId ?? '';
    }
    const [y, mo] = monthRaw
      ? monthRaw.split('-').map(Number)
      : zonedDate(Date.now(), tz).split('-').map(Number);
    const month = new Date(fromWallClock(tz, y, mo, 1));
    const previous = new Date(fromWallClock(tz, y, mo - 1, 1));
    const m = this.dataSource.manager;
    const [rows, prevRows, anyBest] = await Promise.all([
      this.kpis.agentMonths(m, tenantId, month, teamId),
      this.kpis.agentMonths(m, tenantId, previous),
      this.kpis.anyBest(m, tenantId, month),
    ]);
    const prev = new Map(prevRows.map((r) => [String(r.scope_id), componentsOfRow(r)]));
    const byAgent = new Map(rows.map((r) => [String(r.scope_id), componentsOfRow(r)]));
    let ranked = rankAgents(
      rows.map((r) => {
        const c = byAgent.get(String(r.scope_id))!;
        const p = prev.get(String(r.scope_id));
        return {
          agentId: String(r.scope_id),
          teamId: String(r.team_id ?? ''),
          evaluated: c.evaluated,
          qaScoreAvg: c.scoreSum / c.evaluated,
          previousScoreAvg: p && p.evaluated > 0 ? p.scoreSum / p.evaluated : null,
        };
      }),
      anyBest,
    );
    if (identity.role === 'agent') ranked = ranked.filter((r) => r.agentId === identity.agentId);
    return {
      month: `${y}-${String(mo).padStart(2, '0')}`,
      teamId: teamId ?? null,
      items: ranked.map((r) => ({ ...r, values: kpiValues(byAgent.get(r.agentId)!) })),
    };
  }
}
