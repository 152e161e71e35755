import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, tenantOf } from '@qa/platform';
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
  @ApiOkResponse({ type: [ScorecardResponseDto] })
  @ApiProblems({ 404: 'no tenant (the platform admin)' })
  async list(@CurrentIdentity() identity: Identity): Promise<ScorecardResponseDto[]> {
    return (await this.scorecards.list(tenantOf(identity))).map(toScorecardResponse);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ScorecardResponseDto })
  @ApiProblems({
    400: 'invalid fields, named (the key)',
    404: 'no tenant (the platform admin)',
    409: 'a scorecard with this key exists: add a version',
    422: 'the definition is invalid or over a limit, each problem with its path',
  })
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
  @ApiOkResponse({ type: [ScorecardResponseDto] })
  @ApiProblems({ 404: 'no such scorecard' })
  async versions(@CurrentIdentity() identity: Identity, @Param('key') key: string) {
    return (await this.scorecards.versions(tenantOf(identity), key)).map(toScorecardResponse);
  }

  @Post(':key/versions')
  @Roles('admin')
  @ApiCreatedResponse({ type: ScorecardResponseDto })
  @ApiProblems({
    400: 'invalid fields, named',
    404: 'no such scorecard',
    422: 'the definition is invalid or over a limit, each problem with its path',
  })
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
  @ApiOkResponse({ type: ScorecardResponseDto })
  @ApiProblems({ 400: 'the version is not a number', 404: 'no such scorecard version' })
  async version(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return toScorecardResponse(await this.scorecards.get(tenantOf(identity), key, version));
  }

  @Post(':key/versions/:version/activate')
  @Roles('admin')
  @ApiCreatedResponse({ type: ScorecardResponseDto, description: 'the version, now active' })
  @ApiProblems({ 400: 'the version is not a number', 404: 'no such scorecard version' })
  async activate(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return toScorecardResponse(await this.scorecards.activate(tenantOf(identity), key, version));
  }
}
