import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, tenantOf } from '@qa/platform';
import {
  CreateScorecardRequestDto,
  CreateScorecardVersionRequestDto,
} from './dto/create-scorecard.request.dto';
import { ScorecardResponseDto } from './dto/scorecard.response.dto';
import { toScorecardResponse } from './scorecards.mapper';
import { ScorecardsService } from './scorecards.service';

@ApiTags('scorecards')
@Controller('api/v1/scorecards')
export class ScorecardsController {
  constructor(private readonly scorecards: ScorecardsService) {}

  @Get()
  @Roles('admin', 'qa', 'lead', 'ops')
  async list(@CurrentIdentity() identity: Identity): Promise<ScorecardResponseDto[]> {
    return (await this.scorecards.list(tenantOf(identity))).map(toScorecardResponse);
  }

  @Post()
  @Roles('admin')
  async create(@CurrentIdentity() identity: Identity, @Body() dto: CreateScorecardRequestDto) {
    const row = await this.scorecards.addVersion(tenantOf(identity), dto.key, dto.definition, {
      actor: identity.userId,
      activate: dto.activate ?? false,
      isNew: true,
    });
    return toScorecardResponse(row);
  }

  @Get(':key/versions')
  @Roles('admin', 'qa', 'lead', 'ops')
  async versions(@CurrentIdentity() identity: Identity, @Param('key') key: string) {
    return (await this.scorecards.versions(tenantOf(identity), key)).map(toScorecardResponse);
  }

  @Post(':key/versions')
  @Roles('admin')
  async addVersion(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Body() dto: CreateScorecardVersionRequestDto,
  ) {
    const row = await this.scorecards.addVersion(tenantOf(identity), key, dto.definition, {
      actor: identity.userId,
      activate: dto.activate ?? false,
      isNew: false,
    });
    return toScorecardResponse(row);
  }

  @Get(':key/versions/:version')
  @Roles('admin', 'qa', 'lead', 'ops')
  async version(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return toScorecardResponse(await this.scorecards.get(tenantOf(identity), key, version));
  }

  @Post(':key/versions/:version/activate')
  @Roles('admin')
  async activate(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return toScorecardResponse(await this.scorecards.activate(tenantOf(identity), key, version));
  }
}
