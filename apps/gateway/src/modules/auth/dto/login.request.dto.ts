import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginRequestDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) password!: string;
}

export class RefreshRequestDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(200) refreshToken!: string;
}

export class TokenPairResponseDto {
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'access token lifetime in seconds' }) expiresIn!: number;
}

export class ChangePasswordRequestDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(256) currentPassword!: string;
  @ApiProperty({
    minLength: 12,
    description: 'at least 12 characters, hard to guess, not the username',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  newPassword!: string;
}
