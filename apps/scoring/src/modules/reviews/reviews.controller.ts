import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, TraceId } from '@qa/platform';
import { EvaluationResponseDto } from '../evaluations/dto/evaluation.response.dto';
import { CreateDisputeRequestDto } from './dto/dispute.request.dto';
import { ReviewRequestDto } from './dto/review.request.dto';
import { DisputeResponseDto, HistoryResponseDto } from './dto/review.response.dto';
import { DisputesService } from './disputes.service';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiForbiddenResponse({ description: 'the role may not do this (problem+json)' })
@ApiNotFoundResponse({
  description: "no such evaluation in the tenant (or an agent's unreleased/other's)",
})
@Controller('api/v1/evaluations')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly disputes: DisputesService,
  ) {}

  /** Answer manual items, confirm or override findings (with a reason), optionally finalize. */
  @Post(':id/review')
  @HttpCode(200)
  @Roles('admin', 'qa')
  @ApiOkResponse({ type: EvaluationResponseDto })
  @ApiBadRequestResponse({ description: 'bad input, with field errors (problem+json)' })
  @ApiConflictResponse({ description: 'stale expectedVersion, or the evaluation is final' })
  review(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: ReviewRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.reviews.review(identity, id, dto, traceId);
  }

  /** Every step since the engine scored it, oldest first (append-only). */
  @Get(':id/history')
  @ApiOkResponse({ type: HistoryResponseDto })
  history(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.reviews.historyOf(identity, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('admin', 'qa', 'lead')
  @ApiOkResponse({ type: EvaluationResponseDto })
  @ApiConflictResponse({ description: 'the evaluation is not final' })
  release(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @TraceId() traceId: string,
  ) {
    return this.reviews.release(identity, id, traceId);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('agent')
  @ApiOkResponse({ type: EvaluationResponseDto })
  acknowledge(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @TraceId() traceId: string,
  ) {
    return this.reviews.acknowledge(identity, id, traceId);
  }

  @Post(':id/disputes')
  @Roles('agent')
  @ApiCreatedResponse({ type: DisputeResponseDto })
  @ApiBadRequestResponse({ description: 'unknown items or bad input, with field errors' })
  @ApiConflictResponse({ description: 'a dispute of this evaluation is still open' })
  @ApiUnprocessableEntityResponse({
    description: 'the dispute window has closed, or the disputes allowed are used up',
  })
  dispute(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: CreateDisputeRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.disputes.open(identity, id, dto, traceId);
  }
}
