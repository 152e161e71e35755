import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALLBACK_OUTCOMES } from '../../callbacks/callback.entity';
import { TICKET_STATUSES } from '../../../domain/ticket-state-machine';
import { SEVERITIES } from './ticket.request.dto';

export class CustomerResponseDto {
  @ApiProperty({ nullable: true, type: String }) id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'masked for qa, ops and agent' })
  phone!: string | null;
}

export class BreachResponseDto {
  @ApiProperty({ enum: ['accept', 'reply', 'callback'] }) purpose!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() at!: string;
}

export class SlaResponseDto {
  @ApiProperty({ nullable: true, type: String }) acceptBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) replyBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) callbackBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextDueAt!: string | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [BreachResponseDto] }) breached!: BreachResponseDto[];
  @ApiProperty() paused!: boolean;
}

export class TicketLinksResponseDto {
  @ApiProperty({ nullable: true, type: String }) call!: string | null;
  @ApiProperty({ nullable: true, type: String }) evaluations!: string | null;
}

export class TicketResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) callId!: string | null;
  @ApiProperty({ nullable: true, type: String }) evaluationId!: string | null;
  @ApiProperty({ type: CustomerResponseDto }) customer!: CustomerResponseDto;
  @ApiProperty({ nullable: true, type: String }) agentId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty() category!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status!: string;
  @ApiProperty({ enum: TICKET_STATUSES, isArray: true }) allowedMoves!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ nullable: true, type: String }) assignee!: string | null;
  @ApiProperty({ nullable: true, type: String }) rootCause!: string | null;
  @ApiProperty({ nullable: true, type: String }) department!: string | null;
  @ApiProperty({ nullable: true, type: String }) promisedReplyAt!: string | null;
  @ApiProperty({ type: SlaResponseDto }) sla!: SlaResponseDto;
  @ApiProperty({ nullable: true, type: String, description: 'the earlier ticket this repeats' })
  repeatOf!: string | null;
  @ApiProperty() callbackAttempt!: number;
  @ApiProperty() reopenedCount!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: TicketLinksResponseDto }) links!: TicketLinksResponseDto;
}

export class HistoryEntryResponseDto {
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty() reason!: string;
}

export class CallbackResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() attempt!: number;
  @ApiProperty({ enum: CALLBACK_OUTCOMES }) outcome!: string;
  @ApiProperty({ nullable: true, type: Number }) satisfaction!: number | null;
  @ApiProperty() notes!: string;
  @ApiProperty({ nullable: true, type: String }) callId!: string | null;
  @ApiProperty() by!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String }) dueAt!: string | null;
  @ApiProperty() onTime!: boolean;
  @ApiProperty({ description: 'false for a no-answer that will be retried' }) final!: boolean;
}

export class TicketDetailResponseDto extends TicketResponseDto {
  @ApiProperty({ type: [HistoryEntryResponseDto] }) history!: HistoryEntryResponseDto[];
  @ApiProperty({ type: [CallbackResponseDto] }) callbacks!: CallbackResponseDto[];
}

export class TicketPageResponseDto {
  @ApiProperty({ type: [TicketResponseDto] }) items!: TicketResponseDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export class RecordedCallbackResponseDto extends CallbackResponseDto {
  @ApiProperty({ type: TicketResponseDto }) ticket!: TicketResponseDto;
}
