import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, Identity, pageOf, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { parseTimeIdCursor, timeIdKey } from '../evaluations/evaluations.mapper';
import { AssignmentError } from './assignments.errors';
import { AssignmentsRepository, QueueRow } from './assignments.repository';
import { ReassignRequestDto, ReviewQueueRequestDto } from './dto/review-queue.request.dto';
import {
  ReviewAssignmentResponseDto,
  ReviewQueuePageResponseDto,
} from './dto/review-queue.response.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
  ) {}

  async list(identity: Identity, q: ReviewQueueRequestDto): Promise<ReviewQueuePageResponseDto> {
    const tenantId = tenantOf(identity);
    const decoded = q.cursor ? parseTimeIdCursor(q.cursor) : undefined;
    if (decoded === null) {
      throw AssignmentError.invalid([{ path: 'cursor', message: 'unknown cursor' }]);
    }
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.assignments.queue(this.dataSource.manager, {
      tenantId,
      assignee: identity.role === 'qa' ? identity.username : q.assignee,
      after: decoded && { dueAt: decoded.startedAt, id: decoded.id },
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => timeIdKey(r.dueAt, r.id));
    const now = new Date();
    return { items: page.map((r) => toResponse(r, now)), nextCursor };
  }

  async reassign(
    identity: Identity,
    id: string,
    dto: ReassignRequestDto,
  ): Promise<ReviewAssignmentResponseDto> {
    const tenantId = tenantOf(identity);
    if (!UUID.test(id)) throw AssignmentError.notFound(`assignment ${id}`);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.assignments.findById(manager, tenantId, id);
      if (!row) throw AssignmentError.notFound(`assignment ${id}`);
      if (dto.expectedVersion !== undefined && dto.expectedVersion !== row.version)
        throw AssignmentError.stale(id, row.version);
      const moved = await this.assignments.reassign(manager, tenantId, id, row.version, {
        at: new Date().toISOString(),
        by: identity.username,
        from: row.assignee,
        to: dto.assignee,
        reason: dto.reason ?? null,
      });
      if (!moved) throw AssignmentError.stale(id, row.version + 1);
      return toResponse((await this.assignments.findById(manager, tenantId, id))!, new Date());
    });
  }
}

function toResponse(r: QueueRow, now: Date): ReviewAssignmentResponseDto {
  return {
    id: r.id,
    evaluationId: r.evaluationId,
    callId: r.callId,
    agentId: r.agentId,
    policyId: r.policyId,
    reasons: r.reasons,
    assignee: r.assignee,
    dueAt: r.dueAt.toISOString(),
    assignedAt: r.assignedAt.toISOString(),
    overdue: r.dueAt.getTime() < now.getTime(),
    version: r.version,
    evaluationStatus: r.evaluationStatus,
    score: r.score,
    grade: r.grade,
    reassignments: r.history,
  };
}
