import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, ProblemError, TraceId } from '@qa/platform';
import type { Request, Response } from 'express';
import { parseBatch } from './batch-parser';
import { CallsService } from './calls.service';
import { toCallBody } from './calls.mapper';
import { CallAcceptedResponseDto } from './dto/call-accepted.response.dto';
import { CreateCallRequestDto } from './dto/create-call.request.dto';
import { ListCallsRequestDto } from './dto/list-calls.request.dto';

@ApiTags('calls')
@Controller('api/v1/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /** 201 when new, 200 when the same call was already accepted, 409 when it differs. */
  @Post()
  @HttpCode(201)
  async create(
    @Body() dto: CreateCallRequestDto,
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CallAcceptedResponseDto> {
    const result = await this.calls.ingestOne(identity, toCallBody(dto), traceId);
    if (result.status === 'duplicate') res.status(200);
    return result;
  }

  /** A JSON array or NDJSON (application/x-ndjson) of up to 10,000 calls; a result per item. */
  @Post('batch')
  @HttpCode(200)
  @ApiConsumes('application/json', 'application/x-ndjson')
  @ApiBody({
    schema: { type: 'array', items: { $ref: '#/components/schemas/CreateCallRequestDto' } },
  })
  async batch(
    @Req() req: Request,
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
  ) {
    const items = parseBatch(req.body);
    if (!Array.isArray(items))
      throw new ProblemError(400, 'Invalid request', items.message, [items]);
    return this.calls.ingestBatch(identity, items, traceId);
  }

  @Get()
  list(@CurrentIdentity() identity: Identity, @Query() query: ListCallsRequestDto) {
    return this.calls.list(identity, query);
  }

  @Get(':callId')
  get(@Param('callId') callId: string, @CurrentIdentity() identity: Identity) {
    return this.calls.get(identity, callId);
  }
}
