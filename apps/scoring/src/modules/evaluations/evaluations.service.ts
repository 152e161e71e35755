import { Injectable } from '@nestjs/common';
import { canSeePii, Identity, ProblemError } from '@qa/platform';
import { EvaluationPageResponseDto, EvaluationResponseDto } from './dto/evaluation.response.dto';
import { ListEvaluationsRequestDto } from './dto/list-evaluations.request.dto';
import { EvaluationEntity } from './entities/evaluation.entity';
import { EvaluationsRepository } from './evaluations.repository';
import {
  decodeCursor,
  encodeCursor,
  toEvaluationResponse,
  toEvaluationSummary,
} from './evaluations.mapper';

/** Agents see only their own evaluations, and only once released to them. */
export const visibleTo = (identity: Identity, row: EvaluationEntity): boolean =>
  identity.role !== 'agent' || (row.agentId === identity.agentId && row.releasedAt !== null);

const notFound = (id: string) => new ProblemError(404, 'Not found', `evaluation ${id} not found`);

@Injectable()
export class EvaluationsService {
  constructor(private readonly evaluations: EvaluationsRepository) {}

  async list(identity: Identity, q: ListEvaluationsRequestDto): Promise<EvaluationPageResponseDto> {
    // An agent linked to no agent id has no calls (a NUL placeholder made Postgres answer 500).
    if (identity.tenantId === null || (identity.role === 'agent' && !identity.agentId))
      return { items: [], nextCursor: null };
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after === null) {
      throw new ProblemError(400, 'Invalid request', 'cursor is not valid', [
        { path: 'cursor', message: 'unknown cursor' },
      ]);
    }
    const limit = q.limit ?? 50;
    const rows = await this.evaluations.list({
      tenantId: identity.tenantId,
      callId: q.callId,
      // Agents see only their own released evaluations, whatever they ask for.
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
    const page = rows.slice(0, limit);
    return {
      items: page.map(toEvaluationSummary),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  async get(identity: Identity, id: string): Promise<EvaluationResponseDto> {
    if (identity.tenantId === null || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound(id);
    const row = await this.evaluations.findById(identity.tenantId, id);
    if (!row || !visibleTo(identity, row)) throw notFound(id);
    return toEvaluationResponse(row, canSeePii(identity));
  }
}
