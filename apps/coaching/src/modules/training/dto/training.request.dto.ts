import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ModuleRequestDto {
  @ApiProperty({ example: '投诉处理六步法' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  hours?: number;
}

export class CreateProgrammeRequestDto {
  @ApiProperty({ example: '2026 秋季服务礼仪强化' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: [ModuleRequestDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ModuleRequestDto)
  modules!: ModuleRequestDto[];

  @ApiProperty({ example: '2026-10-12' })
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  startDate!: string;
  @ApiProperty({ example: '2026-10-16' })
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate!: string;

  @ApiProperty({ type: [String], description: 'agent ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  trainees!: string[];

  @ApiPropertyOptional({ example: { 'a-1': 1 }, description: 'attendance rate per trainee, 0–1' })
  @IsOptional()
  @IsObject()
  attendance?: Record<string, unknown>;
}

export class AttendanceRequestDto {
  @ApiProperty({ example: { 'a-1': 0.8 }, description: 'attendance rate per trainee, 0–1' })
  @IsObject()
  attendance!: Record<string, unknown>;
}
