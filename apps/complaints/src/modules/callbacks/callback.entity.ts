import { piiTextTransformer } from '@qa/pii';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'refused', 'wrong_number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** One row of the 回访记录表: every attempt, including those that found no answer. */
@Entity({ name: 'callbacks' })
export class CallbackEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'ticket_id', type: 'uuid' }) ticketId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ type: 'text' }) outcome!: CallbackOutcome;
  @Column({ type: 'integer', nullable: true }) satisfaction!: number | null;
  /** Encrypted at rest: what the customer said on the callback, numbers and all. */
  @Column({ type: 'text', transformer: piiTextTransformer }) notes!: string;
  @Column({ name: 'call_id', type: 'text', nullable: true }) callId!: string | null;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'on_time', type: 'boolean' }) onTime!: boolean;
  /** False for a no-answer that will be retried. */
  @Column({ type: 'boolean' }) final!: boolean;
}
