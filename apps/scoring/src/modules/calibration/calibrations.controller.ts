import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { CalibrationsService } from './calibrations.service';
import {
  CreateCalibrationRequestDto,
  SubmitCalibrationScoresRequestDto,
} from './dto/calibration.request.dto';
import {
  CalibrationListResponseDto,
  CalibrationReportResponseDto,
  CalibrationResponseDto,
  CalibrationSubmittedResponseDto,
} from './dto/calibration.response.dto';

@ApiTags('review')
@Controller('api/v1/calibrations')
export class CalibrationsController {
  constructor(private readonly calibrations: CalibrationsService) {}

  @Get()
  @Roles('admin', 'lead', 'qa')
  @ApiOkResponse({ type: CalibrationListResponseDto })
  @ApiProblems({ 403: 'not admin, lead or qa', 404: 'no tenant (platform admin)' })
  async list(@CurrentIdentity() identity: Identity): Promise<CalibrationListResponseDto> {
    return { items: await this.calibrations.list(identity) };
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'lead')
  @ApiCreatedResponse({ type: CalibrationResponseDto })
  @ApiProblems({
    400: 'bad fields, a call without an evaluation, or the expert among the evaluators',
    403: 'not an admin or lead',
    404: 'no tenant (platform admin)',
  })
  create(@CurrentIdentity() identity: Identity, @Body() dto: CreateCalibrationRequestDto) {
    return this.calibrations.create(identity, dto);
  }

  @Get(':id')
  @Roles('admin', 'lead', 'qa')
  @ApiOkResponse({ type: CalibrationResponseDto })
  @ApiProblems({ 403: 'not admin, lead or qa', 404: 'no such session here, or not yours' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.calibrations.get(identity, id);
  }

  @Post(':id/scores')
  @HttpCode(201)
  @Roles('admin', 'lead', 'qa')
  @ApiCreatedResponse({ type: CalibrationSubmittedResponseDto })
  @ApiProblems({
    400: 'scores missing a call or item, or naming one not in the session',
    403: 'not an evaluator or the expert of this session',
    404: 'no such session in this tenant',
    409: 'already submitted, or the session is closed',
  })
  submit(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: SubmitCalibrationScoresRequestDto,
  ) {
    return this.calibrations.submit(identity, id, dto);
  }

  @Get(':id/report')
  @Roles('admin', 'lead', 'qa')
  @ApiOkResponse({ type: CalibrationReportResponseDto })
  @ApiProblems({
    403: 'not admin, lead or qa',
    404: 'no such session here, or not yours',
    409: 'still open: lists who has not submitted (no scores)',
  })
  report(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.calibrations.report(identity, id);
  }
}
