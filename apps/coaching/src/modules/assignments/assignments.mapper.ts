import type { PassRate } from '../../domain/coaching-trigger';
import type { AssignmentResponseDto } from './dto/assignment.response.dto';
import type { Assignment } from './assignments.repository';
import { isUuid } from '../../domain/ids';
import { decodeCursor } from '@qa/platform';

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

export const cursorKey = (a: Assignment): [string, string] => [a.openedAt, a.id];

export function parseCursor(cursor: string): { openedAt: string; id: string } | null {
  const [openedAt, id] = decodeCursor(cursor, 2) ?? [];
  return typeof openedAt === 'string' &&
    !Number.isNaN(Date.parse(openedAt)) &&
    typeof id === 'string' &&
    isUuid(id)
    ? { openedAt, id }
    : null;
}
