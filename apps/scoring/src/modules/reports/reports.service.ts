import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { agreementReport } from './agreement';
import { AgreementRequestDto } from './dto/agreement.request.dto';
import { AgreementResponseDto } from './dto/agreement.response.dto';
import { EvaluationError } from '../evaluations/evaluations.errors';
import { ReportsRepository } from './reports.repository';

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A bare date is a whole UTC day: `from` its start, `to` the start of the next day. */
function bound(value: string, end: boolean): Date {
  if (!BARE_DATE.test(value)) return new Date(value);
  const start = new Date(`${value}T00:00:00Z`);
  return end ? new Date(start.getTime() + DAY_MS) : start;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
  ) {}

  async agreement(identity: Identity, q: AgreementRequestDto): Promise<AgreementResponseDto> {
    const tenantId = tenantOf(identity);
    const from = bound(q.from, false);
    const to = bound(q.to, true);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
      throw EvaluationError.badPeriod('to must be after from');
    const counts = await this.reports.decisionCounts(this.dataSource.manager, tenantId, from, to);
    return { from: from.toISOString(), to: to.toISOString(), ...agreementReport(counts) };
  }
}
