import { piiTextTransformer } from '@qa/pii';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Breach, TicketClocks } from '../../../domain/ticket-clocks';
import type { TicketStatus } from '../../../domain/ticket-state-machine';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

@Entity({ name: 'tickets' })
export class TicketEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'call_id', type: 'text', nullable: true }) callId!: string | null;
  @Column({ name: 'evaluation_id', type: 'text', nullable: true }) evaluationId!: string | null;
  /** customerId and customerPhone are encrypted at rest (PII_KEY); look them up by their hmacs. */
  @Column({ name: 'customer_id', type: 'text', nullable: true, transformer: piiTextTransformer })
  customerId!: string | null;
  @Column({ name: 'customer_phone', type: 'text', nullable: true, transformer: piiTextTransformer })
  customerPhone!: string | null;
  @Column({ name: 'customer_id_hmac', type: 'text', nullable: true }) customerIdHmac!:
    string | null;
  @Column({ name: 'customer_phone_hmac', type: 'text', nullable: true })
  customerPhoneHmac!: string | null;
  /** Opaque (HMAC) customer identity: the id's hmac, else the phone's (customerLookup). */
  @Column({ name: 'customer_key', type: 'text', nullable: true }) customerKey!: string | null;
  @Column({ name: 'agent_id', type: 'text', nullable: true }) agentId!: string | null;
  @Column({ name: 'team_id', type: 'text', nullable: true }) teamId!: string | null;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text' }) severity!: Severity;
  /** Encrypted at rest: it quotes the call (a detected ticket's evidence). */
  @Column({ type: 'text', transformer: piiTextTransformer }) description!: string;
  @Column({ type: 'text' }) status!: TicketStatus;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) assignee!: string | null;
  @Column({ name: 'root_cause', type: 'text', nullable: true }) rootCause!: string | null;
  @Column({ type: 'text', nullable: true }) department!: string | null;
  @Column({ name: 'promised_reply_at', type: 'timestamptz', nullable: true })
  promisedReplyAt!: Date | null;
  @Column({ type: 'jsonb' }) clocks!: TicketClocks;
  @Column({ type: 'jsonb' }) breached!: Breach[];
  @Column({ name: 'next_due_at', type: 'timestamptz', nullable: true }) nextDueAt!: Date | null;
  @Column({ type: 'boolean' }) overdue!: boolean;
  @Column({ type: 'boolean' }) paused!: boolean;
  @Column({ name: 'repeat_of', type: 'uuid', nullable: true }) repeatOf!: string | null;
  @Column({ name: 'callback_attempt', type: 'integer' }) callbackAttempt!: number;
  @Column({ name: 'reopened_count', type: 'integer' }) reopenedCount!: number;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
