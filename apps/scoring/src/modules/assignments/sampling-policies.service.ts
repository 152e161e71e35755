import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isTimeZone } from '@qa/business-calendar';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { AssignmentError } from './assignments.errors';
import { SamplingPolicyRequestDto } from './dto/sampling-policy.request.dto';
import { SamplingPolicyResponseDto } from './dto/sampling-policy.response.dto';
import { SamplingPolicyConfig } from './sampling';
import { SamplingPoliciesRepository, SamplingPolicyRow } from './sampling-policies.repository';

const DEFAULTS: Omit<SamplingPolicyConfig, 'reviewers'> = {
  share: 0,
  period: 'week',
  minimumPerAgent: 0,
  criticalFail: true,
  complaints: true,
  needsHumanReview: true,
  dueHours: 48,
  timezone: 'Asia/Shanghai',
};

@Injectable()
export class SamplingPoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: SamplingPoliciesRepository,
  ) {}

  async list(identity: Identity): Promise<SamplingPolicyResponseDto[]> {
    const rows = await this.policies.listActive(this.dataSource.manager, tenantOf(identity));
    return rows.map(toResponse);
  }

  async save(
    identity: Identity,
    dto: SamplingPolicyRequestDto,
  ): Promise<SamplingPolicyResponseDto> {
    const tenantId = tenantOf(identity);
    const { name, active, ...given } = dto;
    // The DTO instance carries absent fields as undefined keys: they must not hide defaults.
    const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    const config: SamplingPolicyConfig = { ...DEFAULTS, ...set, reviewers: dto.reviewers };
    if (!isTimeZone(config.timezone)) {
      throw AssignmentError.invalid([
        { path: 'timezone', message: 'timezone must be an IANA time zone (Asia/Shanghai)' },
      ]);
    }
    const row = await this.dataSource.transaction((manager) =>
      this.policies.addVersion(manager, {
        id: randomUUID(),
        tenantId,
        name,
        active: active ?? true,
        config,
        createdBy: identity.username,
      }),
    );
    return toResponse(row);
  }
}

function toResponse(row: SamplingPolicyRow): SamplingPolicyResponseDto {
  const c = row.config;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    active: row.active,
    share: c.share,
    period: c.period,
    minimumPerAgent: c.minimumPerAgent,
    criticalFail: c.criticalFail,
    complaints: c.complaints,
    needsHumanReview: c.needsHumanReview,
    reviewers: c.reviewers,
    dueHours: c.dueHours,
    timezone: c.timezone,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
