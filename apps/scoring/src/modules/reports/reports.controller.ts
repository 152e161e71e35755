import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { AgreementRequestDto } from './dto/agreement.request.dto';
import { AgreementResponseDto } from './dto/agreement.response.dto';
import { ReportsService } from './reports.service';

@ApiTags('review')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('agreement')
  @Roles('admin', 'qa', 'lead', 'ops')
  @ApiOkResponse({ type: AgreementResponseDto })
  @ApiProblems({
    400: 'from or to missing or not ISO 8601, or from not before to',
    403: 'not admin, qa, lead or ops',
    404: 'no tenant (platform admin)',
  })
  agreement(@CurrentIdentity() identity: Identity, @Query() query: AgreementRequestDto) {
    return this.reports.agreement(identity, query);
  }
}
