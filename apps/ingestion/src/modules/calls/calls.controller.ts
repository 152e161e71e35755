import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, TraceId } from '@qa/platform';
import type { Request, Response } from 'express';
import { parseBatch } from './validation/batch-parsing';
import { CallError } from './calls.errors';
import { CallsService } from './calls.service';
import { BatchResultResponseDto } from './dto/batch-result.response.dto';
import { CallAcceptedResponseDto } from './dto/call-accepted.response.dto';
import { CallPageResponseDto, CallResponseDto } from './dto/call.response.dto';
import { CreateCallRequestDto } from './dto/create-call.request.dto';
import { ListCallsRequestDto } from './dto/list-calls.request.dto';
import { WRITER_ROLES } from './writer-roles';

export const NDJSON = 'application/x-ndjson';

@ApiTags('calls')
@Controller('api/v1/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /**
   * 201 when new, 200 when the same call was already accepted, 409 when it differs. The body is
   * validated by the service (the same rules as batches, Kafka and imports), so it arrives raw.
   */
  @Post()
  @HttpCode(201)
  @Roles(...WRITER_ROLES)
  @ApiBody({ type: CreateCallRequestDto })
  @ApiResponse({ status: 201, type: CallAcceptedResponseDto })
  @ApiResponse({ status: 200, type: CallAcceptedResponseDto, description: 'the same call again' })
  @ApiProblems({
    400: 'invalid call: every failing field with its path (bad JSON, no body, over 500,000 characters of transcript)',
    403: "a call for another tenant than the caller's",
    404: 'no such tenant (the platform admin, or a tenant not created)',
    409: 'the call id was accepted with a different body: the fields that differ',
    413: 'the body is over 5 MiB',
    415: 'not application/json',
  })
  async create(
    @Body() body: unknown,
    @Req() req: Request,
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CallAcceptedResponseDto> {
    if (body === undefined)
      throw CallError.unparsed(req.headers['content-type'], ['application/json']);
    const result = await this.calls.ingestOne(identity, body, traceId);
    if (result.status === 'duplicate') res.status(200);
    return result;
  }

  /** A JSON array or NDJSON of up to 10,000 calls; a result per item. */
  @Post('batch')
  @HttpCode(200)
  @Roles(...WRITER_ROLES)
  @ApiConsumes('application/json', NDJSON)
  @ApiBody({ type: [CreateCallRequestDto] })
  @ApiResponse({ status: 200, type: BatchResultResponseDto })
  @ApiProblems({
    400: 'not an array or NDJSON, empty, or a line that is not JSON (per-item problems are in the 200 answer)',
    404: 'no tenant (the platform admin)',
    413: 'more than 10,000 calls, or a body over the limit',
    415: 'neither application/json nor application/x-ndjson',
  })
  async batch(
    @Req() req: Request,
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
  ): Promise<BatchResultResponseDto> {
    if (req.body === undefined)
      throw CallError.unparsed(req.headers['content-type'], ['application/json', NDJSON]);
    const items = parseBatch(req.body);
    if (!Array.isArray(items)) throw CallError.invalid(items.message, [items]);
    return this.calls.ingestBatch(identity, items, traceId);
  }

  @Get()
  @ApiResponse({ status: 200, type: CallPageResponseDto })
  @ApiProblems({
    400: 'a bad query parameter or cursor, named',
    404: 'no tenant (the platform admin)',
  })
  list(
    @CurrentIdentity() identity: Identity,
    @Query() query: ListCallsRequestDto,
  ): Promise<CallPageResponseDto> {
    return this.calls.list(identity, query);
  }

  @Get(':callId')
  @ApiResponse({ status: 200, type: CallResponseDto })
  @ApiProblems({ 404: 'no such call in the tenant' })
  get(
    @Param('callId') callId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<CallResponseDto> {
    return this.calls.get(identity, callId);
  }
}
