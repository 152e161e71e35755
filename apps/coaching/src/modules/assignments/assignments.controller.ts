import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import {
  CloseAssignmentRequestDto,
  ListAssignmentsRequestDto,
  OpenAssignmentRequestDto,
  RecordSessionRequestDto,
} from './dto/assignment.request.dto';
import { AssignmentPageResponseDto, AssignmentResponseDto } from './dto/assignment.response.dto';
import { AssignmentsService } from './assignments.service';

@ApiTags('coaching')
@Controller('api/v1/coaching/assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  @ApiOkResponse({
    type: AssignmentPageResponseDto,
    description: 'newest first; agents see their own, leads their team’s',
  })
  @ApiProblems({ 400: 'bad filter', 403: 'another agent’s or team’s' })
  list(@CurrentIdentity() identity: Identity, @Query() q: ListAssignmentsRequestDto) {
    return this.assignments.list(identity, q);
  }

  @Get(':id')
  @ApiOkResponse({
    type: AssignmentResponseDto,
    description: 'with the rule’s pass rate before and after',
  })
  @ApiProblems({ 404: 'no such assignment visible to you' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.assignments.get(identity, id);
  }

  @Post()
  @Roles('admin', 'lead')
  @ApiCreatedResponse({ type: AssignmentResponseDto })
  @ApiProblems({
    400: 'bad input, naming the field',
    404: 'unknown evaluation',
    409: 'an open assignment for the agent and rule exists',
  })
  open(@CurrentIdentity() identity: Identity, @Body() body: OpenAssignmentRequestDto) {
    return this.assignments.open(identity, body);
  }

  @Post(':id/session')
  @HttpCode(200)
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblems({
    400: 'bad input, naming the field',
    404: 'unknown assignment',
    409: 'stale expectedVersion or closed',
  })
  session(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() body: RecordSessionRequestDto,
  ) {
    return this.assignments.recordSession(identity, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblems({ 404: 'unknown assignment', 409: 'stale expectedVersion or closed' })
  close(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() body: CloseAssignmentRequestDto,
  ) {
    return this.assignments.close(identity, id, body);
  }
}
