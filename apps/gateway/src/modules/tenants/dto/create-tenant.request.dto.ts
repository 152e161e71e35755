import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsInt,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class CreateTenantRequestDto {
  @ApiProperty({ example: 'acme' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, {
    message: 'tenantId must be 2–64 lowercase letters, digits or "-"',
  })
  tenantId!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;

  @ApiProperty({ description: 'used by the greeting rule', example: '示例公司' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  companyName!: string;

  @ApiProperty({ default: 3, description: 'seed manuals: one ring is about 3 s' })
  @IsInt()
  @Min(1)
  @Max(30)
  secondsPerRing!: number;

  @ApiProperty({ example: 'Asia/Shanghai' })
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, {
    message: 'timezone must be an IANA name such as Asia/Shanghai',
  })
  // A zone the runtime knows (IANA database), not just a name shaped like one.
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Asia/Shanghai' })
  timezone!: string;
}

/** PATCH: any of the settings; the id stays. */
export class UpdateTenantRequestDto extends PartialType(
  OmitType(CreateTenantRequestDto, ['tenantId'] as const),
) {}
