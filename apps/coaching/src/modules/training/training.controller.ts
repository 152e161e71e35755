import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { AttendanceRequestDto, CreateProgrammeRequestDto } from './dto/training.request.dto';
import { TrainingService } from './training.service';

@ApiTags('training')
@Controller('api/v1/training/programmes')
@Roles('admin', 'lead', 'qa', 'ops')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Post()
  @Roles('admin', 'lead')
  @ApiCreatedResponse({
    description: 'the programme: {id, name, modules, startDate, endDate, trainees, attendance}',
  })
  @ApiProblems({ 400: 'bad input naming the field' })
  create(@CurrentIdentity() identity: Identity, @Body() body: CreateProgrammeRequestDto) {
    return this.training.create(identity, body);
  }

  @Get()
  @ApiOkResponse({ description: '{items: programmes}, latest start first' })
  list(@CurrentIdentity() identity: Identity) {
    return this.training.list(identity);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'the programme with its attendance' })
  @ApiProblems({ 404: 'no such programme' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.training.get(identity, id);
  }

  @Put(':id/attendance')
  @ApiOkResponse({ description: 'the attendance as stored' })
  @Roles('admin', 'lead')
  @ApiProblems({
    400: 'a rate outside 0–1 or not a trainee, naming the field',
    404: 'no such programme',
  })
  attendance(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() body: AttendanceRequestDto,
  ) {
    return this.training.attendance(identity, id, body);
  }

  @Get(':id/effect')
  @ApiOkResponse({
    description:
      '{programme, windows: {before, after}, complete, targets, cohort: {before, after, onTarget}, trainees: [{agentId, attendance, before, after, onTarget, sources}], sources}: figures = {calls, qaScoreAvg, behaviourScore, forbiddenPer100Calls, complaintsOpened, complaintResolutionRate, repeatComplaintRate, trainingCalls, trainingCallScoreAvg}',
  })
  @ApiProblems({ 404: 'no such programme' })
  effect(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.training.effect(identity, id);
  }
}
