import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, Identity, pageOf, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { beforeAfter } from '../../domain/coaching-trigger';
import { CoachingError } from '../../coaching.errors';
import { EvaluationsRepository } from '../evaluations/evaluations.repository';
import { SettingsRepository } from '../settings/settings.repository';
import {
  CloseAssignmentRequestDto,
  ListAssignmentsRequestDto,
  OpenAssignmentRequestDto,
  RecordSessionRequestDto,
} from './dto/assignment.request.dto';
import { AssignmentPageResponseDto, AssignmentResponseDto } from './dto/assignment.response.dto';
import { Assignment, AssignmentsRepository } from './assignments.repository';
import { cursorKey, parseCursor, toAssignmentResponse } from './assignments.mapper';
import { isUuid } from '../../domain/ids';
import { scopeOf } from '../evaluations/visibility';

function visible(identity: Identity, a: Assignment): boolean {
  const s = scopeOf(identity);
  return (!s.agentId || s.agentId === a.agentId) && (!s.teamId || s.teamId === a.teamId);
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly evaluations: EvaluationsRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async list(identity: Identity, q: ListAssignmentsRequestDto): Promise<AssignmentPageResponseDto> {
    const tenantId = tenantOf(identity);
    const after = q.cursor ? parseCursor(q.cursor) : undefined;
    if (after === null)
      throw CoachingError.invalid([{ path: 'cursor', message: 'not a cursor from this list' }]);
    const scope = scopeOf(identity);
    if (
      (scope.agentId && q.agentId && q.agentId !== scope.agentId) ||
      (scope.teamId && q.teamId && q.teamId !== scope.teamId)
    )
      throw CoachingError.forbidden(
        'you may see only your own (agent) or your team’s (lead) assignments',
      );
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.assignments.list({
      tenantId,
      status: q.status,
      agentId: scope.agentId ?? q.agentId,
      teamId: scope.teamId ?? q.teamId,
      ruleId: q.ruleId,
      after,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, cursorKey);
    return { items: page.map((a) => toAssignmentResponse(a)), nextCursor };
  }

  async get(identity: Identity, id: string): Promise<AssignmentResponseDto> {
    const a = await this.visibleOne(identity, id);
    return this.withPassRate(a);
  }

  /** A lead opens one by hand from any evaluation, quoting that evaluation's finding for the rule. */
  async open(identity: Identity, body: OpenAssignmentRequestDto): Promise<AssignmentResponseDto> {
    const tenantId = tenantOf(identity);
    const a = await this.db.transaction(async (m) => {
      const ev = await this.evaluations.evaluation(m, {
        tenant_id: tenantId,
        evaluation_id: body.evaluationId,
      });
      if (!ev) throw CoachingError.notFound(`evaluation ${body.evaluationId}`);
      if (identity.role === 'lead' && identity.teamId && identity.teamId !== ev.row.team_id)
        throw CoachingError.forbidden('a lead opens assignments for their own team');
      const finding = ev.findings.find((f) => f.ruleId === body.ruleId);
      if (!finding)
        throw CoachingError.invalid([
          {
            path: 'ruleId',
            message: `evaluation ${body.evaluationId} has no finding for ${body.ruleId}; it has ${ev.findings.map((f) => f.ruleId).join(', ') || 'none'}`,
          },
        ]);
      await this.evaluations.lockAgents(m, [{ tenant_id: tenantId, agent_id: ev.row.agent_id }]);
      const { settings } = await this.settings.get(tenantId, m);
      const assignment: Assignment = {
        id: randomUUID(),
        tenantId,
        agentId: ev.row.agent_id,
        teamId: ev.row.team_id,
        ruleId: body.ruleId,
        origin: 'manual',
        status: 'open',
        openedAt: new Date().toISOString(),
        openedBy: identity.username,
        threshold: settings.threshold,
        evidence: [
          {
            evaluationId: finding.evaluationId,
            callId: finding.callId,
            callStartedAt: finding.callStartedAt,
            outcome: finding.outcome,
            evidence: finding.evidence,
            ...(finding.reason ? { reason: finding.reason } : {}),
          },
        ],
        note: body.note ?? null,
        session: null,
        closedAt: null,
        version: 1,
      };
      const stored = await this.assignments.insertIfNoneOpen(m, assignment);
      if (!stored) {
        const { open } = await this.assignments.agentState(m, {
          tenant_id: tenantId,
          agent_id: ev.row.agent_id,
        });
        throw CoachingError.conflict(
          `agent ${ev.row.agent_id} already has open assignment ${open.get(body.ruleId)} for ${body.ruleId}`,
          { assignmentId: open.get(body.ruleId) },
        );
      }
      return assignment;
    });
    return this.withPassRate(a);
  }

  async recordSession(
    identity: Identity,
    id: string,
    body: RecordSessionRequestDto,
  ): Promise<AssignmentResponseDto> {
    const heldAt = body.heldAt ? new Date(body.heldAt).toISOString() : new Date().toISOString();
    const a = await this.change(identity, id, body.expectedVersion, (a) => {
      if (a.status === 'closed') throw CoachingError.conflict(`assignment ${id} is closed`);
      if (heldAt < a.openedAt)
        throw CoachingError.invalid([
          { path: 'heldAt', message: 'a session is held after the assignment opened' },
        ]);
      a.session = {
        heldAt,
        recordedBy: identity.username,
        notes: body.notes,
        actions: body.actions,
        dueDate: body.dueDate,
      };
      a.status = 'session_recorded';
    });
    return this.withPassRate(a);
  }

  async close(
    identity: Identity,
    id: string,
    body: CloseAssignmentRequestDto,
  ): Promise<AssignmentResponseDto> {
    const a = await this.change(identity, id, body.expectedVersion, (a) => {
      if (a.status === 'closed') throw CoachingError.conflict(`assignment ${id} is closed`);
      a.status = 'closed';
      a.closedAt = new Date().toISOString();
    });
    return this.withPassRate(a);
  }

  private async change(
    identity: Identity,
    id: string,
    expected: number,
    apply: (a: Assignment) => void,
  ): Promise<Assignment> {
    const tenantId = tenantOf(identity);
    return this.db.transaction(async (m) => {
      const a = await this.assignments.find(tenantId, id, m, true);
      if (!a || !visible(identity, a)) throw CoachingError.notFound(`assignment ${id}`);
      if (a.version !== expected) throw CoachingError.stale('assignment', expected, a.version);
      apply(a);
      a.version += 1;
      await this.assignments.update(m, a);
      return a;
    });
  }

  private async visibleOne(identity: Identity, id: string): Promise<Assignment> {
    const a = isUuid(id) ? await this.assignments.find(tenantOf(identity), id) : null;
    if (!a || !visible(identity, a)) throw CoachingError.notFound(`assignment ${id}`);
    return a;
  }

  private async withPassRate(a: Assignment): Promise<AssignmentResponseDto> {
    const history = await this.evaluations.ruleHistory(
      this.db.manager,
      { tenant_id: a.tenantId, agent_id: a.agentId },
      a.ruleId,
    );
    const pivot = a.session?.heldAt ?? a.openedAt;
    return toAssignmentResponse(a, { pivot, ...beforeAfter(history, pivot, a.threshold.window) });
  }
}
