import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { SamplingPolicyRequestDto } from './dto/sampling-policy.request.dto';
import {
  SamplingPolicyListResponseDto,
  SamplingPolicyResponseDto,
} from './dto/sampling-policy.response.dto';
import { SamplingPoliciesService } from './sampling-policies.service';

@ApiTags('review')
@Controller('api/v1/sampling-policies')
export class SamplingPoliciesController {
  constructor(private readonly policies: SamplingPoliciesService) {}

  @Get()
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: SamplingPolicyListResponseDto })
  @ApiProblems({ 403: 'not an admin or lead', 404: 'no tenant (platform admin)' })
  async list(@CurrentIdentity() identity: Identity): Promise<SamplingPolicyListResponseDto> {
    return { items: await this.policies.list(identity) };
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'lead')
  @ApiCreatedResponse({ type: SamplingPolicyResponseDto })
  @ApiProblems({
    400: 'invalid policy, naming every bad field',
    403: 'not an admin or lead',
    404: 'no tenant (platform admin)',
  })
  save(@CurrentIdentity() identity: Identity, @Body() dto: SamplingPolicyRequestDto) {
    return this.policies.save(identity, dto);
  }
}
