import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { KpiUpdated, Topics } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { monthOfBucket } from '../../domain/kpi-attainment';
import { AgentKpiMonth, KpiFiguresRepository } from './kpi-figures.repository';

const isAgentMonth = (e: KpiUpdated) => e.scope === 'agent' && e.window === 'month';

/** An agent's month bucket must name the agent and carry finite figures; the rest is skipped. */
export function validateKpiUpdated(e: KpiUpdated): string[] {
  if (!isAgentMonth(e)) return [];
  const problems: string[] = [];
  if (!e.scopeId) problems.push('scopeId is empty');
  for (const v of e.values ?? [])
    if (v.target !== undefined && !(Number.isFinite(v.value) && v.name))
      problems.push(`values.${v.name || '?'} has a target but no finite value or name`);
  return problems;
}

export function agentKpiMonth(e: KpiUpdated, occurredAt: string): AgentKpiMonth {
  return {
    tenant_id: e.tenantId,
    agent_id: e.scopeId,
    month: monthOfBucket(e.windowStart),
    // Only figures kpi judged against a target count towards attainment.
    figures: (e.values ?? []).flatMap((v) =>
      v.target !== undefined && v.onTarget !== undefined
        ? [{ kpi: v.name, value: v.value, target: v.target, onTarget: v.onTarget }]
        : [],
    ),
    occurred_at: occurredAt,
  };
}

/** Agents' monthly KPI figures and targets, for the promotion round's KPI attainment. */
@Controller()
export class KpiUpdatedConsumer {
  constructor(private readonly repo: KpiFiguresRepository) {}

  @EventPattern(Topics.KpiUpdated, {
    chunk: true,
    validate: validateKpiUpdated,
  } satisfies EventOptions<KpiUpdated>)
  async updated(@Payload() items: ChunkItem<KpiUpdated>[], @Ctx() ctx: ChunkContext) {
    await this.repo.saveMonths(
      ctx.manager,
      items
        .filter(({ event }) => isAgentMonth(event))
        .map(({ event, meta }) => agentKpiMonth(event, meta.occurredAt)),
    );
  }
}
