import type { PassRate } from '../../domain/coaching-trigger';
import type { AssignmentResponseDto } from './dto/assignment.response.dto';
import type { Assignment } from './assignments.repository';
import { isUuid } from '../../domain/ids';

export function toAssignmentResponse(
  a: Assignment,
  passRate?: { pivot: string; before: PassRate; after: PassRate },
): AssignmentResponseDto {
  return {
    id: a.id,
    agentId: a.agentId,
    teamId: a.teamId,
    ruleId: a.ruleId,
    origin: a.origin,
    status: a.status,
    version: a.version,
    openedAt: a.openedAt,
    openedBy: a.openedBy,
    note: a.note,
    threshold: a.threshold,
    evidence: a.evidence,
    session: a.session,
    closedAt: a.closedAt,
    ...(passRate ? { passRate } : {}),
  };
}

export function encodeCursor(a: Assignment): string {
  return Buffer.from(`${a.openedAt}|${a.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { openedAt: string; id: string } | null {
  const [openedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return openedAt && !Number.isNaN(Date.parse(openedAt)) && isUuid(id ?? '')
    ? { openedAt, id }
    : null;
}
