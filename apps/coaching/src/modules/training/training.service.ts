import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { FieldError, Identity, tenantOf } from '@qa/platform';
import { CoachingError } from '../../coaching.errors';
import {
  ComplaintFact,
  effectWindows,
  EvaluationFact,
  Figures,
  figures,
  TARGETS,
  Verdict,
  verdict,
} from '../../domain/training-effect';
import { SettingsRepository } from '../settings/settings.repository';
import { AttendanceRequestDto, CreateProgrammeRequestDto } from './dto/training.request.dto';
import { Programme, TrainingRepository } from './training.repository';
import { isUuid } from '../../domain/ids';

const realDate = (d: string) =>
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

function checkAttendance(
  trainees: string[],
  attendance: Record<string, unknown>,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [agentId, rate] of Object.entries(attendance)) {
    if (!trainees.includes(agentId))
      errors.push({ path: `${path}.${agentId}`, message: 'not a trainee of the programme' });
    else if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
      errors.push({ path: `${path}.${agentId}`, message: 'a rate from 0 to 1' });
  }
  return errors;
}

export interface EffectRow {
  before: Figures;
  after: Figures;
  onTarget: Verdict;
}

export interface EffectReport {
  programme: Programme;
  windows: { before: { from: string; to: string }; after: { from: string; to: string } };
  /** The after-window has ended: the figures are final. */
  complete: boolean;
  targets: typeof TARGETS;
  cohort: EffectRow;
  trainees: (EffectRow & {
    agentId: string;
    attendance: number | null;
    sources: Record<string, string>;
  })[];
  sources: Record<string, string>;
}

@Injectable()
export class TrainingService {
  constructor(
    private readonly repo: TrainingRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async create(identity: Identity, body: CreateProgrammeRequestDto): Promise<Programme> {
    const tenantId = tenantOf(identity);
    const errors: FieldError[] = [];
    if (!realDate(body.startDate))
      errors.push({ path: 'startDate', message: 'not a calendar date' });
    if (!realDate(body.endDate)) errors.push({ path: 'endDate', message: 'not a calendar date' });
    if (!errors.length && body.endDate < body.startDate)
      errors.push({ path: 'endDate', message: 'must not be before startDate' });
    const trainees = [...new Set(body.trainees)];
    errors.push(...checkAttendance(trainees, body.attendance ?? {}, 'attendance'));
    if (errors.length) throw CoachingError.invalid(errors);
    const p: Programme = {
      id: randomUUID(),
      tenantId,
      name: body.name,
      modules: body.modules.map((m) => ({
        name: m.name,
        ...(m.hours !== undefined ? { hours: m.hours } : {}),
      })),
      startDate: body.startDate,
      endDate: body.endDate,
      trainees,
      attendance: (body.attendance ?? {}) as Record<string, number>,
      createdBy: identity.username,
      createdAt: new Date().toISOString(),
    };
    await this.repo.insert(p);
    return p;
  }

  async list(identity: Identity): Promise<{ items: Programme[] }> {
    return { items: await this.repo.list(tenantOf(identity)) };
  }

  async get(identity: Identity, id: string): Promise<Programme> {
    const p = isUuid(id) ? await this.repo.find(tenantOf(identity), id) : null;
    if (!p) throw CoachingError.notFound(`training programme ${id}`);
    return p;
  }

  async attendance(identity: Identity, id: string, body: AttendanceRequestDto): Promise<Programme> {
    const p = await this.get(identity, id);
    const errors = checkAttendance(p.trainees, body.attendance, 'attendance');
    if (errors.length) throw CoachingError.invalid(errors);
    await this.repo.setAttendance(p.tenantId, p.id, body.attendance as Record<string, number>);
    return this.get(identity, id);
  }

  /** Each trainee's and the cohort's figures 30 days before and 30 days after, against seed 001's targets. */
  async effect(identity: Identity, id: string): Promise<EffectReport> {
    const p = await this.get(identity, id);
    const { settings } = await this.settings.get(p.tenantId);
    const offset = settings.calendar.utcOffsetMinutes * 60_000;
    const instant = (date: string) =>
      new Date(Date.parse(`${date}T00:00:00Z`) - offset).toISOString();
    const windows = effectWindows(p.startDate, p.endDate);
    const load = async (w: { from: string; to: string }) => ({
      evals: await this.repo.evaluations(p.tenantId, p.trainees, instant(w.from), instant(w.to)),
      complaints: await this.repo.complaints(
        p.tenantId,
        p.trainees,
        instant(w.from),
        instant(w.to),
      ),
    });
    const [before, after] = [await load(windows.before), await load(windows.after)];
    const of = <T extends { agentId: string }>(rows: T[], agentId: string) =>
      rows.filter((r) => r.agentId === agentId);
    const row = (
      b: { evals: EvaluationFact[]; complaints: ComplaintFact[] },
      a: typeof b,
    ): EffectRow => {
      const fb = figures(b.evals, b.complaints);
      const fa = figures(a.evals, a.complaints);
      return { before: fb, after: fa, onTarget: verdict(fb, fa) };
    };
    const q = (w: { from: string; to: string }) => `from=${instant(w.from)}&to=${instant(w.to)}`;
    return {
      programme: p,
      windows,
      complete: Date.now() >= Date.parse(instant(windows.after.to)),
      targets: TARGETS,
      cohort: row(before, after),
      trainees: p.trainees.map((agentId) => ({
        agentId,
        attendance: p.attendance[agentId] ?? null,
        ...row(
          { evals: of(before.evals, agentId), complaints: of(before.complaints, agentId) },
          { evals: of(after.evals, agentId), complaints: of(after.complaints, agentId) },
        ),
        sources: {
          evaluationsBefore: `/api/v1/evaluations?agentId=${encodeURIComponent(agentId)}&${q(windows.before)}`,
          evaluationsAfter: `/api/v1/evaluations?agentId=${encodeURIComponent(agentId)}&${q(windows.after)}`,
          kpisBefore: `/api/v1/kpis?scope=agent&id=${encodeURIComponent(agentId)}&window=day&${q(windows.before)}`,
          kpisAfter: `/api/v1/kpis?scope=agent&id=${encodeURIComponent(agentId)}&window=day&${q(windows.after)}`,
        },
      })),
      sources: {
        complaintsBefore: `/api/v1/complaints/stats?by=agent&${q(windows.before)}`,
        complaintsAfter: `/api/v1/complaints/stats?by=agent&${q(windows.after)}`,
        definitions:
          'QA score and forbidden phrases: qa.evaluation.scored.v1/reviewed.v1 of production calls (each call once); behaviour score = QA score ÷ 20; training-call score: calls with purpose training; complaints: qa.complaint.opened.v1 against the agent, resolved = resolved or later and never reopened',
      },
    };
  }
}
