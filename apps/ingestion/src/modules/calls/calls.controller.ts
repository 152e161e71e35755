import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, ProblemError, TraceId } from '@qa/platform';
import type { Response } from 'express';
import { CallAcceptedResponseDto } from './dto/call-accepted.response.dto';
import { CreateCallRequestDto } from './dto/create-call.request.dto';
import { toCallBody } from './calls.mapper';
import { CallsService } from './calls.service';

@ApiTags('calls')
@Controller('api/v1/calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  /** 201 when new, 200 when the same call was already accepted. */
  @Post()
  @HttpCode(201)
  async create(
    @Body() dto: CreateCallRequestDto,
    @CurrentIdentity() identity: Identity,
    @TraceId() traceId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CallAcceptedResponseDto> {
    if (identity.tenantId !== null && dto.tenantId !== identity.tenantId) {
      throw new ProblemError(403, 'Forbidden', 'tenantId does not match your tenant.', [
        { path: 'tenantId', message: 'must be your own tenant' },
      ]);
    }
    const result = await this.calls.ingest(toCallBody(dto), traceId);
    if (result.status === 'duplicate') res.status(200);
    return result;
  }

  @Get(':callId')
  async get(
    @Param('callId') callId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<unknown> {
    if (identity.tenantId === null)
      throw new ProblemError(404, 'Not found', `call ${callId} not found`);
    return this.calls.get(identity.tenantId, callId);
  }
}
