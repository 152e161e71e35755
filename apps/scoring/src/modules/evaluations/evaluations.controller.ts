import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity } from '@qa/platform';
import { EvaluationPageResponseDto, EvaluationResponseDto } from './dto/evaluation.response.dto';
import { ListEvaluationsRequestDto } from './dto/list-evaluations.request.dto';
import { EvaluationsService } from './evaluations.service';

@ApiTags('evaluations')
@Controller('api/v1/evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get()
  @ApiOkResponse({ type: EvaluationPageResponseDto })
  @ApiProblems({
    400: 'a bad query parameter, named (a cursor from another query, to before from)',
    404: 'no tenant (the platform admin)',
  })
  list(@CurrentIdentity() identity: Identity, @Query() query: ListEvaluationsRequestDto) {
    return this.evaluations.list(identity, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: EvaluationResponseDto })
  @ApiProblems({ 404: 'no such evaluation the caller may see' })
  get(@CurrentIdentity() identity: Identity, @Param('id') id: string) {
    return this.evaluations.get(identity, id);
  }
}
