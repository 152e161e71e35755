import { Injectable } from '@nestjs/common';
import { localDate } from '@qa/business-calendar';
import { Identity, tenantOf } from '@qa/platform';
import { CoachingError } from '../../coaching.errors';
import { bucketsBetween, rangeInstants, ruleTrends, trendRange } from '../../domain/rule-trend';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { scopeOf } from '../evaluations/visibility';
import { SettingsRepository } from '../settings/settings.repository';
import { TrendQueryRequestDto } from './dto/trend.request.dto';
import { AgentTrendResponseDto } from './dto/trend.response.dto';

@Injectable()
export class TrendsService {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  /** The agent's pass rate per rule per week or month; reviews count as the reviewer decided. */
  async agentTrend(
    identity: Identity,
    agentId: string,
    q: TrendQueryRequestDto,
  ): Promise<AgentTrendResponseDto> {
    const tenantId = tenantOf(identity);
    const scope = scopeOf(identity);
    if (scope.agentId && scope.agentId !== agentId)
      throw CoachingError.forbidden('an agent sees only their own trend');
    const { calendar } = (await this.settings.get(tenantId)).settings;
    const parsed = trendRange(q, localDate(calendar, new Date()));
    if (!parsed.range) throw CoachingError.invalid(parsed.errors);
    const range = parsed.range;
    const span = rangeInstants(parsed.range, calendar.utcOffsetMinutes);
    const rows = await this.evaluations.ruleOutcomes(
      { tenant_id: tenantId, agent_id: agentId },
      { ...span, teamId: scope.teamId },
    );
    return {
      agentId,
      ...range,
      utcOffsetMinutes: calendar.utcOffsetMinutes,
      buckets: bucketsBetween(range.from, range.to, range.bucket),
      rules: ruleTrends(
        q.ruleId ? rows.filter((r) => r.ruleId === q.ruleId) : rows,
        range,
        calendar.utcOffsetMinutes,
      ),
    };
  }
}
