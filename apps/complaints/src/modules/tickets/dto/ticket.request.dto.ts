import { PageRequestDto } from '@qa/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TICKET_STATUSES, TicketStatus } from '../../../domain/ticket-state-machine';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export class CustomerRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[+\d][\d\s-]{2,30}$/) phone?: string;
}

export class CreateTicketRequestDto {
  @ApiPropertyOptional({ description: 'the originating call' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  callId?: string;

  @ApiProperty({ type: CustomerRequestDto })
  @ValidateNested()
  @Type(() => CustomerRequestDto)
  customer!: CustomerRequestDto;

  @ApiProperty({ example: 'billing' }) @IsString() @MinLength(1) @MaxLength(64) category!: string;

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'medium' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) description!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) agentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) teamId?: string;
}

export class ListTicketsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) callId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) customerId?: string;
}

export class PatchTicketRequestDto {
  @ApiProperty() @IsInt() @Min(1) expectedVersion!: number;

  @ApiPropertyOptional({ nullable: true, description: 'a user id or name; null unassigns' })
  @IsOptional()
  @Transform(({ value }) => (value === null ? '' : value))
  @IsString()
  @MaxLength(128)
  assignee?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(64) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) rootCause?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) department?: string;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: (typeof SEVERITIES)[number];

  @ApiPropertyOptional({
    description: 'the reply time promised to the customer (the reply deadline)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  promisedReplyAt?: string;

  @ApiPropertyOptional({ description: 'true pauses every SLA clock until false' })
  @IsOptional()
  @IsBoolean()
  waitingOnCustomer?: boolean;
}

export class TransitionRequestDto {
  @ApiProperty({ enum: TICKET_STATUSES }) @IsIn(TICKET_STATUSES) to!: TicketStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiProperty() @IsInt() @Min(1) expectedVersion!: number;
}
