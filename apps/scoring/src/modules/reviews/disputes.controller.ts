import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, TraceId } from '@qa/platform';
import {
  DisputeDecisionRequestDto,
  ListDisputesRequestDto,
  ReviewSettingsRequestDto,
} from './dto/dispute.request.dto';
import {
  DisputePageResponseDto,
  DisputeResponseDto,
  ReviewSettingsResponseDto,
} from './dto/review.response.dto';
import { DisputesService } from './disputes.service';

@ApiTags('reviews')
@ApiForbiddenResponse({ description: 'the role may not do this (problem+json)' })
@Controller('api/v1/disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  /** Newest first; agents see their own. */
  @Get()
  @ApiOkResponse({ type: DisputePageResponseDto })
  @ApiBadRequestResponse({ description: 'bad filter (problem+json)' })
  list(@CurrentIdentity() identity: Identity, @Query() q: ListDisputesRequestDto) {
    return this.disputes.list(identity, q);
  }

  /** A lead upholds, partly accepts or amends; the evaluation's version bumps. */
  @Post(':id/decision')
  @HttpCode(200)
  @Roles('admin', 'lead')
  @ApiOkResponse({ type: DisputeResponseDto })
  @ApiBadRequestResponse({ description: 'bad input or unknown items, with field errors' })
  @ApiNotFoundResponse({ description: 'no such dispute in the tenant' })
  @ApiConflictResponse({ description: 'the dispute is already decided' })
  decide(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: DisputeDecisionRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.disputes.decide(identity, id, dto, traceId);
  }
}

/** The tenant's dispute window (days after release) and disputes allowed per evaluation. */
@ApiTags('reviews')
@ApiForbiddenResponse({ description: 'the role may not do this (problem+json)' })
@Controller('api/v1/review-settings')
export class ReviewSettingsController {
  constructor(private readonly disputes: DisputesService) {}

  @Get()
  @ApiOkResponse({ type: ReviewSettingsResponseDto })
  get(@CurrentIdentity() identity: Identity) {
    return this.disputes.settings(identity);
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({ type: ReviewSettingsResponseDto })
  @ApiBadRequestResponse({ description: 'bad input, with field errors' })
  put(@CurrentIdentity() identity: Identity, @Body() dto: ReviewSettingsRequestDto) {
    return this.disputes.saveSettings(identity, dto);
  }
}
