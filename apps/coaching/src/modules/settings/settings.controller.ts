import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { CoachingSettingsResponseDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('coaching')
@Controller('api/v1/coaching/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Roles('admin', 'lead', 'qa', 'ops')
  @ApiOkResponse({ type: CoachingSettingsResponseDto })
  @ApiProblems({ 404: 'no tenant (platform admin)' })
  get(@CurrentIdentity() identity: Identity) {
    return this.settings.get(identity);
  }

  @Put()
  @Roles('admin')
  @ApiBody({
    type: CoachingSettingsResponseDto,
    description:
      'Any subset of {threshold: {failures, window}, calendar}; `expectedVersion` guards against a concurrent change.',
  })
  @ApiOkResponse({ type: CoachingSettingsResponseDto })
  @ApiProblems({ 400: 'invalid settings, naming every bad field', 409: 'stale expectedVersion' })
  put(@CurrentIdentity() identity: Identity, @Body() body: Record<string, unknown>) {
    return this.settings.put(identity, body);
  }
}
