import { Injectable } from '@nestjs/common';
import { canSeePii, DEFAULT_PAGE_SIZE, Identity, pageOf, tenantOf } from '@qa/platform';
import { EvaluationPageResponseDto, EvaluationResponseDto } from './dto/evaluation.response.dto';
import { ListEvaluationsRequestDto } from './dto/list-evaluations.request.dto';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationError } from './evaluations.errors';
import { EvaluationsRepository } from './evaluations.repository';
import {
  parseTimeIdCursor,
  timeIdKey,
  toEvaluationResponse,
  toEvaluationSummary,
} from './evaluations.mapper';

/** Agents see only their own evaluations, and only once released to them. */
export const visibleTo = (identity: Identity, row: EvaluationEntity): boolean =>
  identity.role !== 'agent' || (row.agentId === identity.agentId && row.releasedAt !== null);

@Injectable()
export class EvaluationsService {
  constructor(private readonly evaluations: EvaluationsRepository) {}

  async list(identity: Identity, q: ListEvaluationsRequestDto): Promise<EvaluationPageResponseDto> {
    const tenantId = tenantOf(identity);
    // An agent linked to no agent id has no calls (a NUL placeholder made Postgres answer 500).
    if (identity.role === 'agent' && !identity.agentId) return { items: [], nextCursor: null };
    const after = q.cursor ? parseTimeIdCursor(q.cursor) : undefined;
    if (after === null) throw EvaluationError.badCursor();
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.evaluations.list({
      tenantId,
      callId: q.callId,
      agentId: identity.role === 'agent' ? identity.agentId : q.agentId,
      releasedOnly: identity.role === 'agent',
      teamId: q.teamId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      grade: q.grade,
      ruleFailed: q.ruleFailed,
      after,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (e) => timeIdKey(e.callStartedAt, e.id));
    return { items: page.map(toEvaluationSummary), nextCursor };
  }

  async get(identity: Identity, id: string): Promise<EvaluationResponseDto> {
    const tenantId = tenantOf(identity);
    const notFound = () => EvaluationError.notFound(`evaluation ${id}`);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const row = await this.evaluations.findById(tenantId, id);
    if (!row || !visibleTo(identity, row)) throw notFound();
    return toEvaluationResponse(row, canSeePii(identity));
  }
}
