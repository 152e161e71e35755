import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { SettingsResponseDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('complaints')
@Controller('api/v1/complaints/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Roles('admin', 'lead', 'qa', 'ops')
  @ApiOkResponse({ type: SettingsResponseDto })
  @ApiProblems({ 404: 'no tenant (platform admin)' })
  get(@CurrentIdentity() identity: Identity) {
    return this.settings.get(identity);
  }

  @Put()
  @Roles('admin', 'lead')
  @ApiBody({
    type: SettingsResponseDto,
    description:
      'Any subset; `preset` (standard | financial | 12315) sets the SLA durations, `sla` alone makes them custom. `expectedVersion` guards against a concurrent change.',
  })
  @ApiOkResponse({ type: SettingsResponseDto })
  @ApiProblems({ 400: 'invalid settings, with every bad field', 409: 'stale expectedVersion' })
  put(@CurrentIdentity() identity: Identity, @Body() body: Record<string, unknown>) {
    return this.settings.put(identity, body);
  }
}
