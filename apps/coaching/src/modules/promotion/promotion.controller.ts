import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import type { Response } from 'express';
import { rankingCsv } from '../../domain/promotion';
import {
  CreateRoundRequestDto,
  PutCandidateRequestDto,
  RankingQueryRequestDto,
} from './dto/promotion.request.dto';
import { PromotionService } from './promotion.service';

@ApiTags('promotion')
@Controller('api/v1/promotion/rounds')
@Roles('admin', 'lead')
export class PromotionController {
  constructor(private readonly promotion: PromotionService) {}

  @Post()
  @ApiCreatedResponse({
    description: 'the round: {id, name, period, eligibility, weights, createdBy, createdAt}',
  })
  @ApiProblems({ 400: 'bad input naming the field (weights that do not sum to 100: "weights")' })
  create(@CurrentIdentity() identity: Identity, @Body() body: CreateRoundRequestDto) {
    return this.promotion.create(identity, body);
  }

  @Get()
  @ApiOkResponse({ description: '{items: rounds}, newest first' })
  list(@CurrentIdentity() identity: Identity) {
    return this.promotion.list(identity);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'the round with its candidates' })
  @ApiProblems({ 404: 'no such round' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.promotion.get(identity, id);
  }

  @Put(':id/candidates/:agentId')
  @ApiOkResponse({ description: 'the inputs entered for the candidate' })
  @ApiProblems({ 400: 'bad input naming the field', 404: 'no such round' })
  candidate(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Param('agentId') agentId: string,
    @Body() body: PutCandidateRequestDto,
  ) {
    return this.promotion.putCandidate(identity, id, agentId, body);
  }

  @Get(':id/ranking')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{round, sources, items: [{rank, agentId, eligible, reasons, grade, majorIncident, bands, factors: {factor: {raw, points, weight, weighted}}, kpi: {source: derived|entered|none, derived, entered, onTarget, withTarget, figures: [{month, kpi, value, target, onTarget}]}, total, entered, trainingCalls, surveyed}]}; format=csv: the same as CSV',
  })
  @ApiProblems({ 404: 'no such round' })
  async ranking(
    @CurrentIdentity() identity: Identity,
    @Param('id') id: string,
    @Query() q: RankingQueryRequestDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.promotion.ranking(identity, id);
    if (q.format !== 'csv') return view;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="promotion-${view.round.id}.csv"`);
    return rankingCsv(view.items);
  }
}
