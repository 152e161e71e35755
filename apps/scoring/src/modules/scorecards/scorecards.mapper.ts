import type { ScorecardResponseDto } from './dto/scorecard.response.dto';
import type { ScorecardEntity } from './entities/scorecard.entity';

export function toScorecardResponse(s: ScorecardEntity): ScorecardResponseDto {
  return {
    id: s.id,
    key: s.scorecardKey,
    version: s.version,
    name: s.name,
    active: s.active,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    definition: s.definition,
  };
}
