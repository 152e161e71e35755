import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '@qa/platform';

/** What an admin may change on a user; null clears an id. Every change ends the user's sessions. */
export class UpdateUserRequestDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ nullable: true, description: 'required for agents' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  agentId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  teamId?: string | null;

  @ApiPropertyOptional({ description: 'true: no login, every token stops working' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'the version read; a stale one is a 409 naming the current version',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ResetPasswordRequestDto {
  @ApiProperty({
    minLength: 12,
    description:
      'at least 12 characters, hard to guess (zxcvbn score 3+), not containing the username',
  })
  @IsString()
  @MinLength(12, { message: 'newPassword must be at least 12 characters' })
  @MaxLength(256)
  newPassword!: string;
}
