import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, TraceId } from '@qa/platform';
import { CallbacksService } from '../callbacks/callbacks.service';
import { RecordCallbackRequestDto } from '../callbacks/dto/callback.request.dto';
import {
  CreateTicketRequestDto,
  ListTicketsRequestDto,
  PatchTicketRequestDto,
  TransitionRequestDto,
} from './dto/ticket.request.dto';
import {
  RecordedCallbackResponseDto,
  TicketDetailResponseDto,
  TicketPageResponseDto,
  TicketResponseDto,
} from './dto/ticket.response.dto';
import { TicketsService } from './tickets.service';

const READERS = ['admin', 'lead', 'qa', 'ops'] as const;
const WORKERS = ['admin', 'lead'] as const;

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly callbacks: CallbacksService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({
    type: TicketPageResponseDto,
    description: 'most urgent first: overdue, then the nearest deadline',
  })
  @ApiProblems({ 400: 'a bad filter (unknown status, overdue not true|false, bad cursor)' })
  list(@CurrentIdentity() identity: Identity, @Query() query: ListTicketsRequestDto) {
    return this.tickets.list(identity, query);
  }

  @Post()
  @Roles('admin', 'lead', 'qa', 'agent')
  @ApiCreatedResponse({ type: TicketResponseDto })
  @ApiProblems({
    400: 'invalid ticket, with every bad field',
    409: 'the call already has a ticket',
  })
  create(
    @CurrentIdentity() identity: Identity,
    @Body() dto: CreateTicketRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.tickets.create(identity, dto, traceId);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: TicketDetailResponseDto })
  @ApiProblems({ 404: 'no such ticket in this tenant' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.tickets.get(identity, id);
  }

  @Patch(':id')
  @Roles(...WORKERS)
  @ApiOkResponse({ type: TicketResponseDto })
  @ApiProblems({
    400: 'invalid fields',
    404: 'no such ticket in this tenant',
    409: 'stale expectedVersion',
  })
  patch(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: PatchTicketRequestDto,
  ) {
    return this.tickets.patch(identity, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOkResponse({ type: TicketResponseDto })
  @ApiProblems({
    400: 'unknown status or missing expectedVersion',
    404: 'no such ticket in this tenant',
    409: 'illegal move or stale expectedVersion; `allowedMoves` lists the moves allowed from here',
  })
  transition(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: TransitionRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.tickets.transition(identity, id, dto, traceId);
  }

  @Post(':id/callbacks')
  @Roles('admin', 'lead', 'qa')
  @ApiCreatedResponse({ type: RecordedCallbackResponseDto })
  @ApiProblems({
    400: 'bad outcome or satisfaction outside 1..5',
    404: 'no such ticket in this tenant',
    409: 'no callback is due (e.g. the ticket is closed)',
  })
  recordCallback(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: RecordCallbackRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.callbacks.record(identity, id, dto, traceId);
  }
}
