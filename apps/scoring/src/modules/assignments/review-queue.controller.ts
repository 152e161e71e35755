import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import { ReassignRequestDto, ReviewQueueRequestDto } from './dto/review-queue.request.dto';
import {
  ReviewAssignmentResponseDto,
  ReviewQueuePageResponseDto,
} from './dto/review-queue.response.dto';
import { ReviewQueueService } from './review-queue.service';

@ApiTags('review')
@Controller('api/v1/review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Roles('qa', 'lead', 'admin')
  @ApiOkResponse({ type: ReviewQueuePageResponseDto })
  @ApiProblems({
    400: 'bad cursor or limit',
    403: 'not qa, lead or admin',
    404: 'no tenant (platform admin)',
  })
  list(@CurrentIdentity() identity: Identity, @Query() query: ReviewQueueRequestDto) {
    return this.queue.list(identity, query);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles('lead', 'admin')
  @ApiOkResponse({ type: ReviewAssignmentResponseDto })
  @ApiProblems({
    400: 'no assignee',
    403: 'not a lead or admin',
    404: 'no such assignment in this tenant',
    409: 'stale expectedVersion',
  })
  reassign(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Body() dto: ReassignRequestDto,
  ) {
    return this.queue.reassign(identity, id, dto);
  }
}
