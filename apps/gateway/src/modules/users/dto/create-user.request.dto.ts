import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '@qa/platform';

export class CreateUserRequestDto {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
    message: 'username must be 3–64 letters, digits, ".", "_" or "-"',
  })
  username!: string;

  @ApiProperty({
    minLength: 12,
    description:
      'at least 12 characters, hard to guess (zxcvbn score 3+), not containing the username',
  })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'tenantId must be an existing tenant id' })
  tenantId!: string;

  @ApiPropertyOptional({ description: 'required for agents: the agentId their calls carry' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  agentId?: string;

  @ApiPropertyOptional({ description: 'for leads and agents: the teamId their calls carry' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  teamId?: string;
}

export class UserResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true }) tenantId!: string | null;
  @ApiPropertyOptional({ nullable: true }) agentId!: string | null;
  @ApiPropertyOptional({ nullable: true }) teamId!: string | null;
  @ApiProperty({ description: 'a disabled user cannot log in and has no live token' })
  disabled!: boolean;
  @ApiProperty({
    description: "raised by every admin edit; send it back as a PATCH's expectedVersion",
  })
  version!: number;
}
