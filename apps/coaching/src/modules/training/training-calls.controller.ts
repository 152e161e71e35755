import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity } from '@qa/platform';
import {
  TrainingCallPageResponseDto,
  TrainingCallsQueryRequestDto,
} from './dto/training-calls.dto';
import { TrainingCallsService } from './training-calls.service';

@ApiTags('training')
@Controller('api/v1/training/calls')
export class TrainingCallsController {
  constructor(private readonly calls: TrainingCallsService) {}

  @Get()
  @ApiOkResponse({
    type: TrainingCallPageResponseDto,
    description:
      'role plays (purpose training), newest first, each with its score; agents their own, a lead with a team that team’s',
  })
  @ApiProblems({ 400: 'bad from, to or cursor, naming each', 403: "another agent's" })
  list(@CurrentIdentity() identity: Identity, @Query() q: TrainingCallsQueryRequestDto) {
    return this.calls.list(identity, q);
  }
}
