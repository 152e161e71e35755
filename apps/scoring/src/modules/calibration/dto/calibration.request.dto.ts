import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const USERNAME = /^\S{1,64}$/;
const OUTCOMES = ['pass', 'fail', 'not_applicable'] as const;

export class CreateCalibrationRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) name?: string;

  @ApiProperty({ type: [String], description: 'calls with an evaluation in this tenant (1–50)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  callIds!: string[];

  @ApiProperty({ type: [String], description: 'usernames of the QA staff who score blind (1–20)' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(USERNAME, { each: true, message: 'each evaluator is a username' })
  evaluators!: string[];

  @ApiProperty({ description: 'username of the expert whose scores are the benchmark' })
  @Matches(USERNAME, { message: 'expert must be a username' })
  expert!: string;
}

export class CalibrationItemScoreDto {
  @ApiProperty() @IsString() @MaxLength(128) itemId!: string;
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome!: (typeof OUTCOMES)[number];
}

export class CalibrationCallScoreDto {
  @ApiProperty() @IsString() @MaxLength(128) callId!: string;

  @ApiProperty({ type: [CalibrationItemScoreDto] })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CalibrationItemScoreDto)
  items!: CalibrationItemScoreDto[];
}

export class SubmitCalibrationScoresRequestDto {
  @ApiProperty({
    type: [CalibrationCallScoreDto],
    description: 'every call of the session, every item of its scorecard',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CalibrationCallScoreDto)
  scores!: CalibrationCallScoreDto[];
}
