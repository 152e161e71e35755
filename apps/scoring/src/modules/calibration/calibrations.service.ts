import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import type { Outcome } from '@qa/qa-rules';
import { DataSource, EntityManager } from 'typeorm';
import { CalibrationError } from './calibration.errors';
import {
  calibrationFigures,
  checkSubmission,
  Submission,
  TENDENCY_THRESHOLD,
} from './calibration-report';
import { CalibrationRow, CalibrationsRepository } from './calibrations.repository';
import {
  CreateCalibrationRequestDto,
  SubmitCalibrationScoresRequestDto,
} from './dto/calibration.request.dto';
import {
  CalibrationReportResponseDto,
  CalibrationResponseDto,
  CalibrationSubmittedResponseDto,
} from './dto/calibration.response.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ORGANISERS: readonly string[] = ['admin', 'lead'];

const participants = (c: CalibrationRow) => [...c.evaluators, c.expert];
const isParticipant = (c: CalibrationRow, username: string) => participants(c).includes(username);

/**
 * Calibration sessions. Blind: nobody (organisers included) sees a score before every evaluator
 * and the expert have submitted; the last submission closes the session and opens the report.
 */
@Injectable()
export class CalibrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calibrations: CalibrationsRepository,
  ) {}

  async create(
    identity: Identity,
    dto: CreateCalibrationRequestDto,
  ): Promise<CalibrationResponseDto> {
    const tenantId = tenantOf(identity);
    if (dto.evaluators.includes(dto.expert)) {
      throw CalibrationError.invalid([
        { path: 'expert', message: 'the expert is not one of the evaluators' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      const evaluations = await this.calibrations.latestEvaluations(manager, tenantId, dto.callIds);
      const missing = dto.callIds
        .map((callId, i) => ({ callId, i }))
        .filter(({ callId }) => !evaluations.has(callId));
      if (missing.length) {
        throw CalibrationError.invalid(
          missing.map(({ callId, i }) => ({
            path: `callIds.${i}`,
            message: `call ${callId} has no evaluation in this tenant`,
          })),
        );
      }
      const id = randomUUID();
      await this.calibrations.insert(manager, {
        id,
        tenantId,
        name: dto.name ?? '',
        calls: dto.callIds.map((callId) => ({
          callId,
          evaluationId: evaluations.get(callId)!.id,
          basis: evaluations.get(callId)!.basis,
        })),
        evaluators: dto.evaluators,
        expert: dto.expert,
        createdBy: identity.username,
      });
      return toResponse((await this.calibrations.find(manager, tenantId, id))!);
    });
  }

  async list(identity: Identity): Promise<CalibrationResponseDto[]> {
    const tenantId = tenantOf(identity);
    const mine = ORGANISERS.includes(identity.role) ? undefined : identity.username;
    const rows = await this.calibrations.list(this.dataSource.manager, tenantId, mine);
    return rows.map(toResponse);
  }

  async get(identity: Identity, id: string): Promise<CalibrationResponseDto> {
    return toResponse(await this.visible(this.dataSource.manager, identity, id));
  }

  async submit(
    identity: Identity,
    id: string,
    dto: SubmitCalibrationScoresRequestDto,
  ): Promise<CalibrationSubmittedResponseDto> {
    const tenantId = tenantOf(identity);
    if (!UUID.test(id)) throw CalibrationError.notFound(id);
    return this.dataSource.transaction(async (manager) => {
      // Locked: the last two submissions cannot both miss closing the session.
      const session = await this.calibrations.find(manager, tenantId, id, true);
      if (!session) throw CalibrationError.notFound(id);
      if (!isParticipant(session, identity.username)) throw CalibrationError.notParticipant();
      if (session.status === 'closed') throw CalibrationError.closed();
      if (session.submitted.includes(identity.username)) throw CalibrationError.submitted();
      const problems = checkSubmission(session.calls, dto.scores);
      if (problems.length) throw CalibrationError.invalid(problems);
      const scores: Submission = {};
      for (const s of dto.scores) {
        scores[s.callId] = Object.fromEntries(s.items.map((i) => [i.itemId, i.outcome as Outcome]));
      }
      const now = new Date();
      await this.calibrations.addScores(manager, id, identity.username, scores, now);
      const everyone = participants(session).every(
        (p) => p === identity.username || session.submitted.includes(p),
      );
      if (everyone) await this.calibrations.close(manager, id, now);
      return {
        calibrationId: id,
        participant: identity.username,
        submittedAt: now.toISOString(),
        status: everyone ? 'closed' : 'open',
      };
    });
  }

  async report(identity: Identity, id: string): Promise<CalibrationReportResponseDto> {
    const manager = this.dataSource.manager;
    const session = await this.visible(manager, identity, id);
    if (session.status !== 'closed') {
      throw CalibrationError.open(
        participants(session).filter((p) => !session.submitted.includes(p)),
      );
    }
    const submissions = await this.calibrations.submissions(manager, id);
    return {
      sessionId: id,
      expert: session.expert,
      tendencyThreshold: TENDENCY_THRESHOLD,
      ...calibrationFigures(session.calls, session.evaluators, session.expert, submissions),
    };
  }

  /** Organisers see every session of their tenant; QA staff only those they take part in. */
  private async visible(
    manager: EntityManager,
    identity: Identity,
    id: string,
  ): Promise<CalibrationRow> {
    const tenantId = tenantOf(identity);
    if (!UUID.test(id)) throw CalibrationError.notFound(id);
    const session = await this.calibrations.find(manager, tenantId, id);
    if (
      !session ||
      (!ORGANISERS.includes(identity.role) && !isParticipant(session, identity.username))
    )
      throw CalibrationError.notFound(id);
    return session;
  }
}

function toResponse(c: CalibrationRow): CalibrationResponseDto {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    callIds: c.calls.map((x) => x.callId),
    calls: c.calls.map((x) => ({
      callId: x.callId,
      evaluationId: x.evaluationId,
      itemIds: x.basis.items.map((i) => i.itemId),
    })),
    evaluators: c.evaluators,
    expert: c.expert,
    submitted: c.submitted,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
  };
}
