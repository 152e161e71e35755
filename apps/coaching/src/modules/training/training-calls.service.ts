import { Injectable } from '@nestjs/common';
import { localDate } from '@qa/business-calendar';
import { decodeCursor, DEFAULT_PAGE_SIZE, Identity, pageOf, tenantOf } from '@qa/platform';
import { CoachingError } from '../../coaching.errors';
import { rangeInstants, trendRange } from '../../domain/rule-trend';
import { EvaluationsRepository, TrainingCallRow } from '../evaluations/evaluations.repository';
import { scopeOf } from '../evaluations/visibility';
import { SettingsRepository } from '../settings/settings.repository';
import {
  TrainingCallPageResponseDto,
  TrainingCallsQueryRequestDto,
} from './dto/training-calls.dto';

function parseCursor(cursor: string): { callStartedAt: string; evaluationId: string } | null {
  const [callStartedAt, evaluationId] = decodeCursor(cursor, 2) ?? [];
  return typeof callStartedAt === 'string' &&
    !Number.isNaN(Date.parse(callStartedAt)) &&
    typeof evaluationId === 'string'
    ? { callStartedAt, evaluationId }
    : null;
}

/** The trainer's list of role plays (purpose training) with their scores. */
@Injectable()
export class TrainingCallsService {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async list(
    identity: Identity,
    q: TrainingCallsQueryRequestDto,
  ): Promise<TrainingCallPageResponseDto> {
    const tenantId = tenantOf(identity);
    const scope = scopeOf(identity);
    if (scope.agentId && q.agentId && q.agentId !== scope.agentId)
      throw CoachingError.forbidden('an agent sees only their own training calls');
    const after = q.cursor ? parseCursor(q.cursor) : undefined;
    if (after === null)
      throw CoachingError.invalid([{ path: 'cursor', message: 'not a cursor from this list' }]);
    const { calendar } = (await this.settings.get(tenantId)).settings;
    const parsed = trendRange(q, localDate(calendar, new Date()));
    if (!parsed.range) throw CoachingError.invalid(parsed.errors);
    const { from, to } = parsed.range;
    const span = rangeInstants(parsed.range, calendar.utcOffsetMinutes);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.evaluations.trainingCalls({
      tenantId,
      agentId: scope.agentId ?? q.agentId,
      teamId: scope.teamId,
      ...span,
      after,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r: TrainingCallRow) => [
      r.callStartedAt,
      r.evaluationId,
    ]);
    return { from, to, items: page, nextCursor };
  }
}
