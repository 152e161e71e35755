import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, Matches } from 'class-validator';
import type { ScorecardDefinition } from '@qa/qa-rules';

export class CreateScorecardVersionRequestDto {
  @ApiProperty({ description: 'sections, items, grade bands (validated by the engine)' })
  @IsObject()
  definition!: ScorecardDefinition;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

export class CreateScorecardRequestDto extends CreateScorecardVersionRequestDto {
  @ApiProperty({ example: 'inbound-service', description: 'stable key; versions hang off it' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, {
    message: 'key must be 1–64 lowercase letters, digits or "-"',
  })
  key!: string;
}
